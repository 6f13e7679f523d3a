import type { FileRecord } from '../db/caseDb';
import type { EventRow } from './caseIndex';

/** What the page shows of a case before any search: its size, span, evidence and first rows. */
export interface CaseOverview {
  count: number;
  /** Epoch ms of the earliest and latest known event time; null when no event has a time. */
  minTime: number | null;
  maxTime: number | null;
  files: FileRecord[];
  rows: EventRow[];
}

export type QueryRequest = { id: number; type: 'overview'; limit: number };
export type QueryResponse = { id: number; result: CaseOverview } | { id: number; error: string };
