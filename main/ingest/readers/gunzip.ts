import { crc32, createInflateRaw, inflateRawSync, type InflateRaw } from 'node:zlib';
import type { IngestLimits } from '../limits';
import type { JobTotals } from '../jobTotals';
import { ReadError, crcFailed } from './byteStreams';

/** Whether `produced` bytes made from `consumed` pass the ratio limit (once past its grace). */
export const outgrows = (produced: number, consumed: number, limits: IngestLimits): boolean => produced > limits.ratioGraceBytes && produced > consumed * limits.maxRatio;

/** Fails a layer whose output outgrows its input past the ratio limit, or the job's total. */
export function checkGrowth(produced: number, consumed: number, limits: IngestLimits, totals: JobTotals): void {
  if (totals.bytes > limits.maxTotalBytes) throw new ReadError(`the job's decompressed size passed its limit of ${limits.maxTotalBytes} bytes`, `byte ${produced} of the decompressed content`);
  if (outgrows(produced, consumed, limits)) {
    throw new ReadError(`decompresses to more than ${limits.maxRatio} times its size: a possible zip bomb, not read further`, `byte ${produced} of the decompressed content`);
  }
}

/** Largest piece fed to the inflater at once, which bounds the output a bomb can make between checks. */
const SLICE = 16 * 1024;
const FLAG = { HCRC: 2, EXTRA: 4, NAME: 8, COMMENT: 16 };

/** Input bytes with a cursor: what has been read from the stream but not used yet. */
class ByteCursor {
  private buf: Buffer = Buffer.alloc(0);
  /** Offset in the whole input of buf[0]. */
  start = 0;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(input: AsyncIterable<Buffer>) {
    this.iterator = input[Symbol.asyncIterator]();
  }

  get available(): number {
    return this.buf.length;
  }

  /** Makes at least n bytes available; false at the end of input. */
  async need(n: number): Promise<boolean> {
    while (this.buf.length < n) {
      const next = await this.iterator.next();
      if (next.done) return false;
      this.buf = this.buf.length === 0 ? next.value : Buffer.concat([this.buf, next.value]);
    }
    return true;
  }

  peek(n: number): Buffer {
    return this.buf.subarray(0, n);
  }

  take(n: number): Buffer {
    const taken = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    this.start += n;
    return taken;
  }

  /** Puts back bytes that were taken but not used (the inflater stopped before them). */
  unread(bytes: Buffer): void {
    this.buf = this.buf.length === 0 ? bytes : Buffer.concat([bytes, this.buf]);
    this.start -= bytes.length;
  }

  /** True when the rest of the input is available and at most `limit` bytes (reads ahead up to that). */
  async allWithin(limit: number): Promise<boolean> {
    while (this.buf.length <= limit) if (!(await this.need(this.buf.length + 1))) return true;
    return false;
  }

  async indexOfZero(from: number): Promise<number> {
    for (let at = from; ; at++) {
      if (!(await this.need(at + 1))) return -1;
      if (this.buf[at] === 0) return at;
    }
  }

  /** True when every remaining byte is zero (padding), reading to the end. */
  async restIsZeros(): Promise<boolean> {
    for (;;) {
      if (this.buf.some((byte) => byte !== 0)) return false;
      this.take(this.buf.length);
      if (!(await this.need(1))) return true;
    }
  }
}

/** Skips one gzip member header; throws when it is not one, at a byte `of` the named input. */
async function readHeader(input: ByteCursor, of: string): Promise<void> {
  const at = input.start;
  if (!(await input.need(10))) throw new ReadError('gzip header is truncated', `byte ${at} of ${of}`);
  const header = input.take(10);
  if (header[0] !== 0x1f || header[1] !== 0x8b || header[2] !== 8) throw new ReadError('not gzip data (bad header)', `byte ${at} of ${of}`);
  const flags = header[3]!;
  if (flags & FLAG.EXTRA) {
    if (!(await input.need(2))) throw new ReadError('gzip header is truncated', `byte ${input.start} of ${of}`);
    const length = input.take(2).readUInt16LE(0);
    if (!(await input.need(length))) throw new ReadError('gzip header is truncated', `byte ${input.start} of ${of}`);
    input.take(length);
  }
  for (const flag of [FLAG.NAME, FLAG.COMMENT]) {
    if (!(flags & flag)) continue;
    const zero = await input.indexOfZero(0);
    if (zero < 0) throw new ReadError('gzip header is truncated', `byte ${input.start} of ${of}`);
    input.take(zero + 1);
  }
  if (flags & FLAG.HCRC) {
    if (!(await input.need(2))) throw new ReadError('gzip header is truncated', `byte ${input.start} of ${of}`);
    input.take(2);
  }
}

