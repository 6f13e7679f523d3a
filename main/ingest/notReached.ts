import type { EvidenceFile } from '../../shared/event';
import { asListed } from './fileTracker';
import { walkFiles } from './walkFiles';

/** What a file says that a job stopped on `error` (printable) had not reached. */
export const notReachedMessage = (error: string): string => `not read: the import stopped before it because of an error: ${error}`;

/**
 * The records of the files on disk a job stopped on `error` had not reached: the walk's files
 * after its first `skip`, numbered in the job from `index`, as the walk lists them (name, size,
 * format 'unknown' or what the walk knows it to be; no hashes; unread), each with the error saying it was
 * not read and why. The paths are walked again (the job's walk may be gone with its thread), on
 * the caller's thread: a job's, never the app's main thread.
 */
export function* notReached(paths: readonly string[], skip: number, index: number, error: string): Generator<EvidenceFile> {
  let at = 0;
  for (const listed of walkFiles(paths)) {
    if (at++ < skip) continue;
    const file = asListed(index++, listed, listed.notRead?.format);
    file.unread = true;
    file.issues.push({ severity: 'error', message: notReachedMessage(error), location: '', stopped: true });
    yield file;
  }
}
