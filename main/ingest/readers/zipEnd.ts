import { fstatSync, readSync } from 'node:fs';
import { readingFile } from './readingFile';

const END_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** The end-of-central-directory record's size without its comment, and the longest comment it can declare. */
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;
/** Bytes at the end of a zip that hold its end record, whatever its comment. */
export const END_TAIL_BYTES = END_BYTES + MAX_COMMENT;

/** Where, in the last bytes of a file (`tail`), the end-of-central-directory record whose declared comment runs exactly to the end is; -1 when none does. */
export function endRecordAt(tail: Buffer): number {
  for (let at = tail.lastIndexOf(END_SIGNATURE); at >= 0; at = at > 0 ? tail.lastIndexOf(END_SIGNATURE, at - 1) : -1) {
    if (at + END_BYTES <= tail.length && at + END_BYTES + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  return -1;
}

/**
 * Whether a file, or bytes in memory, end as a zip does: with an end-of-central-directory record
 * whose declared comment runs exactly to the end. A zip whose start is damaged still ends so, and
 * its central directory still lists its entries. Reads only a file's last 64 KB; false for a
 * file it cannot read.
 */
export function endsAsZip(source: string | Buffer): boolean {
  if (typeof source !== 'string') return endRecordAt(source.subarray(Math.max(0, source.length - END_TAIL_BYTES))) >= 0;
  return (
    readingFile(source, (fd) => {
      const { size } = fstatSync(fd);
      const length = Math.min(size, END_TAIL_BYTES);
      const tail = Buffer.alloc(length);
      if (readSync(fd, tail, 0, length, size - length) !== length) return false;
      return endRecordAt(tail) >= 0;
    }) ?? false
  );
}
