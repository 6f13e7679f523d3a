import { QueryClient } from '../query/queryClient';
import { DEFAULT_EVIDENCE_QUERY } from '../query/evidenceListing';
import type { CaseOverview, ExplorerView } from '../query/queryProtocol';
import { CaseDb } from '../db/caseDb';
import { recordInterruptedImport } from '../db/interruptedImport';
import { jobInterrupted } from '../ingest/addAgain';
import { DEFAULT_VIEW, EMPTY_PROGRESS, useCairn, type CairnState, type CaseTab } from '../store';
import { pickedOrder } from '../ui/sortOrder';
import { requestPersistentStorage } from './storageStatus';
import { DEFAULT_CASE_SORT, firstDirection, isCaseSort, type CaseSortKey } from './caseOrder';
import { caseDbName, createCase, deleteCase, listCases, readCase, readPref, updateCase, writePref, type CaseInfo } from './caseRegistry';

/** The query worker, shared by the whole window. */
export const query = new QueryClient();

/** Shows what failed and why in the window's alert. */
export const report = (what: string) => (error: unknown) => useCairn.getState().set({ error: `${what}: ${(error as Error).message}` });

/** How far down the open case's listing is scrolled, kept by the listing as it scrolls: read when the listing is drawn again, saved with the case. */
export const listingPlace = { top: 0 };

let pendingReading: ReturnType<typeof setTimeout> | undefined;

/** What the investigator chose to read (selected event, panel and its choices), as last saved: the part of the reading that is saved at once. */
let savedChoice = '';
const choiceOf = ({ selected, tab, evidenceQuery }: Pick<CairnState, 'selected' | 'tab' | 'evidenceQuery'>): string =>
  JSON.stringify([selected && [selected.segment, selected.row], tab, evidenceQuery]);

/**
 * Saves where the investigator is reading (selected event, scroll, panel and its choices) with the
 * case: at once when the event, panel or choices changed, else (scrolling) at most every half
 * second. A scroll just before the app closes must not take the selection made before it with it.
 */
export function rememberReading(): void {
  clearTimeout(pendingReading);
  if (choiceOf(useCairn.getState()) !== savedChoice) void saveReading();
  else pendingReading = setTimeout(() => void saveReading(), 500);
}

async function saveReading(): Promise<void> {
  clearTimeout(pendingReading);
  const state = useCairn.getState();
  const { current, selected, tab, evidenceQuery } = state;
  savedChoice = choiceOf(state);
  if (current) await updateCase(current.id, { reading: { selected, top: listingPlace.top, tab, evidenceQuery } }).catch(report('Cannot save the selection'));
}

const CASE_SORT_PREF = 'caseSort';

/** The start screen's figures of a case, as a reading of it gives them. */
const statsOf = (overview: CaseOverview): Pick<CaseInfo, 'events' | 'csvRowsOfFull' | 'minTime' | 'maxTime' | 'evidence'> => ({ events: overview.count, csvRowsOfFull: overview.csvRowsOfFull, minTime: overview.minTime, maxTime: overview.maxTime, evidence: overview.evidence.outermost });

/** Settling the cases the app closed on while importing into them (see settledCase): a case is opened once it is over. */
let settling: Promise<unknown> = Promise.resolve();

/**
 * Case `id` as the registry has it, after an import the app closed on is settled: what it stored
 * recorded (recordInterruptedImport), and the start screen's figures counted again from the case,
 * since they are saved only when an import ends.
 */
async function settledCase(id: string): Promise<CaseInfo | undefined> {
  const info = await readCase(id);
  if (!info?.importing) return info;
  const caseDb = caseDbName(id);
  const db = new CaseDb(caseDb);
  const interrupted = await recordInterruptedImport(db).finally(() => db.close());
  const stats = statsOf(await query.ask({ type: 'open', caseDb }));
  await query.ask({ type: 'close' });
  await updateCase(id, { ...stats, importing: false, ...(interrupted ? { interrupted } : {}) });
  return readCase(id);
}

export async function refreshCases(): Promise<void> {
  const [cases, sort] = await Promise.all([listCases(), readPref(CASE_SORT_PREF)]);
  const storage = await requestPersistentStorage();
  useCairn.getState().set({ cases, storage, caseSort: isCaseSort(sort) ? sort : DEFAULT_CASE_SORT });
  const cut = cases.filter((info) => info.importing);
  if (cut.length === 0) return;
  settling = Promise.all(cut.map((info) => settledCase(info.id))).catch(report('Cannot record what an import cut off by the app closing stored'));
  await settling;
  useCairn.getState().set({ cases: await listCases() });
}

/** Orders the start screen by `key`: a column picked again turns its order round. The choice is kept for the next session. */
export function sortCasesBy(key: CaseSortKey): void {
  const { caseSort } = useCairn.getState();
  const next = pickedOrder(caseSort, key, firstDirection);
  useCairn.getState().set({ caseSort: next });
  void writePref(CASE_SORT_PREF, next).catch(report('Cannot keep the order of the cases'));
}

/**
 * Reads the open case (`open`: all of it, as when it is opened; `refresh`: what was stored since,
 * during or after an import) and keeps the start screen's figures in step (`saveStats`).
 */
