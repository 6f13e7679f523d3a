import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyHash } from './keyHash';

/** One remembered event as written to disk: key (low 32 bits, high 20), content digest (two words), first place (file, index). */
const RECORD_WORDS = 6;
const RECORD_BYTES = 4 * RECORD_WORDS;
/** A run's file: its records grouped in buckets, then where each bucket starts (a float64 each, and the end). */
const START_BYTES = 8;

/** Records a bucket holds on average: a lookup that gets past the Bloom filter reads one bucket, about 800 bytes. */
const BUCKET_RECORDS = 32;
/** Records moved at a time when a run is written or two are merged (3 MB), so neither needs memory that grows with the run. */
const CHUNK_RECORDS = 2 ** 17;

/** Bloom filter bits per record while the budget allows: about 1 in 100 lookups of an absent key then reads the disk. */
const BLOOM_BITS_PER_RECORD = 10;
/**
 * What the Bloom filters of all runs may take together: 10 bits a record up to about 13M records
 * on disk. Beyond that, filters are folded (halved), so memory stays flat at any size while more
 * lookups read the disk.
 */
export const BLOOM_BUDGET_BYTES = 16 * 2 ** 20;
/**
 * What the bucket starts kept in memory may take together: those of runs up to 32M records.
 * A larger run's are read from its file, one more read per lookup that gets past its filter.
 */
export const STARTS_BUDGET_BYTES = 8 * 2 ** 20;
const BLOCK_WORDS = 8;
const BLOCK_BYTES = 4 * BLOCK_WORDS;
/** A filter's blocks are a multiple of this, so it can be folded at least six times. */
const BLOCK_GRAIN = 64;
/** The split-block Bloom filter's salts (Apache Parquet's): each sets one bit in each of a block's 8 words. */
const SALTS = [0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31];

/** A key's place in every run: the top bits of this hash are its bucket, so a run's finer buckets nest in a smaller run's coarser ones. */
export const keyOrder = (low: number, high: number): number => keyHash(low, high, 0x2545f491);
const bucketOf = (order: number, bits: number): number => (bits === 0 ? 0 : order >>> (32 - bits));
/** Bucket bits for a run of `records`: about BUCKET_RECORDS records a bucket. */
const bucketBitsFor = (records: number): number => Math.max(0, Math.ceil(Math.log2(records / BUCKET_RECORDS)));
/** How finely a run of `records` is cut into groups of consecutive buckets of about CHUNK_RECORDS records. */
const groupBitsFor = (records: number): number => Math.max(0, Math.ceil(Math.log2(records / CHUNK_RECORDS)));

/**
 * A split-block Bloom filter: each key sets 8 bits within one 32-byte block, so a test touches one
 * cache line. A key's block is its hash scaled to the block count, so folding the filter (ORing
 * each pair of neighbouring blocks) keeps every key it holds.
 */
class BlockBloom {
  private words: Uint32Array;
  private blocks: number;

  /** A filter for `records` keys within `budget` bytes. */
  constructor(records: number, budget: number) {
    const ideal = Math.ceil((records * BLOOM_BITS_PER_RECORD) / (8 * BLOCK_BYTES));
    const affordable = Math.max(BLOCK_GRAIN, Math.floor(budget / BLOCK_BYTES / BLOCK_GRAIN) * BLOCK_GRAIN);
    this.blocks = Math.min(affordable, Math.ceil(ideal / BLOCK_GRAIN) * BLOCK_GRAIN);
    this.words = new Uint32Array(BLOCK_WORDS * this.blocks);
  }

  get bytes(): number {
    return this.words.byteLength;
  }

  get foldable(): boolean {
    return this.blocks % 2 === 0;
  }

  /** Halves the filter: it holds the same keys, with more false positives. */
  fold(): void {
    const words = new Uint32Array(this.words.length / 2);
    for (let word = 0; word < words.length; word++) {
      const from = 2 * word - (word % BLOCK_WORDS);
      words[word] = this.words[from]! | this.words[from + BLOCK_WORDS]!;
    }
    this.words = words;
    this.blocks /= 2;
  }