/** Inputs up to this size are inflated in one synchronous call: no thread-pool round trips. */
const SYNC_LIMIT = 4 * 2 ** 20;

/** Most output a whole inflation is given room for at once; past it, zlib's chunks are joined. */
const WHOLE_CHUNK_LIMIT = 32 * 2 ** 20;
/** Deflate's largest expansion: 1032 bytes out per byte in, at best. */
const DEFLATE_MAX_RATIO = 1032;

/**
 * Inflates one whole member's deflate data (`input` starts with it) in one synchronous call;
 * undefined when it cannot (a fault, more output than `budget`), nothing consumed, so the
 * streaming path takes over and reports precisely. The output gets room for the size the
 * input's last 4 bytes give (a single member's trailer), plus one byte so zlib sees it end: one
 * buffer, where its default 16 KB chunks would be copied together after. A wrong size (more
 * members, trailing bytes, a hostile trailer) costs at most the room deflate could fill from that input.
 */
function inflateMember(input: Buffer, budget: number): { output: Buffer; used: number } | undefined {
  const trailerSize = input.length >= 4 ? input.readUInt32LE(input.length - 4) : 0;
  const chunkSize = Math.max(64, Math.min(trailerSize + 1, input.length * DEFLATE_MAX_RATIO, budget, WHOLE_CHUNK_LIMIT));
  try {
    const { buffer, engine } = inflateRawSync(input, { info: true, maxOutputLength: budget, chunkSize }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return { output: buffer, used: engine.bytesWritten };
  } catch {
    return undefined;
  }
}

/** Room for a member's output: the job's remaining total and the ratio limit on `compressed` bytes, plus one byte (output that fills it passed a limit). */
const outputBudget = (compressed: number, limits: IngestLimits, totals: JobTotals): number =>
  Math.max(0, Math.min(limits.maxTotalBytes - totals.bytes, Math.max(limits.ratioGraceBytes, compressed * limits.maxRatio))) + 1;

/** The length of the plain gzip member header `input` starts with; undefined when it is not one, or not all there. */
function headerLength(input: Buffer): number | undefined {
  if (input.length < 10 || input[0] !== 0x1f || input[1] !== 0x8b || input[2] !== 8) return undefined;
  const flags = input[3]!;
  let at = 10;
  if (flags & FLAG.EXTRA) at = input.length >= at + 2 ? at + 2 + input.readUInt16LE(at) : Infinity;
  for (const flag of [FLAG.NAME, FLAG.COMMENT]) {
    if (!(flags & flag)) continue;
    const zero = input.indexOf(0, at);
    at = zero < 0 ? Infinity : zero + 1;
  }
  if (flags & FLAG.HCRC) at += 2;
  return at <= input.length ? at : undefined;
}

/**
 * Gunzips a whole file at hand in one call, when it is exactly one sound gzip member within the
 * limits; undefined for anything else (more members, bytes after it, a fault, a possible bomb),
 * which `gunzip` then reads and reports precisely. Counts the output in the job's total.
 */
export function gunzipWhole(input: Buffer, limits: IngestLimits, totals: JobTotals): Buffer | undefined {
  const start = headerLength(input);
  if (start === undefined) return undefined;
  const budget = outputBudget(input.length, limits, totals);
  const inflated = inflateMember(input.subarray(start), budget);
  if (!inflated || inflated.output.length >= budget) return undefined;
  if (start + inflated.used + 8 !== input.length || input.readUInt32LE(input.length - 4) !== inflated.output.length % 2 ** 32) return undefined;
  if (input.readUInt32LE(input.length - 8) !== crc32(inflated.output)) return undefined;
  totals.add(inflated.output.length);
  return inflated.output;
}

/** Feeds one slice to the inflater and collects what it gives back, until it has used the slice or ended. */
export function inflateSlice(inflater: InflateRaw, slice: Buffer | null): Promise<{ output: Buffer[]; ended: boolean; failure?: Error }> {
  return new Promise((resolve) => {
    const output: Buffer[] = [];
    let settled = false;
    const finish = (result: { ended: boolean; failure?: Error }): void => {
      if (settled) return;
      settled = true;
      inflater.off('data', onData);
      inflater.off('end', onEnd);
      inflater.off('error', onError);
      inflater.off('close', onClose);
      resolve({ output, ...result });
    };
    const onData = (chunk: Buffer): void => void output.push(chunk);
    const onEnd = (): void => finish({ ended: true });
    const onError = (error: Error): void => finish({ ended: false, failure: error });
    const onClose = (): void => finish({ ended: inflater.readableEnded });
    inflater.on('data', onData);
    inflater.on('end', onEnd);
    inflater.on('error', onError);
    const done = (): void => void setImmediate(() => finish({ ended: inflater.readableEnded }));
    if (slice) inflater.write(slice, done);
    else if (inflater.readableEnded) finish({ ended: true });
    // Ending, the inflater says it ended or failed only once its last output has flowed: wait for that, not for its input to be taken.
    else {
      inflater.on('close', onClose);
      inflater.end();
    }
  });
}

/**
 * Gunzips a stream member by member, framing the gzip members itself so that it knows exactly
 * where each ends: bytes appended after the last member are a warning, and a member whose output
 * fails its CRC-32 an error (its output was passed on: the events stay, under the error), both
 * told to `report` with their offset. Everything decompressed before a fault is kept and the fault
 * ends the stream with a ReadError saying where. Offsets in the input say whose bytes they count
 * (`byte N of the gzip data`, or of what `of` names): the content's own problems are at offsets of
 * the decompressed content, and a bare `byte N` would not tell them apart. Output is checked
 * against the bomb limits as it grows.
 */
export async function* gunzip(
  input: AsyncIterable<Buffer>,
  limits: IngestLimits,
  totals: JobTotals,
  report: (severity: 'error' | 'warning', message: string, location: string) => void,
  of = 'the gzip data',
): AsyncGenerator<Buffer> {
  const cursor = new ByteCursor(input);
  let produced = 0;
  let memberOutput = 0;
  let memberCrc = 0;
  /** Counts a piece of output against the limits, and in the member's CRC, before it is passed on. */
  const account = (chunk: Buffer): Buffer => {
    produced += chunk.length;
    memberOutput += chunk.length;
    memberCrc = crc32(chunk, memberCrc);
    totals.add(chunk.length);
    checkGrowth(produced, cursor.start, limits, totals);
    return chunk;
  };
  for (let member = 0; ; member++) {
    if (member > 0) {
      if (!(await cursor.need(1))) return;
      const head = cursor.peek(2);
      if (!(head[0] === 0x1f && (cursor.available < 2 || head[1] === 0x8b))) {
        const at = cursor.start;
        if (!(await cursor.restIsZeros())) report('warning', 'bytes after the end of the gzip data: ignored', `byte ${at} of ${of}`);
        return;
      }
    }
    await readHeader(cursor, of);
    memberOutput = 0;
    memberCrc = 0;
    const whole = (await cursor.allWithin(SYNC_LIMIT)) ? inflateMember(cursor.peek(cursor.available), outputBudget(cursor.start + cursor.available, limits, totals)) : undefined;
    if (whole) {
      cursor.take(whole.used);
      if (whole.output.length > 0) yield account(whole.output);
    } else {
      const inflater = createInflateRaw();
      let fed = 0;
      try {
        for (let ended = false; !ended; ) {
          const slice = (await cursor.need(1)) ? cursor.take(Math.min(SLICE, cursor.available)) : null;
          const fedBefore = fed;
          fed += slice?.length ?? 0;
          const result = await inflateSlice(inflater, slice);
          for (const chunk of result.output) yield account(chunk);
          if (result.failure) throw new ReadError(`gzip data is corrupt or truncated: ${slice ? result.failure.message : 'unexpected end of file'}`, `byte ${cursor.start} of ${of}`);
          ended = result.ended;
          if (ended && slice) {
            cursor.unread(slice.subarray(inflater.bytesWritten - fedBefore));
          }
          if (!ended && !slice) throw new ReadError('gzip data is corrupt or truncated: unexpected end of file', `byte ${cursor.start} of ${of}`);
        }
      } finally {
        inflater.destroy();
      }
    }
    if (!(await cursor.need(8))) throw new ReadError('gzip data is truncated: its trailer is missing', `byte ${cursor.start + cursor.available} of ${of}`);
    const trailer = cursor.take(8);
    if (trailer.readUInt32LE(4) !== memberOutput % 2 ** 32) throw new ReadError('gzip size check failed: the data is corrupt', `byte ${cursor.start - 4} of ${of}`);
    if (trailer.readUInt32LE(0) !== memberCrc) report('error', crcFailed('gzip'), `byte ${cursor.start - 8} of ${of}`);
  }
}
