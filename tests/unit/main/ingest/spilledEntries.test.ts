import { describe, expect, it } from 'vitest';
import { bucketOf, SpilledEntries } from '../../../../main/ingest/spilledEntries';

describe('SpilledEntries', () => {
  it('finds each record by its whole key, among keys that share a bucket and their low word', () => {
    // Keys with the same low word and bucket, differing only in their high word.
    const low = 0x12345678;
    const highs = [5];
    for (let high = 6; highs.length < 3; high++) if (bucketOf(low, high) === bucketOf(low, 5)) highs.push(high);
    const spilled = new SpilledEntries();
    try {
      spilled.write(3, () => low, (entry) => highs[entry]!, (entry, into, at) => into.set([low, highs[entry]!, 100 + entry, 200 + entry, -1 - entry, 300 + entry], at));
      for (const [entry, high] of highs.entries()) {
        expect([...spilled.find(low, high)!]).toEqual([low, high, 100 + entry, 200 + entry, 2 ** 32 - 1 - entry, 300 + entry]);
      }
      expect(spilled.find(low + 1, 5)).toBeUndefined();
      expect(spilled.bytes).toBe(32 + 65_537 * 4);
    } finally {
      spilled.close();
    }
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