  add(low: number, high: number): void {
    const block = this.blockOf(low, high);
    const bits = keyHash(low, high, 0x5bd1e995);
    for (let word = 0; word < BLOCK_WORDS; word++) this.words[block + word]! |= 1 << (Math.imul(bits, SALTS[word]!) >>> 27);
  }

  mayHold(low: number, high: number): boolean {
    const block = this.blockOf(low, high);
    const bits = keyHash(low, high, 0x5bd1e995);
    for (let word = 0; word < BLOCK_WORDS; word++) if ((this.words[block + word]! & (1 << (Math.imul(bits, SALTS[word]!) >>> 27))) === 0) return false;
    return true;
  }

  /** The first word of the key's block. */
  private blockOf(low: number, high: number): number {
    return BLOCK_WORDS * Math.floor((keyHash(low, high, 0x27d4eb2d) / 2 ** 32) * this.blocks);
  }
}

/** The filter of a run being merged away. */
const NO_KEYS = new BlockBloom(0, 0);

function readFully(fd: number, into: NodeJS.TypedArray, position: number): void {
  for (let done = 0; done < into.byteLength; ) {
    const read = readSync(fd, into, done, into.byteLength - done, position + done);
    if (read === 0) throw new Error('a deduplication file ended early');
    done += read;
  }
}

function writeFully(fd: number, from: NodeJS.TypedArray, position: number): void {
  for (let done = 0; done < from.byteLength; ) done += writeSync(fd, from, done, from.byteLength - done, position + done);
}

/** Buffers reused from one group of records to the next (grown as needed), so writing and merging runs makes little garbage. */
class Scratch {
  private readonly buffers = new Map<'records' | 'sorted' | 'buckets', Uint32Array>();

  /** `length` words for `use`, valid until the next call for the same use. */
  words(use: 'records' | 'sorted' | 'buckets', length: number): Uint32Array {
    let buffer = this.buffers.get(use);
    if (!buffer || buffer.length < length) this.buffers.set(use, (buffer = new Uint32Array(Math.ceil(1.25 * length))));
    return buffer.subarray(0, length);
  }
}

/** One spilled set of records: a file of buckets and their starts, and a Bloom filter of its keys in memory. */
interface Run {
  fd: number;
  /** Set while the file still has a name: removing an open file fails on Windows. */
  path?: string;
  records: number;
  bucketBits: number;
  bloom: BlockBloom;
  /** Where its buckets start, when kept in memory (else read from the file). */
  starts?: Float64Array;
}

const startsBytes = (bucketBits: number): number => (2 ** bucketBits + 1) * START_BYTES;

/** Where a bucket of a run starts and ends (in records), in `into`. */
function spanOf(run: Run, bucket: number, into: Float64Array): Float64Array {
  if (run.starts) into.set(run.starts.subarray(bucket, bucket + 2));
  else readFully(run.fd, into, run.records * RECORD_BYTES + bucket * START_BYTES);
  return into;
}

/**
 * Writes a run's file: records arrive in groups of consecutive buckets, in bucket order; each is
 * sorted into its buckets and written with where they start, and its keys go into the filter.
 */
class RunWriter {
  readonly bucketBits: number;
  readonly bloom: BlockBloom;
  private readonly starts?: Float64Array;
  private written = 0;

  constructor(
    private readonly fd: number,
    private readonly records: number,
    budgets: { bloom: number; starts: number },
    private readonly scratch: Scratch,
  ) {
    this.bucketBits = bucketBitsFor(records);
    this.bloom = new BlockBloom(records, budgets.bloom);
    if (startsBytes(this.bucketBits) <= budgets.starts) this.starts = new Float64Array(2 ** this.bucketBits + 1);
  }

