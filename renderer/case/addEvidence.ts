import type { JobId } from '../../shared/ipc';
import { api } from '../api';
import { EMPTY_PROGRESS, useCairn, type CairnState } from '../store';

const showError = (error: string | null): void => useCairn.getState().set({ error });

/**
 * Runs one request for evidence, none while another is under way; a failure shows as the window's
 * error, and yields undefined. The job it starts shows as running from its answer on, whichever
 * comes first of the answer and the job's port: a second request in between would start a second
 * job writing into the same case at once.
 */
async function request(call: () => Promise<JobId | null>): Promise<JobId | null | undefined> {
  showError(null);
  useCairn.getState().set({ adding: true });
  try {
    const job = await call();
    if (job) useCairn.getState().setIngest((view) => (view?.job === job ? view : { job, progress: EMPTY_PROGRESS, stored: 0, running: true, cancelled: false, error: null }));
    return job;
  } catch (failure) {
    showError(`Cannot add evidence: ${(failure as Error).message}`);
    return undefined;
  } finally {
    useCairn.getState().set({ adding: false });
  }
}

/** Shows the open dialog (main opens it) and imports what the user picks into the open case. */
export async function pickEvidence(): Promise<void> {
  if (dropRefusal(useCairn.getState())) return;
  await request(() => api().openEvidence());
}

/** Why dropped evidence cannot be added now, or null when it can. */
export function dropRefusal({ current, ingest, adding }: Pick<CairnState, 'current' | 'ingest' | 'adding'>): string | null {
  if (!current) return 'Open or create a case first, then drop the evidence on it.';
  if (ingest?.running || adding) return 'An import is running: drop more evidence once it has finished.';
  return null;
}

/** Imports files and folders dropped on the window into the open case, or says why it cannot. */
export async function addDroppedEvidence(files: File[]): Promise<void> {
  const refusal = dropRefusal(useCairn.getState());
  if (refusal) return showError(refusal);
  const job = await request(() => api().addDroppedEvidence(files));
  if (job === null) showError('Nothing was added: only files and folders from this computer can be dropped here.');
}
