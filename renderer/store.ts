import { create } from 'zustand';
import type { IngestProgress, JobId } from '../shared/ipc';
import { DEFAULT_CASE_SORT, type CaseSort } from './cases/caseOrder';
import type { CaseInfo } from './cases/caseRegistry';
import type { StorageStatus } from './cases/storageStatus';
import { DEFAULT_EVIDENCE_QUERY, type EvidenceQuery } from './query/evidenceListing';
import type { NameOnlyEvents } from './query/iamUserAliases';
import type { CaseOverview, EventRow, ExplorerView } from './query/queryProtocol';

/** The job whose progress the window shows. */
export interface IngestView {
  job: JobId;
  progress: IngestProgress;
  stored: number;
  running: boolean;
  cancelled: boolean;
  error: string | null;
}

export const DEFAULT_VIEW: ExplorerView = {
  filters: [],
  order: 'asc',
  marked: 'all',
  columns: ['time', 'eventName', 'eventSource', 'actor', 'sourceIp', 'region', 'errorCode'],
  zone: 'utc',
};

/** The open case's panels: the explorer, or the evidence files. */
export type CaseTab = 'events' | 'evidence';

/** UI and session state only; events live in the case database. */
export interface CairnState {
  cases: CaseInfo[];
  /** The start screen's order, kept as an app pref. */
  caseSort: CaseSort;
  current: CaseInfo | null;
  overview: CaseOverview | null;
  view: ExplorerView;
  /** Bumped whenever the listing must be read again (new query, new events, new marks). */
  listingVersion: number;
  /** The last bump of listingVersion brought new events (an import): the listing keeps its place rather than returning to the top. */
  listingGrew: boolean;
  /** Bumped when marks change: the rows in view are read again, where they are. */
  marksVersion: number;
  /** Bumped each time the open case is read (opened, or caught up with an import): what is shown of its events is asked for again (see useCaseAnswer). */
  caseReads: number;
  /** The selected event, as its row in the listing. */
  selected: EventRow | null;
  /** What the listing's actor pivot on an IAM user's ARN took in without the ARN (see iamUserAliases), as the listing last read it. */
  nameOnly: NameOnlyEvents[];
  tab: CaseTab;
  /** Whether the detail pane's pivots keep the listing's filters (narrowing it) or list every event with their value (see pivotScope). */
  pivotsKeepFilters: boolean;
  /** The evidence panel's choices: kept while the case is open, so that going back to the events and returning keeps them. */
  evidenceQuery: EvidenceQuery;
  ingest: IngestView | null;
  /** A request for evidence is under way (main's dialog open, or a job starting): no other may start until it is answered. */
  adding: boolean;
  /** Null until the browser has answered. */
  storage: StorageStatus | null;
  error: string | null;
  set(changes: Partial<Omit<CairnState, 'set' | 'setIngest'>>): void;
  setIngest(update: (current: IngestView | null) => IngestView | null): void;
}

export const EMPTY_PROGRESS: IngestProgress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, events: 0, duplicates: 0, conflicts: 0, errors: 0 };

export const useCairn = create<CairnState>()((set) => ({
  cases: [],
  caseSort: DEFAULT_CASE_SORT,
  current: null,
  overview: null,
  view: DEFAULT_VIEW,
  listingVersion: 0,
  listingGrew: false,
  marksVersion: 0,
  caseReads: 0,
  selected: null,
  nameOnly: [],
  tab: 'events',
  pivotsKeepFilters: true,
  evidenceQuery: DEFAULT_EVIDENCE_QUERY,
  ingest: null,
  adding: false,
  storage: null,
  error: null,
  set: (changes) => set(changes),
  setIngest: (update) => set((state) => ({ ingest: update(state.ingest) })),
}));