  /** Adds the `count` records in `words`, all of group `group` of 2^`groupBits` (at most bucketBits). */
  add(words: Uint32Array, count: number, group: number, groupBits: number): void {
    const shift = this.bucketBits - groupBits;
    const first = group * 2 ** shift;
    const starts = new Float64Array(2 ** shift);
    const buckets = this.scratch.words('buckets', count);
    const fill = new Uint32Array(2 ** shift);
    for (let record = 0; record < count; record++) {
      const low = words[RECORD_WORDS * record]!;
      const high = words[RECORD_WORDS * record + 1]!;
      const bucket = bucketOf(keyOrder(low, high), this.bucketBits) - first;
      if (bucket < 0 || bucket >= starts.length) throw new Error(`a record of bucket ${bucket + first} came with group ${group}`);
      buckets[record] = bucket;
      fill[bucket]!++;
      this.bloom.add(low, high);
    }
    for (let bucket = 0, at = 0; bucket < starts.length; bucket++) {
      starts[bucket] = this.written + at;
      at += fill[bucket]!;
      fill[bucket] = at - fill[bucket]!;
    }
    const out = this.scratch.words('sorted', RECORD_WORDS * count);
    for (let record = 0; record < count; record++) {
      const to = RECORD_WORDS * fill[buckets[record]!]!++;
      for (let word = 0; word < RECORD_WORDS; word++) out[to + word] = words[RECORD_WORDS * record + word]!;
    }
    writeFully(this.fd, out, this.written * RECORD_BYTES);
    writeFully(this.fd, starts, this.records * RECORD_BYTES + first * START_BYTES);
    this.starts?.set(starts, first);
    this.written += count;
  }

  /** Writes where the last bucket ends, once every record was added. */
  finish(): Pick<Run, 'records' | 'bucketBits' | 'bloom' | 'starts'> {
    if (this.written !== this.records) throw new Error(`a deduplication run got ${this.written} of its ${this.records} records`);
    writeFully(this.fd, Float64Array.of(this.records), this.records * RECORD_BYTES + 2 ** this.bucketBits * START_BYTES);
    if (this.starts) this.starts[2 ** this.bucketBits] = this.records;
    return { records: this.records, bucketBits: this.bucketBits, bloom: this.bloom, starts: this.starts };
  }
}

/** Writes the words of record `entry` into `into` from `at`, its key's low and high words first. */
type RecordWriter = (entry: number, into: Uint32Array, at: number) => void;

/**
 * Remembered events written out of memory, for a job with more events than a memory budget holds:
 * runs, each a file of its own in the system's temporary folder (never near the evidence), without
 * a name while open where the system allows it, else removed at close. A run's records are
 * grouped in buckets by key (about 32 a bucket), followed by where each bucket starts. In memory,
 * each run keeps a Bloom filter and, while they fit, its bucket starts, each within a fixed
 * budget, so a lookup reads the disk only when the key may be there: one bucket (and where it
 * starts, for a run whose starts did not fit). Runs of equal size are merged, like a binary
 * counter, so there are never more than about log2(records / first run) of them. Memory stays
 * flat however many events are written.
 */
export class SpilledEntries {
  private readonly runs: Run[] = [];
  private readBuffer = new Uint32Array(1024);
  private readonly span = new Float64Array(2);
  private readonly scratch = new Scratch();

  constructor(private readonly budgets = { bloom: BLOOM_BUDGET_BYTES, starts: STARTS_BUDGET_BYTES }) {}

  /** Bytes held in memory for the runs: their Bloom filters, and bucket starts. */
  get bytes(): number {
    return this.bloomBytes + this.startsBytes;
  }

  private get bloomBytes(): number {
    return this.runs.reduce((sum, run) => sum + run.bloom.bytes, 0);
  }

  private get startsBytes(): number {
    return this.runs.reduce((sum, run) => sum + (run.starts?.byteLength ?? 0), 0);
  }

  get runCount(): number {
    return this.runs.length;
  }

  /** Writes `count` records as one run; `lowOf` and `highOf` give the words of each one's key. */
  write(count: number, lowOf: (entry: number) => number, highOf: (entry: number) => number, record: RecordWriter): void {
    this.runs.push(
      this.create(count, (writer) => {
        const orders = new Uint32Array(count);
        for (let entry = 0; entry < count; entry++) orders[entry] = keyOrder(lowOf(entry), highOf(entry));
        const groupBits = Math.min(groupBitsFor(count), writer.bucketBits);
        const groupOf = (entry: number) => bucketOf(orders[entry]!, groupBits);
        const sizes = new Uint32Array(2 ** groupBits);
        for (let entry = 0; entry < count; entry++) sizes[groupOf(entry)]!++;
        for (let group = 0; group < sizes.length; group++) {
          const words = this.scratch.words('records', RECORD_WORDS * sizes[group]!);
          for (let entry = 0, at = 0; entry < count; entry++) if (groupOf(entry) === group) record(entry, words, RECORD_WORDS * at++);
          writer.add(words, sizes[group]!, group, groupBits);
        }
      }),
    );
    while (this.runs.length >= 2 && this.runs.at(-2)!.records <= this.runs.at(-1)!.records) this.runs.push(this.merge(this.runs.pop()!, this.runs.pop()!));
    this.fitBudget();
  }

