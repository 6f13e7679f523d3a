import { createHash, type Hash } from 'node:crypto';

/** Raised by a reader when its input is bad: the file's issue, with where it happened. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly location = '',
  ) {
    super(message);
  }
}

/**
 * Raised where reading stops because the import was cancelled. It goes up through every file
 * being read (an archive's entry, the archive, the file on disk): each records where its own
 * bytes stopped, with no hashes (its bytes were not all read), and stops too.
 */
export class ReadCancelled extends ReadError {
  constructor(location = '', more = '') {
    super(`the import was cancelled here: the rest of this file is not read${more}`, location);
  }
}

/** How a reader's message names a byte of the data it reads: bare, or said to be of a gunzipped file's decompressed content (see FileTracker.placed). */
export type BytePlace = (byte: number) => string;
export const bareByte: BytePlace = (byte) => `byte ${byte}`;

/** The error for data whose CRC-32 does not match the one stored with it, `what` naming the container ("gzip"). */
export const crcFailed = (what: string): string => `${what} CRC-32 check failed: the data is not what was compressed (corrupt or altered); its events are kept, to be checked against another copy`;

/** A stream's first bytes, and the whole stream (those bytes included) to read on. */
export interface Peeked {
  head: Buffer;
  stream: AsyncIterable<Buffer>;
}

/** Reads at least `bytes` bytes (or all there is) so the format can be sniffed, without losing them. */
export async function peek(input: AsyncIterable<Buffer>, bytes: number): Promise<Peeked> {
  const iterator = input[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  // One chunk (a whole small file, or its whole inflated content) is kept as it is, not copied.
  const head = taken.length === 1 ? taken[0]! : Buffer.concat(taken);
  async function* stream(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, stream: stream() };
}

/** Passes chunks through while hashing them and counting their bytes. */
export class HashingTap {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;
  /** Set by what feeds it when its source failed before its end: its digest is then of part of the bytes, never to be given as theirs. */
  cut = false;

  async *tap(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      this.hash.update(chunk);
      this.bytes += chunk.length;
      yield chunk;
    }
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Sniffed container kinds: by magic bytes, never by name. */
export type ContainerKind = 'gzip' | 'zip' | 'tar' | 'none';

export function sniffContainer(head: Buffer): ContainerKind {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  if (isOldTarHeader(head)) return 'tar';
  return 'none';
}

/** Whether bytes cannot be text in an 8-bit encoding: a control character other than tab, line ends and form feed (NUL padding and UTF-16 text included). */
export function looksBinary(head: Buffer): boolean {
  for (const byte of head) if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) return true;
  return false;
}

/**
 * A tar header without the ustar magic (Unix V7 tar): a name, and a header checksum that adds
 * up (the header's bytes summed, its checksum field counted as spaces), which text never does.
 */
function isOldTarHeader(head: Buffer): boolean {
  if (head.length < 512 || head[0] === 0) return false;
  const stored = /^[0-7]{1,7}/.exec(head.toString('latin1', 148, 156).trim());
  if (!stored) return false;
  let sum = 8 * 0x20;
  for (let i = 0; i < 512; i++) if (i < 148 || i >= 156) sum += head[i]!;
  return sum === parseInt(stored[0], 8);
}
