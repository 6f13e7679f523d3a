import { readdirSync, readlinkSync, statSync, type Dirent } from 'node:fs';
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

const unreadable = (path: string, error: unknown): ListedFile => ({
  path,
  size: 0,
  notRead: { severity: 'error', format: 'unreadable', message: `cannot open: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` },
});

/** What tells a folder entry's kind (a Dirent) or a picked path's (its Stats). */
type Kind = Pick<Dirent, 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>;

/** A path that is neither a file nor a folder: named, never opened (a link is not followed, a pipe could block the walk). */
function notFollowed(path: string, entry: Kind): ListedFile {
  if (entry.isSymbolicLink()) {
    let target = '?';
    try {
      target = readlinkSync(path);
    } catch {
      // Named without its target.
    }
    return { path, size: 0, notRead: { severity: 'warning', format: 'symlink', message: `a symbolic link to ${target}: not followed` } };
  }
  const [format, what] = entry.isFIFO() ? ['fifo', 'a named pipe'] : entry.isSocket() ? ['socket', 'a socket'] : entry.isBlockDevice() ? ['block-device', 'a block device'] : ['character-device', 'a character device'];
  return { path, size: 0, notRead: { severity: 'warning', format, message: `${what}: not read` } };
}

/** Whether a folder entry is one the walk only names. An entry of a type the file system did not tell is stat'ed like a file. */
const onlyNamed = (entry: Dirent): boolean => entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice();

/**
 * Yields the regular files under the picked paths: folders walked recursively in name order.
 * Inside folders, symbolic links are not followed and pipes, sockets and devices not opened:
 * each is yielded, with why it is not read, as is a picked pipe, socket or device, and a path
 * that cannot be read. Holds only the
 * entries of the folders being walked, never the files already yielded. Synchronous, on the
 * job's threads (never the app's main thread): a stat through libuv's thread pool cost ten
 * times the CPU of one made here (5,000 files: 150 ms against 17 ms).
 */
export function* walkFiles(paths: readonly string[]): Generator<ListedFile> {
  for (const path of paths) yield* walkPath(path);
}

function* walkPath(path: string, named?: Dirent): Generator<ListedFile> {
  if (named) return yield notFollowed(path, named);
  let entries: Dirent[];
  try {
    const info = statSync(path);
    if (info.isFile()) return yield { path, size: info.size };
    if (!info.isDirectory()) return yield notFollowed(path, info);
    entries = readdirSync(path, { withFileTypes: true });
  } catch (error) {
    return yield unreadable(path, error);
  }
  // By UTF-16 code unit, whatever the locale.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) yield* walkPath(join(path, entry.name), onlyNamed(entry) ? entry : undefined);
}

/** The files under the picked paths, their bytes, and how many of them are not read: a walk that keeps nothing. */
export function countFiles(paths: readonly string[]): { files: number; bytes: number; notRead: number } {
  const count = { files: 0, bytes: 0, notRead: 0 };
  for (const file of walkFiles(paths)) {
    count.files++;
    count.bytes += file.size;
    if (file.notRead) count.notRead++;
  }
  return count;
}
