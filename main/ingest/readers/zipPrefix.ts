import { close, closeSync, createReadStream, fstatSync, open, openSync, read, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { RandomAccessReader, fromRandomAccessReaderPromise, type Options, type ZipFile } from 'yauzl';
import { heldAt, openHeld, type ZipSource } from './heldZip';
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
 * Where a zip whose end record ends its bytes starts, from their last bytes (`tail`, which start at
 * byte `tailStart`): as Info-ZIP reckons it, where its central directory's end is, less its declared
 * size and offset. Its central directory then starts at `centralDirectory`. Undefined when there is
 * no end record, or it declares more than precedes it.
 */
function zipLayout(tail: Buffer, tailStart: number): { prefix: number; centralDirectory: number } | undefined {
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
  return prefix >= 0 ? { prefix, centralDirectory: directoryEnd - size } : undefined;
}

/**
 * How many bytes precede a zip whose central directory is intact but misplaced, from its file's
 * last bytes (`tail`, ending the file, which starts at byte `tailStart`): as Info-ZIP reckons it,
 * where its central directory's end is, less its declared size and offset. The central directory
 * then starts at `centralDirectory`. Undefined when there is no end record, or nothing precedes.
 */
export function misplacedPrefix(tail: Buffer, tailStart: number): { prefix: number; centralDirectory: number } | undefined {
  const layout = zipLayout(tail, tailStart);
  return layout && layout.prefix > 0 ? layout : undefined;
}

/** Up to `length` bytes of a file or buffer from `at`: fewer at its end. */
export type ReadAt = (at: number, length: number) => Buffer;

/**
 * Where the zip that ends exactly at byte `end` starts: its end record's comment runs to `end`,
 * and its central directory's first header is where its offsets, corrected by the bytes in front
 * of it, say. Undefined when no zip ends there so. Reads at most its last 64 KB and 4 bytes.
 */
export function zipEndingAt(read: ReadAt, end: number): number | undefined {
  const tailStart = Math.max(0, end - PREFIX_TAIL_BYTES);
  const tail = read(tailStart, end - tailStart);
  if (tail.length !== end - tailStart) return undefined;
  const layout = zipLayout(tail, tailStart);
  if (!layout) return undefined;
  const signature = read(layout.centralDirectory, 4);
  return signature.length === 4 && signature.readUInt32LE(0) === CENTRAL_HEADER ? layout.prefix : undefined;
}

/** Most zips one after another (cat a.zip b.zip ...) read from one file; those before them are bytes in front. */
export const MAX_STACKED_ZIPS = 16;

/** Zips one after another in a file, in file order; `more` when more whole zips precede the first than are read. */
export interface StackedZips {
  zips: { start: number; end: number }[];
  more: boolean;
}

/**
 * The zips that make up a file of `size` bytes, one after another, in file order: the zip that
 * ends the file, and before it each whole zip that ends exactly where the one after it starts, at
 * most MAX_STACKED_ZIPS. Each starts before it ends, so the search only goes back, and no byte
 * belongs to two zips. The first zip's start is what precedes them all. No zips when none ends
 * the file with its central directory where its offsets, corrected, say.
 */
export function stackedZips(read: ReadAt, size: number): StackedZips {
  const zips: { start: number; end: number }[] = [];
  let start = zipEndingAt(read, size);
  for (let end = size; start !== undefined && zips.length < MAX_STACKED_ZIPS; start = start > 0 ? zipEndingAt(read, start) : undefined) {
    zips.unshift({ start, end });
    end = start;
  }
  return { zips, more: start !== undefined };
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

/** A file's zips one after another, on disk or held in memory (see stackedZips); its size. */
export function findStackedZips(source: ZipSource): StackedZips & { size: number } {
  if (!('path' in source)) {
    const size = source.from + source.buffer.length;
    return { ...stackedZips((at, length) => heldAt(source, at, length), size), size };
  }
  const found = readingFile(source.path, (fd) => {
    const { size } = fstatSync(fd);
    const read: ReadAt = (at, length) => {
      const room = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
      return room.subarray(0, readSync(fd, room, 0, room.length, at));
    };
    return { ...stackedZips(read, size), size };
  });
  return found ?? { zips: [], more: false, size: 0 };
}

/** Opens with yauzl, its checks all kept, the zip in bytes `start` to `end` of a file, or of one held in memory. */
export async function openRange(source: ZipSource, start: number, end: number, options: Options): Promise<ZipFile> {
  if (!('path' in source)) return openHeld(source, start, end, options);
  const fd = openSync(source.path, 'r');
  try {
    // The reader closes the file once yauzl is done with it.
    return await fromRandomAccessReaderPromise(new ShiftedFile(fd, start), end - start, options);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
