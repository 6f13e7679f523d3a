import { stat, type Dirent, type Stats } from 'node:fs';
import { readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Why a listed path is not read: it cannot be opened (an error), or the walk does not open its kind (a warning). */
export interface NotRead {
  severity: 'error' | 'warning';
  /** The format its record shows: 'unreadable', 'symlink', 'fifo', … */
  format: string;
  message: string;
}

export interface ListedFile {
  path: string;
  size: number;
  notRead?: NotRead;
}

/** Entries of one folder stat'ed at once, ahead of the one being yielded. */
const STATS_AT_ONCE = 32;

type Found = { path: string; info: Stats } | { path: string; notRead: NotRead };

const unreadable = (error: unknown): NotRead => ({ severity: 'error', format: 'unreadable', message: `cannot open: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });

/** A folder entry that is neither a file nor a folder: named, never opened (a link is not followed, a pipe could block the walk). */
async function notFollowed(path: string, entry: Dirent): Promise<Found> {
  if (entry.isSymbolicLink()) {
    const target = await readlink(path).catch(() => '?');
    return { path, notRead: { severity: 'warning', format: 'symlink', message: `a symbolic link to ${target}: not followed` } };
  }
  const [format, what] = entry.isFIFO() ? ['fifo', 'a named pipe'] : entry.isSocket() ? ['socket', 'a socket'] : entry.isBlockDevice() ? ['block-device', 'a block device'] : ['character-device', 'a character device'];
  return { path, notRead: { severity: 'warning', format, message: `${what}: not read` } };
}

/** Whether a folder entry is one the walk only names. An entry of a type the file system did not tell is stat'ed like a file. */
const onlyNamed = (entry: Dirent): boolean => entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice();

/** A path to stat (a picked path, or a file or folder found), or with `named` an entry only named (few: only those keep their Dirent). */
type Listed = { path: string; named?: Dirent };

/** The paths of one folder (or the picked paths), stat'ed a few at a time ahead and handed over in order. */
class Folder {
  private readonly ahead: Promise<Found>[] = [];
  private started = 0;

  constructor(private readonly listed: readonly Listed[]) {}

  next(): Promise<Found> | undefined {
    for (; this.started < this.listed.length && this.ahead.length < STATS_AT_ONCE; this.started++) {
      const { path, named } = this.listed[this.started]!;
      if (named) {
        this.ahead.push(notFollowed(path, named));
        continue;
      }
      // The callback form: with 50,000 files, a third faster than node:fs/promises.
      this.ahead.push(new Promise((resolve) => stat(path, (error, info) => resolve(error ? { path, notRead: unreadable(error) } : { path, info }))));
    }
    return this.ahead.shift();
  }
}

/**
 * Yields the regular files under the picked paths: folders walked recursively in name order.
 * Inside folders, symbolic links are not followed and pipes, sockets and devices not opened:
 * each is yielded, with why it is not read, as is a path that cannot be read. Holds only the
 * entries of the folders being walked, never the files already yielded.
 */
export async function* walkFiles(paths: readonly string[]): AsyncGenerator<ListedFile> {
  const folders = [new Folder(paths.map((path) => ({ path })))];
  while (folders.length > 0) {
    const found = await folders.at(-1)!.next();
    if (!found) {
      folders.pop();
      continue;
    }
    const { path } = found;
    if ('notRead' in found) {
      yield { path, size: 0, notRead: found.notRead };
    } else if (found.info.isFile()) {
      yield { path, size: found.info.size };
    } else if (found.info.isDirectory()) {
      let entries: Dirent[];
      try {
        entries = await readdir(path, { withFileTypes: true });
      } catch (error) {
        yield { path, size: 0, notRead: unreadable(error) };
        continue;
      }
      // By UTF-16 code unit, whatever the locale.
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      folders.push(new Folder(entries.map((entry) => ({ path: join(path, entry.name), ...(onlyNamed(entry) ? { named: entry } : {}) }))));
    }
  }
}

/** The files under the picked paths, their bytes, and how many of them are not read: a walk that keeps nothing. */
export async function countFiles(paths: readonly string[]): Promise<{ files: number; bytes: number; notRead: number }> {
  const count = { files: 0, bytes: 0, notRead: 0 };
  for await (const file of walkFiles(paths)) {
    count.files++;
    count.bytes += file.size;
    if (file.notRead) count.notRead++;
  }
  return count;
}
