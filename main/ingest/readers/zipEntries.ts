import { fromBufferPromise, openPromise, getFileNameLowLevel, type ZipFile } from 'yauzl';
import { ReadError } from './byteStreams';
import { zipLocalEntries } from './zipLocalEntries';

/** What the tree reader needs of an entry's record, from the central directory or a local header. */
export interface ZipEntryRecord {
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  isEncrypted(): boolean;
}

export interface ZipEntry {
  name: string;
  /** The size of the whole zip, in bytes. */
  zipBytes: number;
  /**
   * Its sizes and CRC-32. An entry read from its local header whose sizes follow its data (bit 3)
   * learns them as its data is read: its compressed size grows with the data read, and its CRC-32
   * is set before its data ends.
   */
  entry: ZipEntryRecord;
  directory: boolean;
  symlink: boolean;
  open(): Promise<AsyncIterable<Buffer>>;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The problem that sends reading to the local headers, from yauzl's error. */
function centralDirectoryProblem(message: string): string {
  if (message.startsWith('End of central directory record signature not found')) return 'zip central directory is missing (the archive is cut short?)';
  if (message.startsWith('invalid central directory file header signature')) return 'zip central directory is not where the archive says (bytes in front of the zip?)';
  return `zip central directory cannot be read (${message})`;
}

/**
 * Reads a zip's entries from its central directory, from a file (read-only) or from memory; when
 * there is none to read (a zip cut short), or it is not where the archive says (bytes in front of
 * the zip), from the entries' local headers instead, `report` hearing about it.
 * Entry names are decoded but not trusted: nothing is ever written to disk under them.
 */
export async function* zipEntries(source: { path: string } | { buffer: Buffer }, report: (severity: 'error' | 'warning', message: string, location: string) => void): AsyncGenerator<ZipEntry> {
  const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true } as const;
  let zip: ZipFile;
  try {
    zip = 'path' in source ? await openPromise(source.path, options) : await fromBufferPromise(source.buffer, options);
  } catch (error) {
    yield* zipLocalEntries(source, centralDirectoryProblem((error as Error).message), report);
    return;
  }
  let entries = 0;
  let unread: Error | undefined;
  try {
    for await (const entry of zip.eachEntry()) {
      entries++;
      const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      yield {
        name,
        zipBytes: zip.fileSize,
        entry,
        directory: name.endsWith('/'),
        symlink: mode === S_IFLNK,
        open: async () => (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>,
      };
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    if (entries > 0) throw new ReadError(`zip archive is corrupt: ${(error as Error).message}`);
    unread = error as Error;
  } finally {
    zip.close();
  }
  // Not one entry could be read from the central directory: read them from their local headers.
  if (unread) yield* zipLocalEntries(source, centralDirectoryProblem(unread.message), report);
}
