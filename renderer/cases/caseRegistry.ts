import Dexie, { type Table } from 'dexie';
import { DURABILITY } from '../db/caseDb';
import type { InterruptedImport } from '../db/interruptedImport';
import type { EvidenceQuery } from '../query/evidenceListing';
import type { EventRow, ExplorerView } from '../query/queryProtocol';
import type { CaseTab } from '../store';

/** A case as the start screen lists it; its events live in a database of its own. */
export interface CaseInfo {
  id: string;
  name: string;
  created: number;
  lastOpened: number;
  events: number;
  /** How many of them are CSV rows of calls another of its events stands for (see csvRowsOfFull); unset in a case not read since it was counted. */
  csvRowsOfFull?: number;
  /** Epoch ms of the earliest and latest event with a time; null when none has one. */
  minTime: number | null;
  maxTime: number | null;
  evidence: number;
  /** An import into it is running: set as it starts, cleared once it ended. Still set when the case is next listed, the app closed during it. */
  importing?: boolean;
  /** What an import the app closed on left in it, recorded when the case was next listed; said once, when it is next opened. */
  interrupted?: InterruptedImport;
  /** The explorer as it was left, restored when the case is opened again. */
  view?: ExplorerView;
  /** The event selected and how far down the listing was scrolled when it was left, restored with the view. */
  reading?: Reading;
}

/**
 * Where the investigator was: the selected event (as its row then), the listing's scroll offset in
 * px, the panel shown and the Evidence panel's choices (absent in readings saved before they were kept).
 */
export interface Reading {
  selected: EventRow | null;
  top: number;
  tab?: CaseTab;
  evidenceQuery?: EvidenceQuery;
}

/** A choice the investigator made about the app itself (not about a case), kept across sessions. */
interface Pref {
  key: string;
  value: unknown;
}

/**
 * Cairn before registry version 3 opened every case as it created it, one registry write later, so
 * `lastOpened` missed `created` by that write's time. Nobody reopens a case this soon.
 */
const OPENED_AS_CREATED_MS = 2000;

class Registry extends Dexie {
  cases!: Table<CaseInfo, string>;
  prefs!: Table<Pref, string>;

  constructor() {
    super('cairn-cases', { chromeTransactionDurability: DURABILITY.marks });
    this.version(1).stores({ cases: 'id, lastOpened' });
    this.version(2).stores({ prefs: 'key' });
    // A case those versions created and nobody opened again says so, as the cases created since do.
    this.version(3)
      .stores({})
      .upgrade((tx) =>
        tx
          .table<CaseInfo>('cases')
          .toCollection()
          .modify((info) => {
            if (info.lastOpened > info.created && info.lastOpened - info.created < OPENED_AS_CREATED_MS) info.lastOpened = info.created;
          }),
      );
  }
}

const registry = new Registry();

/** The name of a case's own database. */
export const caseDbName = (id: string): string => `cairn-case-${id}`;

/** Cases, the most recently opened first. */
export async function listCases(): Promise<CaseInfo[]> {
  return (await registry.cases.orderBy('lastOpened').reverse().toArray());
}

/** A stored pref's value, unchecked (it may come from another version of Cairn); undefined when never set. */
export async function readPref(key: string): Promise<unknown> {
  return (await registry.prefs.get(key))?.value;
}

export async function writePref(key: string, value: unknown): Promise<void> {
  await registry.prefs.put({ key, value });
}

/** A new case; `lastOpened` equals `created` until it is opened again after being created. */
export async function createCase(name: string, now = Date.now()): Promise<CaseInfo> {
  const info: CaseInfo = { id: crypto.randomUUID(), name, created: now, lastOpened: now, events: 0, minTime: null, maxTime: null, evidence: 0 };
  await registry.cases.add(info);
  return info;
}

export async function readCase(id: string): Promise<CaseInfo | undefined> {
  return registry.cases.get(id);
}

export async function updateCase(id: string, changes: Partial<Omit<CaseInfo, 'id'>>): Promise<void> {
  await registry.cases.update(id, changes);
}

/** Removes a case and its database (events, evidence records, annotations); never the evidence itself. */
export async function deleteCase(id: string): Promise<void> {
  await Dexie.delete(caseDbName(id));
  await registry.cases.delete(id);
}
