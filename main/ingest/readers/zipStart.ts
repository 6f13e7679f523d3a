import { fstatSync, readSync } from 'node:fs';
import { readingFile } from './readingFile';

const SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const FIXED_HEADER = 30;
/** Compression methods a local header may give: stored, deflate, deflate64, bzip2, LZMA, zstd, xz, AES. */
const METHODS = new Set([0, 8, 9, 12, 14, 93, 95, 99]);
/** Bytes at a file's start searched for a zip's first entry. */
export const START_SEARCH_BYTES = 64 * 1024;
/** Bytes read to search them: enough past them to see the fixed part of a header that starts in them. */
export const START_SEARCH_WINDOW = START_SEARCH_BYTES + FIXED_HEADER;

/**
 * Where, in `bytes`, from `from`, the first local header signature that begins a plausible
 * header is: one whose method is known, whose name is not empty, and whose stored data has one
 * size. A signature whose fixed part `bytes` cuts short is taken as it is. -1 when there is none.
 */
export function findLocalHeader(bytes: Buffer, from = 0): number {
  for (let at = bytes.indexOf(SIGNATURE, from); at >= 0; at = bytes.indexOf(SIGNATURE, at + 1)) {
    if (at + FIXED_HEADER > bytes.length) return at;
    const method = bytes.readUInt16LE(at + 8);
    const described = (bytes.readUInt16LE(at + 6) & 8) !== 0;
    const sized = method !== 0 || described || bytes.readUInt32LE(at + 18) === bytes.readUInt32LE(at + 22);
    if (METHODS.has(method) && bytes.readUInt16LE(at + 26) > 0 && sized) return at;
  }
  return -1;
}

/**
 * Where a zip's first entry is in the first 64 KB of a file or of bytes in memory (a zip with
 * bytes in front of it that does not end as a zip: cut short); -1 when none is found or the file
 * cannot be read.
 */
export function zipStartWithin(source: string | Buffer): number {
  const within = (head: Buffer): number => {
    const at = findLocalHeader(head.subarray(0, START_SEARCH_WINDOW));
    return at < START_SEARCH_BYTES ? at : -1;
  };
  if (typeof source !== 'string') return within(source);
  return (
    readingFile(source, (fd) => {
      const length = Math.min(fstatSync(fd).size, START_SEARCH_WINDOW);
      const head = Buffer.alloc(length);
      return within(head.subarray(0, readSync(fd, head, 0, length, 0)));
    }) ?? -1
  );
}
