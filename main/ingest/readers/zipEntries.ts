import { openPromise, type ZipFile } from 'yauzl';
import { openHeld, type ZipSource } from './heldZip';
import { ReadError, bareByte, type BytePlace } from './byteStreams';
import { zipLocalEntries } from './zipLocalEntries';
import { zipEntryName } from './zipEntryName';
import { MAX_STACKED_ZIPS, findStackedZips, openRange } from './zipPrefix';

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

type Report = (severity: 'error' | 'warning', message: string, location: string) => void;
const OPTIONS = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true } as const;

/** A zip's entries from its central directory; the error that stopped reading when it stopped before the first. */
async function* centralEntries(zip: ZipFile, zipBytes = zip.fileSize): AsyncGenerator<ZipEntry, Error | undefined> {
  let entries = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      entries++;
      const { name, directory } = zipEntryName(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      yield {
        name,
        zipBytes,
        entry,
        directory,
        symlink: mode === S_IFLNK,
        open: async () => (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>,
      };
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    if (entries > 0) throw new ReadError(`zip archive is corrupt: ${(error as Error).message}`);
    return error as Error;
  } finally {
    zip.close();
  }
  return undefined;
}

/**
 * Reads a zip's entries from its central directory, from a file (read-only) or from memory. A zip
 * with bytes in front of it that its offsets do not count (a self-extracting program, whole zips
 * one after another) is read with its offsets corrected by them, `report` hearing of them: read as
 * they are, its offsets point into those bytes, where another zip's central directory may even be
 * found (two zips of one layout one after another), and its own entries would be lost unsaid.
 * When there is no central directory to read (a zip cut short), or it is not where the archive
 * says, its entries are read from their local headers instead, `report` hearing about it.
 * Entry names are decoded but not trusted: nothing is ever written to disk under them. `place`
 * names a byte of the zip's file in a message.
 */
export async function* zipEntries(source: ZipSource, report: Report, place: BytePlace = bareByte): AsyncGenerator<ZipEntry> {
  const { zips, more, size } = findStackedZips(source);
  const last = zips.at(-1);
  let unread: Error | undefined;
  try {
    if (last && last.start > 0) {
      const first = zips[0]!;
      if (first.start > 0) {
        const beyond = more ? ` (more than ${MAX_STACKED_ZIPS} zips one after another: the last ${MAX_STACKED_ZIPS} are read)` : '';
        report('warning', `${first.start} bytes precede the zip (a self-extracting program, another zip, or other data in front of it): not read; the zip is read from its central directory, its offsets corrected by them${beyond}`, 'byte 0');
      }
      // Whole zips one after another (cat a.zip b.zip): each read in file order, their limits counted against the whole file.
      for (const { start, end } of zips.slice(0, -1)) {
        report('warning', `a whole zip of ${end - start} bytes precedes the zip at ${place(end)} (zips one after another, as cat a.zip b.zip makes): both are read, in file order`, `byte ${start}`);
        try {
          const failed = yield* centralEntries(await openRange(source, start, end, OPTIONS), size);
          if (failed) report('error', `the zip in front cannot be read: ${failed.message}`, `byte ${start}`);
        } catch (error) {
          report('error', error instanceof ReadError ? `the zip in front: ${error.message}` : `the zip in front cannot be read: ${(error as Error).message}`, `byte ${start}`);
        }
      }
      unread = yield* centralEntries(await openRange(source, last.start, last.end, OPTIONS), size);
    } else {
      unread = yield* centralEntries('path' in source ? await openPromise(source.path, OPTIONS) : await openHeld(source, 0, size, OPTIONS));
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    unread = error as Error;
  }
  // Not one entry could be read from the central directory: they are read from the local headers.
  if (unread) yield* zipLocalEntries(source, centralDirectoryProblem(unread.message), report, place);
}
