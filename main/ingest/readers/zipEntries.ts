import { fromBufferPromise, openPromise, getFileNameLowLevel, type Entry, type ZipFile } from 'yauzl';
import { ReadError } from './byteStreams';

export interface ZipEntry {
  name: string;
  /** The size of the whole zip, in bytes. */
  zipBytes: number;
  entry: Entry;
  directory: boolean;
  symlink: boolean;
  open(): Promise<AsyncIterable<Buffer>>;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Reads a zip's entries from its central directory, from a file (read-only) or from memory.
 * Entry names are decoded but not trusted: nothing is ever written to disk under them.
 */
export async function* zipEntries(source: { path: string } | { buffer: Buffer }): AsyncGenerator<ZipEntry> {
  const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true } as const;
  let zip: ZipFile;
  try {
    zip = 'path' in source ? await openPromise(source.path, options) : await fromBufferPromise(source.buffer, options);
  } catch (error) {
    throw new ReadError(`zip archive is corrupt or truncated: ${(error as Error).message}`);
  }
  try {
    for await (const entry of zip.eachEntry()) {
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
    throw new ReadError(`zip archive is corrupt: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}
