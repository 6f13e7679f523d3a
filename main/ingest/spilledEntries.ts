import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyHash } from './keyHash';

/** One remembered event as written to disk: key (low 32 bits, high 20), content digest (two words), first place (file, index). */
const RECORD_WORDS = 6;
const RECORD_BYTES = 4 * RECORD_WORDS;

/** A run's records are grouped in buckets by their key's hash: a lookup reads one bucket. */
const BUCKET_BITS = 16;
const BUCKETS = 2 ** BUCKET_BITS;
/** Records are written an eighth of the buckets at a time, so a spill needs little memory beyond what it frees. */
const WRITE_GROUP_BITS = 3;

/** Bloom filter bits per record: about 1 in 100 lookups of an absent key then reads the disk. */
const BLOOM_BITS_PER_RECORD = 10;
/** The split-block Bloom filter's salts (Apache Parquet's): each sets one bit in each of a block's 8 words. */
const SALTS = [0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31];

// A key's three hashes, differently seeded: its bucket, its Bloom block, its Bloom bits.
export const bucketOf = (low: number, high: number): number => keyHash(low, high, 0x2545f491) >>> (32 - BUCKET_BITS);

/** A split-block Bloom filter: each key sets 8 bits within one 32-byte block, so a test touches one cache line. */
class BlockBloom {
  private readonly words: Uint32Array;
  private readonly blocks: number;

  constructor(records: number) {
    this.blocks = Math.max(1, Math.ceil((records * BLOOM_BITS_PER_RECORD) / 256));
    this.words = new Uint32Array(8 * this.blocks);
  }

  get bytes(): number {
    return this.words.byteLength;
  }

  add(low: number, high: number): void {
    const block = this.blockOf(low, high);
    const bits = keyHash(low, high, 0x5bd1e995);
    for (let word = 0; word < 8; word++) this.words[block + word]! |= 1 << (Math.imul(bits, SALTS[word]!) >>> 27);
  }

  mayHold(low: number, high: number): boolean {
    const block = this.blockOf(low, high);
    const bits = keyHash(low, high, 0x5bd1e995);
    for (let word = 0; word < 8; word++) if ((this.words[block + word]! & (1 << (Math.imul(bits, SALTS[word]!) >>> 27))) === 0) return false;
    return true;
  }

  /** The first word of the key's block. */
  private blockOf(low: number, high: number): number {
    return 8 * Math.floor((keyHash(low, high, 0x27d4eb2d) / 2 ** 32) * this.blocks);
  }
}

/** Writes the words of record `entry` into `into` from `at`, its key's low and high words first. */
type RecordWriter = (entry: number, into: Uint32Array, at: number) => void;

/** One spilled set of records: a file of buckets, where each bucket starts, and a Bloom filter of its keys. */
interface Run {
  fd: number;
  /** Set while the file still has a name: removing an open file fails on Windows. */
  path?: string;
  starts: Uint32Array;
  bloom: BlockBloom;
}

/** Writes a run's records into `fd`, bucket by bucket; gives where its buckets start and its Bloom filter. */
function writeRun(fd: number, count: number, lowOf: (entry: number) => number, highOf: (entry: number) => number, record: RecordWriter): Pick<Run, 'starts' | 'bloom'> {
  const buckets = new Uint16Array(count);
  const starts = new Uint32Array(BUCKETS + 1);
  const bloom = new BlockBloom(count);
  for (let entry = 0; entry < count; entry++) {
    const low = lowOf(entry);
    const high = highOf(entry);
    const bucket = bucketOf(low, high);
    buckets[entry] = bucket;
    starts[bucket + 1]!++;
    bloom.add(low, high);
  }
  for (let bucket = 0; bucket < BUCKETS; bucket++) starts[bucket + 1]! += starts[bucket]!;
  const perGroup = BUCKETS >>> WRITE_GROUP_BITS;
  for (let group = 0; group < 2 ** WRITE_GROUP_BITS; group++) {
    const first = starts[group * perGroup]!;
    const out = new Uint32Array(RECORD_WORDS * (starts[(group + 1) * perGroup]! - first));
    const fill = starts.slice(group * perGroup, (group + 1) * perGroup);
    for (let entry = 0; entry < count; entry++) {
      const bucket = buckets[entry]!;
      if (bucket >>> (BUCKET_BITS - WRITE_GROUP_BITS) !== group) continue;
      record(entry, out, RECORD_WORDS * (fill[bucket - group * perGroup]!++ - first));
    }
    writeSync(fd, out, 0, out.byteLength, first * RECORD_BYTES);
  }
  return { starts, bloom };
}

/**
 * Remembered events written out of memory, for a job with more events than a memory budget holds:
 * runs, each a file of its own in the system's temporary folder (never near the evidence), without
 * a name while open where the system allows it, else removed at close. In memory, each run keeps
 * a Bloom filter (10 bits per record) and where its buckets start, so looking up a key reads the
 * disk only when it may be there.
 */
export class SpilledEntries {
  private readonly runs: Run[] = [];
  private readBuffer = new Uint32Array(1024);

  /** Bytes held in memory for the runs. */
  get bytes(): number {
    return this.runs.reduce((sum, run) => sum + run.bloom.bytes + run.starts.byteLength, 0);
  }

  get runCount(): number {
    return this.runs.length;
  }

  /** Writes `count` records as one run; `lowOf` and `highOf` give the words of each one's key. */
  write(count: number, lowOf: (entry: number) => number, highOf: (entry: number) => number, record: RecordWriter): void {
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
      this.runs.push({ fd, path, ...writeRun(fd, count, lowOf, highOf, record) });
    } catch (error) {
      if (fd !== undefined) {
        closeSync(fd);
        if (path) unlinkSync(path);
      }
      throw new Error(`deduplication could not write to the temporary folder ${folder}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The record of the key (its words; valid until the next call), or undefined when no run holds it. */
  find(low: number, high: number): Uint32Array | undefined {
    if (this.runs.length === 0) return undefined;
    const bucket = bucketOf(low, high);
    for (const run of this.runs) {
      if (!run.bloom.mayHold(low, high)) continue;
      const from = run.starts[bucket]!;
      const records = run.starts[bucket + 1]! - from;
      if (records * RECORD_WORDS > this.readBuffer.length) this.readBuffer = new Uint32Array(2 * records * RECORD_WORDS);
      readSync(run.fd, this.readBuffer, 0, records * RECORD_BYTES, from * RECORD_BYTES);
      for (let at = 0; at < records * RECORD_WORDS; at += RECORD_WORDS) {
        if (this.readBuffer[at] === low && this.readBuffer[at + 1] === high) return this.readBuffer.subarray(at, at + RECORD_WORDS);
      }
    }
    return undefined;
  }

  /** Closes and deletes every run. */
  close(): void {
    for (const run of this.runs.splice(0)) {
      closeSync(run.fd);
      if (run.path) unlinkSync(run.path);
    }
  }
}
