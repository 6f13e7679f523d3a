import { close, closeSync, createReadStream, fstatSync, open, openSync, read, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { RandomAccessReader, fromBufferPromise, fromRandomAccessReaderPromise, type Options, type ZipFile } from 'yauzl';
import { readingFile } from './readingFile';
import { END_TAIL_BYTES, endRecordAt } from './zipEnd';

const CENTRAL_HEADER = 0x02014b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_END_BYTES = 56;
const MAX_32 = 0xffffffff;
/** Bytes read at the end of a zip: its end record, comment included, and the zip64 records before it. */
export const PREFIX_TAIL_BYTES = END_TAIL_BYTES + ZIP64_LOCATOR_BYTES + ZIP64_END_BYTES;

/**
 * How many bytes precede a zip whose central directory is intact but misplaced, from its file's
 * last bytes (`tail`, ending the file, which starts at byte `tailStart`): as Info-ZIP reckons it,
 * where its central directory's end is, less its declared size and offset. The central directory
 * then starts at `centralDirectory`. Undefined when there is no end record, or nothing precedes.
 */
export function misplacedPrefix(tail: Buffer, tailStart: number): { prefix: number; centralDirectory: number } | undefined {
  const end = endRecordAt(tail);
  if (end < 0) return undefined;
  let size = tail.readUInt32LE(end + 12);
  let offset = tail.readUInt32LE(end + 16);
  let directoryEnd = tailStart + end;
  if (size === MAX_32 || offset === MAX_32) {
    // A zip64 end record, right before its locator, right before the end record.
    const record = end - ZIP64_LOCATOR_BYTES - ZIP64_END_BYTES;
    if (record < 0 || tail.readUInt32LE(end - ZIP64_LOCATOR_BYTES) !== ZIP64_LOCATOR || tail.readUInt32LE(record) !== ZIP64_END) return undefined;
    size = Number(tail.readBigUInt64LE(record + 40));
    offset = Number(tail.readBigUInt64LE(record + 48));
    directoryEnd = tailStart + record;
  }
  const prefix = directoryEnd - size - offset;
  return prefix > 0 ? { prefix, centralDirectory: directoryEnd - size } : undefined;
}

/** File operations for a read stream on a file it does not own: destroying the stream (as yauzl does) leaves the file open. */
const KEEP_OPEN = { open, read, close: (_fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => callback(null) };

/** A file's bytes from `shift` on, as yauzl reads them: the zip without the bytes in front of it. */
class ShiftedFile extends RandomAccessReader {
  constructor(
    private readonly fd: number,
    private readonly shift: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream('', { fd: this.fd, autoClose: false, fs: KEEP_OPEN, start: this.shift + start, end: this.shift + end - 1 });
  }

  override close(callback: (error: Error | null) => void): void {
    close(this.fd, callback);
  }
}

/**
 * Opens with yauzl, its checks all kept, a zip with bytes in front of it whose central directory is
 * intact (`prefix` bytes precede it, and its central directory's first header is where the offsets
 * corrected by them say): undefined when it is not so.
 */
export async function openPrefixed(source: { path: string } | { buffer: Buffer }, options: Options): Promise<{ zip: ZipFile; prefix: number } | undefined> {
  if ('buffer' in source) {
    const { buffer } = source;
    const tailStart = Math.max(0, buffer.length - PREFIX_TAIL_BYTES);
    const found = misplacedPrefix(buffer.subarray(tailStart), tailStart);
    if (!found || found.centralDirectory + 4 > buffer.length || buffer.readUInt32LE(found.centralDirectory) !== CENTRAL_HEADER) return undefined;
    return { zip: await fromBufferPromise(buffer.subarray(found.prefix), options), prefix: found.prefix };
  }
  const found = readingFile(source.path, (fd) => {
    const { size } = fstatSync(fd);
    const tailStart = Math.max(0, size - PREFIX_TAIL_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    if (readSync(fd, tail, 0, tail.length, tailStart) !== tail.length) return undefined;
    const misplaced = misplacedPrefix(tail, tailStart);
    const signature = Buffer.alloc(4);
    if (!misplaced || readSync(fd, signature, 0, 4, misplaced.centralDirectory) < 4 || signature.readUInt32LE(0) !== CENTRAL_HEADER) return undefined;
    return { ...misplaced, size };
  });
  if (!found) return undefined;
  const fd = openSync(source.path, 'r');
  try {
    // The reader closes the file once yauzl is done with it.
    return { zip: await fromRandomAccessReaderPromise(new ShiftedFile(fd, found.prefix), found.size - found.prefix, options), prefix: found.prefix };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
