import { create } from 'zustand';
import type { IngestProgress, JobId } from '../shared/ipc';
import type { CaseOverview } from './query/queryProtocol';

/** The job whose progress the window shows. */
export interface IngestView {
  job: JobId;
  progress: IngestProgress;
  stored: number;
  running: boolean;
  cancelled: boolean;
  error: string | null;
}

/** UI and session state only; events live in the case database. */
export interface CairnState {
  ingest: IngestView | null;
  overview: CaseOverview | null;
  error: string | null;
  setIngest(update: (current: IngestView | null) => IngestView | null): void;
  setOverview(overview: CaseOverview): void;
  setError(error: string | null): void;
}

export const EMPTY_PROGRESS: IngestProgress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, events: 0, duplicates: 0, conflicts: 0, errors: 0 };

export const useCairn = create<CairnState>()((set) => ({
  ingest: null,
  overview: null,
  error: null,
  setIngest: (update) => set((state) => ({ ingest: update(state.ingest) })),
  setOverview: (overview) => set({ overview }),
  setError: (error) => set({ error }),
}));
