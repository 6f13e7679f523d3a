import { stat, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface ListedFile {
  path: string;
  size: number;
  /** Why the path could not be listed, when it could not. */
  error?: string;
}

/** Entries of one folder stat'ed at once, ahead of the one being yielded. */
const STATS_AT_ONCE = 32;

type Found = { path: string; info: Stats } | { path: string; error: unknown };

/** The paths of one folder (or the picked paths), stat'ed a few at a time ahead and handed over in order. */
class Folder {
  private readonly ahead: Promise<Found>[] = [];
  private started = 0;

  constructor(private readonly paths: readonly string[]) {}

  next(): Promise<Found> | undefined {
    for (; this.started < this.paths.length && this.ahead.length < STATS_AT_ONCE; this.started++) {
      const path = this.paths[this.started]!;
      // The callback form: with 50,000 files, a third faster than node:fs/promises.
      this.ahead.push(new Promise((resolve) => stat(path, (error, info) => resolve(error ? { path, error } : { path, info }))));
    }
    return this.ahead.shift();
  }
}

const unreadable = (path: string, error: unknown): ListedFile => ({
  path,
  size: 0,
  error: `cannot open: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
});

/**
 * Yields the regular files under the picked paths: folders walked recursively in name order,
 * symbolic links inside them not followed. A path that cannot be read is yielded with its error.
 * Holds only the entries of the folders being walked, never the files already yielded.
 */
export async function* walkFiles(paths: readonly string[]): AsyncGenerator<ListedFile> {
  const folders = [new Folder(paths)];
  while (folders.length > 0) {
    const found = await folders.at(-1)!.next();
    if (!found) {
      folders.pop();
      continue;
    }
    const { path } = found;
    if ('error' in found) {
      yield unreadable(path, found.error);
    } else if (found.info.isFile()) {
      yield { path, size: found.info.size };
    } else if (found.info.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path, { withFileTypes: true })).filter((entry) => entry.isDirectory() || entry.isFile()).map((entry) => entry.name);
      } catch (error) {
        yield unreadable(path, error);
        continue;
      }
      // By UTF-16 code unit, whatever the locale.
      folders.push(new Folder(names.sort().map((name) => join(path, name))));
    }
  }
}

/** The files under the picked paths, their bytes, and how many could not be read: a walk that keeps nothing. */
export async function countFiles(paths: readonly string[]): Promise<{ files: number; bytes: number; unreadable: number }> {
  const count = { files: 0, bytes: 0, unreadable: 0 };
  for await (const file of walkFiles(paths)) {
    count.files++;
    count.bytes += file.size;
    if (file.error) count.unreadable++;
  }
  return count;
}
