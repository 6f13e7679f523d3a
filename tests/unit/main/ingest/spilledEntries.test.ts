import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { BLOOM_BUDGET_BYTES, keyOrder, SpilledEntries } from '../../../../main/ingest/spilledEntries';

/** The words of record n: a key spread over 52 bits, then words that tell records apart. */
const recordOf = (n: number): number[] => [Math.imul(n ^ 0x5bd1e995, 0x27d4eb2d) >>> 0, Math.imul(n, 0x2545f491) >>> 12, n, 7 * n, 2 ** 32 - 1 - n, n % 1000];

/** Writes records first … first + count - 1 as one run. */
function writeRecords(spilled: SpilledEntries, first: number, count: number): void {
  spilled.write(count, (entry) => recordOf(first + entry)[0]!, (entry) => recordOf(first + entry)[1]!, (entry, into, at) => into.set(recordOf(first + entry), at));
}

/** How many of records first … first + count - 1 are found with exactly their words, alone under their key. */
function found(spilled: SpilledEntries, first: number, count: number): number {
  let hits = 0;
  for (let n = first; n < first + count; n++) {
    const [low, high] = recordOf(n) as [number, number];
    const records = Array.from(spilled.records(low, high), (record) => [...record].join());
    if (records.length === 1 && records[0] === recordOf(n).join()) hits++;
  }
  return hits;
}

/** Runs `use` on new SpilledEntries (with these budgets), closed afterwards whatever happens. */
function withSpilled(budgets: ConstructorParameters<typeof SpilledEntries>[0], use: (spilled: SpilledEntries) => void): void {
  const spilled = new SpilledEntries(budgets);
  try {
    use(spilled);
  } finally {
    spilled.close();
  }
}

const spillFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('cairn-dedup-'));

describe('SpilledEntries', () => {
  it('finds each record by its whole key, among keys that share their order and their low word', () => {
    const low = 0x12345678;
    const highs = [5];
    for (let high = 6; highs.length < 3; high++) if (keyOrder(low, high) >>> 24 === keyOrder(low, 5) >>> 24) highs.push(high);
    withSpilled(undefined, (spilled) => {
      spilled.write(3, () => low, (entry) => highs[entry]!, (entry, into, at) => into.set([low, highs[entry]!, 100 + entry, 200 + entry, -1 - entry, 300 + entry], at));
      for (const [entry, high] of highs.entries()) {
        expect(Array.from(spilled.records(low, high), (record) => [...record])).toEqual([[low, high, 100 + entry, 200 + entry, 2 ** 32 - 1 - entry, 300 + entry]]);
      }
      expect([...spilled.records(low + 1, 5)]).toEqual([]);
      // The smallest Bloom filter (64 blocks of 32 bytes), and where its one bucket starts and ends.
      expect(spilled.bytes).toBe(64 * 32 + 2 * 8);
    });
  });

  it('gives every record of a key, within a run and across runs', () => {
    withSpilled(undefined, (spilled) => {
      const twice = (first: number) => spilled.write(2, () => 77, () => 88, (entry, into, at) => into.set([77, 88, first + entry, 0, 0, 0], at));
      twice(1);
      expect(spilled.runCount).toBe(1);
      writeRecords(spilled, 0, 500);
      twice(3);
      expect(Array.from(spilled.records(77, 88), (record) => record[2]).sort()).toEqual([1, 2, 3, 4]);
    });
  });

  // Where the buckets start, kept in memory or read from each run's file.
  const startsIn = [
    ['memory', undefined],
    ['files', { bloom: BLOOM_BUDGET_BYTES, starts: 0 }],
  ] as const;

  it.each(startsIn)('merges runs of equal size like a binary counter and still finds every record, and no other (starts in %s)', (where, budgets) => {
    withSpilled(budgets, (spilled) => {
      const runs = [1, 2, 3, 4, 5, 6, 7].map((run) => {
        writeRecords(spilled, 5000 * (run - 1), 5000);
        return spilled.runCount;
      });
      // 7 runs of 5,000 = 111 in binary: runs of 20,000, 10,000 and 5,000.
      expect(runs).toEqual([1, 1, 2, 1, 2, 2, 3]);
      expect(found(spilled, 0, 35_000)).toBe(35_000);
      expect(found(spilled, 35_000, 20_000)).toBe(0);
      // 10 bits a record in blocks of 32 bytes, a multiple of 64 blocks per filter; about 32 records a bucket, 8 bytes a start.
      const filter = (records: number) => Math.ceil(Math.ceil((records * 10) / 256) / 64) * 64 * 32;
      const starts = where === 'memory' ? (2 ** 10 + 1 + 2 ** 9 + 1 + 2 ** 8 + 1) * 8 : 0;
      expect(spilled.bytes).toBe(filter(20_000) + filter(10_000) + filter(5000) + starts);
      // The merged runs' files are closed and gone; the others have no name.
      expect(spillFiles()).toEqual([]);
    });
  });

  it.each(startsIn)('merges a smaller run into a larger one cut into several groups of buckets (starts in %s)', (_, budgets) => {
    withSpilled(budgets, (spilled) => {
      writeRecords(spilled, 0, 3000);
      writeRecords(spilled, 3000, 5000);
      writeRecords(spilled, 8000, 200_000);
      expect(spilled.runCount).toBe(1);
      expect(found(spilled, 0, 208_000)).toBe(208_000);
      expect(found(spilled, 208_000, 5000)).toBe(0);
    });
  });

  it('folds its Bloom filters to stay within its memory budget, and still finds every record', () => {
    withSpilled({ bloom: 4096, starts: 0 }, (spilled) => {
      writeRecords(spilled, 0, 2000);
      expect(spilled.bytes).toBe(4096);
      writeRecords(spilled, 2000, 2000);
      writeRecords(spilled, 4000, 2000);
      // Runs of 4,000 and 2,000 records: each filter capped at 128 blocks, then both folded once to fit 4,096 bytes.
      expect(spilled.runCount).toBe(2);
      expect(spilled.bytes).toBe(4096);
      expect(found(spilled, 0, 6000)).toBe(6000);
      expect(found(spilled, 6000, 2000)).toBe(0);
    });
  });

  it('names the temporary folder when it cannot write there', () => {
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = '/dev/null/cairn';
    try {
      expect(() => new SpilledEntries().write(1, () => 1, () => 2, (_, into, at) => into.set([1, 2, 0, 0, 0, 0], at))).toThrow(
        /^deduplication could not write to the temporary folder \/dev\/null\/cairn: ENOTDIR/,
      );
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });
});
