import { PREFIX_TAIL_BYTES } from './zipPrefix';
import { findLocalHeader } from './zipStart';
import type { HeldZip } from './heldZip';

const SIGNATURE_BYTES = 4;
const FIXED_HEADER = 30;

/** A zip found behind other bytes, held from a little before its first local header (`start`, a byte of the file). */
export interface ZipBehind extends HeldZip {
  start: number;
}

/**
 * Searches bytes in memory that are not text for a zip anywhere in them, past bytes in front of it
 * however many (a self-extracting program, another file): until a plausible local header appears
 * only the last bytes read are kept, then the rest is held from PREFIX_TAIL_BYTES before that
 * header, so that a zip whose end record counts the bytes in front (as `zip -A` writes a
 * self-extracting one) or does not can both be read from its central directory. Reads `stream`
 * to its end. Undefined when no local header is found; 'too large' when what would be held passes
 * `limit` bytes.
 */
export async function zipBehind(stream: AsyncIterable<Buffer>, limit: number): Promise<ZipBehind | 'too large' | undefined> {
  let window = Buffer.alloc(0);
  /** The file's byte the window starts at, and the window's bytes already searched. */
  let windowStart = 0;
  let searched = 0;
  let found: { from: number; start: number } | undefined;
  const held: Buffer[] = [];
  let heldBytes = 0;
  for await (const chunk of stream) {
    if (found) {
      heldBytes += chunk.length;
      if (heldBytes <= limit) held.push(chunk);
      continue;
    }
    window = Buffer.concat([window, chunk]);
    const at = findLocalHeader(window, searched);
    if (at >= 0 && at + FIXED_HEADER <= window.length) {
      const from = Math.max(0, at - PREFIX_TAIL_BYTES);
      found = { from: windowStart + from, start: windowStart + at };
      held.push(window.subarray(from));
      heldBytes = window.length - from;
      continue;
    }
    // A signature the window ends in the middle of, or in the fixed part of its header, is searched again with the next bytes;
    // the bytes before where the search goes on are kept to hold with a header found there.
    searched = at >= 0 ? at : Math.max(searched, window.length - SIGNATURE_BYTES + 1);
    const kept = Math.max(0, searched - PREFIX_TAIL_BYTES);
    window = window.subarray(kept);
    windowStart += kept;
    searched -= kept;
  }
  if (!found) return undefined;
  if (heldBytes > limit) return 'too large';
  return { ...found, buffer: Buffer.concat(held) };
}