  /** Every record of the key, in any order (each record's words are valid until the next is asked for). */
  *records(low: number, high: number): Generator<Uint32Array> {
    const order = keyOrder(low, high);
    for (const run of this.runs) {
      if (!run.bloom.mayHold(low, high)) continue;
      const span = spanOf(run, bucketOf(order, run.bucketBits), this.span);
      const from = span[0]!;
      const words = RECORD_WORDS * (span[1]! - from);
      if (words > this.readBuffer.length) this.readBuffer = new Uint32Array(2 * words);
      const buffer = this.readBuffer;
      readFully(run.fd, buffer.subarray(0, words), from * RECORD_BYTES);
      for (let at = 0; at < words; at += RECORD_WORDS) {
        if (buffer[at] === low && buffer[at + 1] === high) yield buffer.subarray(at, at + RECORD_WORDS);
      }
    }
  }

  /** Closes and deletes every run. */
  close(): void {
    for (const run of this.runs.splice(0)) this.remove(run);
  }

  /** One run holding the records of two, read and written a group of buckets at a time. */
  private merge(a: Run, b: Run): Run {
    // Their filters are of no use while merging: freed first, so memory holds at most one more.
    a.bloom = b.bloom = NO_KEYS;
    try {
      return this.create(a.records + b.records, (writer) => {
        const groupBits = Math.min(groupBitsFor(a.records + b.records), a.bucketBits, b.bucketBits);
        const span = (run: Run, group: number): [number, number] => {
          const buckets = 2 ** (run.bucketBits - groupBits);
          const from = spanOf(run, group * buckets, this.span)[0]!;
          return [from, spanOf(run, (group + 1) * buckets - 1, this.span)[1]! - from];
        };
        for (let group = 0; group < 2 ** groupBits; group++) {
          const [fromA, countA] = span(a, group);
          const [fromB, countB] = span(b, group);
          const words = this.scratch.words('records', RECORD_WORDS * (countA + countB));
          readFully(a.fd, words.subarray(0, RECORD_WORDS * countA), fromA * RECORD_BYTES);
          readFully(b.fd, words.subarray(RECORD_WORDS * countA), fromB * RECORD_BYTES);
          writer.add(words, countA + countB, group, groupBits);
        }
      });
    } finally {
      this.remove(a);
      this.remove(b);
    }
  }

  /** Folds the largest filters until all of them fit the budget. */
  private fitBudget(): void {
    for (;;) {
      if (this.bloomBytes <= this.budgets.bloom) return;
      const largest = this.runs.filter((run) => run.bloom.foldable).sort((x, y) => y.bloom.bytes - x.bloom.bytes)[0];
      if (!largest) return;
      largest.bloom.fold();
    }
  }

  /** A new run of `records` records written by `fill`, in a temporary file of its own. */
  private create(records: number, fill: (writer: RunWriter) => void): Run {
    const folder = tmpdir();
    let path: string | undefined = join(folder, `cairn-dedup-${randomUUID()}`);
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx+', 0o600);
      try {
        // Nameless while open (where the system allows it): nothing is left behind if the job is killed.
        unlinkSync(path);
        path = undefined;
      } catch {
        // Removed at close instead.
      }
      const writer = new RunWriter(fd, records, { bloom: this.budgets.bloom, starts: this.budgets.starts - this.startsBytes }, this.scratch);
      fill(writer);
      return { fd, path, ...writer.finish() };
    } catch (error) {
      if (fd !== undefined) this.remove({ fd, path });
      throw new Error(`deduplication could not write to the temporary folder ${folder}: ${(error as Error).message}`, { cause: error });
    }
  }

  private remove({ fd, path }: Pick<Run, 'fd' | 'path'>): void {
    closeSync(fd);
    if (path) unlinkSync(path);
  }
}
