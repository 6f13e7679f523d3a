import type { JobId } from '../../shared/ipc';
import { api } from '../api';
import { useCairn, type CairnState } from '../store';

const showError = (error: string | null): void => useCairn.getState().set({ error });

/** Runs one request for evidence; a failure shows as the window's error, and yields undefined. */
async function request(call: () => Promise<JobId | null>): Promise<JobId | null | undefined> {
  showError(null);
  try {
    return await call();
  } catch (failure) {
    showError(`Cannot add evidence: ${(failure as Error).message}`);
    return undefined;
  }
}

/** Shows the open dialog (main opens it) and imports what the user picks into the open case. */
export async function pickEvidence(): Promise<void> {
  await request(() => api().openEvidence());
}

/** Why dropped evidence cannot be added now, or null when it can. */
export function dropRefusal({ current, ingest }: Pick<CairnState, 'current' | 'ingest'>): string | null {
  if (!current) return 'Open or create a case first, then drop the evidence on it.';
  if (ingest?.running) return 'An import is running: drop more evidence once it has finished.';
  return null;
}

/** Imports files and folders dropped on the window into the open case, or says why it cannot. */
export async function addDroppedEvidence(files: File[]): Promise<void> {
  const refusal = dropRefusal(useCairn.getState());
  if (refusal) return showError(refusal);
  const job = await request(() => api().addDroppedEvidence(files));
  if (job === null) showError('Nothing was added: only files and folders from this computer can be dropped here.');
}