export async function refreshOverview(read: 'open' | 'refresh' = 'open', saveStats = true): Promise<void> {
  const { current } = useCairn.getState();
  if (!current) return;
  try {
    const overview = await query.ask({ type: read, caseDb: caseDbName(current.id) });
    const now = useCairn.getState();
    // Another case was opened meanwhile.
    if (now.current?.id !== current.id) return;
    const stats = statsOf(overview);
    // Shown before the start screen's figures are saved: the listing need not wait for that write.
    useCairn.getState().set({ overview, current: { ...now.current, ...stats }, listingVersion: now.listingVersion + 1, listingGrew: read === 'refresh', caseReads: now.caseReads + 1 });
    if (saveStats) await updateCase(current.id, stats);
  } catch (error) {
    report('Cannot read the case')(error);
  }
}

/** The least time between two catch-ups with a running import (each costs the query worker a new time order: ~100 ms at a million events). */
export const CATCH_UP_INTERVAL_MS = 2000;
let catchingUp: Promise<void> | null = null;
let lastCatchUp = -Infinity;
/** The catch-up waiting for its turn, if any. */
let due: ReturnType<typeof setTimeout> | undefined;

/**
 * Lets the listing and the summary show what a running import into case `id` has stored so far:
 * the case is read again (its new segments only) at most every CATCH_UP_INTERVAL_MS, one reading
 * at a time. Asked for sooner, the reading waits its turn instead of being dropped: the last
 * segments stored before an import falls silent (a large file being read, the app about to close)
 * are listed too.
 */
export function catchUpWithImport(id: string): void {
  if (due !== undefined) return;
  due = setTimeout(() => {
    due = undefined;
    if (useCairn.getState().current?.id !== id) return;
    if (catchingUp) return void catchingUp.then(() => catchUpWithImport(id));
    lastCatchUp = performance.now();
    catchingUp = refreshOverview('refresh', false).finally(() => (catchingUp = null));
  }, Math.max(0, lastCatchUp + CATCH_UP_INTERVAL_MS - performance.now()));
}

/** Reads case `id` once an import into it has ended, after any catch-up under way, and takes off its mark that an import is running. */
export async function catchUpAfterImport(id: string): Promise<void> {
  clearTimeout(due);
  due = undefined;
  await catchingUp;
  lastCatchUp = -Infinity;
  await refreshOverview('refresh');
  await updateCase(id, { importing: false }).catch(report('Cannot save the case'));
}

export async function openCase(listed: CaseInfo): Promise<void> {
  await settling;
  const info = (await settledCase(listed.id).catch(report('Cannot record what an import cut off by the app closing stored'))) ?? listed;
  const now = Date.now();
  await updateCase(info.id, { lastOpened: now, interrupted: undefined });
  await showCase({ ...info, lastOpened: now });
}

/** Makes `info` the open case, with the view and reading it was left with. */
async function showCase(info: CaseInfo): Promise<void> {
  const { reading } = info;
  listingPlace.top = reading?.top ?? 0;
  const { interrupted } = info;
  // An import the app closed on is said once, as its end would have been.
  const ingest = interrupted ? { job: interrupted.job, progress: { ...EMPTY_PROGRESS, errors: interrupted.errors }, stored: interrupted.stored, running: false, cancelled: false, error: jobInterrupted(interrupted.stored) } : null;
  useCairn.getState().set({ current: info, view: { ...DEFAULT_VIEW, ...info.view }, selected: reading?.selected ?? null, overview: null, listingGrew: false, tab: reading?.tab ?? 'events', evidenceQuery: { ...DEFAULT_EVIDENCE_QUERY, ...reading?.evidenceQuery }, error: null, ingest });
  savedChoice = choiceOf(useCairn.getState());
  await refreshOverview();
}

/** Shows one of the open case's panels, the one it opens on next time. */
export function showTab(tab: CaseTab): void {
  useCairn.getState().set({ tab });
  rememberReading();
}

/** The case last closed, whose Open button the start screen gives the keyboard to when it is drawn (taken once). */
export const closedCase: { id: string | null } = { id: null };

/** Closes the open case; the start screen comes with the cases' figures as they are now (this case's opening and evidence counted), never as they were read before. */
export async function closeCase(): Promise<void> {
  await saveReading();
  await query.ask({ type: 'close' });
  await refreshCases();
  closedCase.id = useCairn.getState().current?.id ?? null;
  useCairn.getState().set({ current: null, overview: null, selected: null, ingest: null, error: null });
}

let creating = false;

/** Creates a case and opens it; a second request while one is under way (a double click, Enter twice) creates nothing. */
export async function newCase(name: string): Promise<void> {
  if (creating) return;
  creating = true;
  try {
    // Shown without counting as an opening: the start screen says it has not been opened since it was created.
    await showCase(await createCase(name.trim() || 'Untitled case'));
  } finally {
    creating = false;
  }
}

/** Gives a case another name (a blank one is refused: the case keeps its name). */
export async function renameCase(id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed !== '') await updateCase(id, { name: trimmed }).catch(report('Cannot rename the case'));
  await refreshCases();
}

export async function removeCase(id: string): Promise<void> {
  await query.ask({ type: 'close' });
  await deleteCase(id);
  await refreshCases();
}

/**
 * Changes the explorer's view (filters, order, columns, …), saved with the case. The selected
 * event stays selected: the listing follows it to its new place, or lets it go if it no longer
 * lists it (EventTable), so a pivot or a change of order keeps the event the investigator is reading.
 */
export function changeView(changes: Partial<ExplorerView>): void {
  const { view, current, listingVersion } = useCairn.getState();
  const next = { ...view, ...changes };
  const listingChanged = changes.filters !== undefined || changes.order !== undefined || changes.marked !== undefined;
  useCairn.getState().set({ view: next, ...(listingChanged ? { listingVersion: listingVersion + 1, listingGrew: false } : {}) });
  if (current) void updateCase(current.id, { view: next }).catch(report('Cannot save the view'));
}
