import { closeSync, openSync } from 'node:fs';

/**
 * Runs `read` on a file opened read-only, synchronously (on the job's threads: see walkFiles),
 * and closes it; undefined when the file cannot be opened or read.
 */
export function readingFile<T>(path: string, read: (fd: number) => T): T | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    return read(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
