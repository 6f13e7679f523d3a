import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Deduplicator, EventIdentities, identityBuffers } from '../../../../main/ingest/dedup';
import { PARTIAL_KEY, type BatchIdentities, type KnownEvents } from '../../../../shared/ipc';

/** Identities of events numbered from `first`: keys spread over 52 bits, content digests given by `content`. */
function identities(first: number, count: number, content = (n: number) => n): BatchIdentities {
  const keys = new Float64Array(count);
  const digests = new Uint32Array(2 * count);
  for (let at = 0; at < count; at++) {
    const n = first + at;
    keys[at] = (Math.imul(n, 0x2545f491) >>> 12) * 2 ** 32 + (Math.imul(n ^ 0x5bd1e995, 0x27d4eb2d) >>> 0);
    digests[2 * at] = content(n);
    digests[2 * at + 1] = 0xc0ffee;
  }
  return { keys, digests };
}

// File f holds events 1000f … 1000f + 999 at indexes 0 … 999, but every 7th index is not an event (a gap).
const placeOf = (n: number) => ({ file: Math.floor(n / 1000), index: (n % 1000) + Math.floor((n % 1000) / 6) });

/** Checks a million events, then the same million again with every 100,000th (from the 3rd) changed; returns the verdicts of the second pass. */
function twoPasses(dedup: Deduplicator): Record<'new' | 'duplicate' | 'conflict', number> {
  const events = identities(0, 1_000_000);
  let fresh = 0;
  for (let n = 0; n < 1_000_000; n++) if (dedup.check(events, n, placeOf(n).file, placeOf(n).index).kind === 'new') fresh++;
  expect(fresh).toBe(1_000_000);
  const again = identities(0, 1_000_000, (n) => (n % 100_000 === 3 ? n + 1 : n));
  const verdicts = { new: 0, duplicate: 0, conflict: 0 };
  for (let n = 0; n < 1_000_000; n++) {
    const verdict = dedup.check(again, n, 5000, n);
    verdicts[verdict.kind]++;
    if (verdict.kind === 'conflict') expect(verdict.first).toEqual(placeOf(n));
  }
  return verdicts;
}

const spillFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('cairn-dedup-'));

describe('Deduplicator', () => {
  it('finds duplicates and conflicts among a million events, with where each conflict was first seen', () => {
    const dedup = new Deduplicator();
    expect(twoPasses(dedup)).toEqual({ new: 0, duplicate: 999_990, conflict: 10 });
    expect(dedup.spills).toBe(0);
    // 256 parts of 2^13 slots of 4 bytes, 16 chunks of 65,536 entries of 14 bytes, and 1,000 files × 167 runs of 12 bytes (rounded up to a power of two).
    expect(dedup.bytes).toBe(256 * 2 ** 13 * 4 + 16 * 65_536 * 14 + 2 ** 18 * 12);
  });

  it('gives the same verdicts when its memory holds only 200,000 events, the rest written to disk and deleted at close', () => {
    const dedup = new Deduplicator(200_000);
    expect(twoPasses(dedup)).toEqual({ new: 0, duplicate: 999_990, conflict: 10 });
    // The second pass found every event on disk: its first check wrote the fifth time, and runs of equal size were merged.
    expect(dedup.spills).toBe(5);
    expect(dedup.runs).toBe(2);
    // In memory: the index and entry chunks as they grew to hold 200,000 events, emptied (256 parts of 2,048 slots,
    // 4 chunks of 65,536 entries of 14 bytes), an empty place list (64 runs of 12 bytes), and the runs' Bloom
    // filters (800,000 and 200,000 events, 10 bits an event, in 32-byte blocks, a multiple of 64 blocks each) and
    // where their buckets start (about 32 events a bucket: 2^15 and 2^13 buckets, 8 bytes a start).
    const filter = (events: number) => Math.ceil(Math.ceil((events * 10) / 256) / 64) * 64 * 32;
    expect(dedup.bytes).toBe(256 * 2048 * 4 + 4 * 65_536 * 14 + 64 * 12 + filter(800_000) + filter(200_000) + (2 ** 15 + 1 + 2 ** 13 + 1) * 8);
    // The runs' files have no name while open (POSIX), so nothing is left behind even if the job is killed.
    expect(spillFiles()).toEqual([]);
    dedup.close();
    expect(spillFiles()).toEqual([]);
  });

  it.each([
    ['in memory', undefined],
    ['written to disk', 1],
  ])('tells apart keys that differ only in their highest bits (%s)', (_, memoryEntries) => {
    const keys = Float64Array.of(5 * 2 ** 32 + 7, (5 + 2 ** 16) * 2 ** 32 + 7, (5 + 2 ** 19) * 2 ** 32 + 7, (5 + 2 ** 15) * 2 ** 32 + 7, 5 * 2 ** 32 + 7);
    const twins = { keys, digests: Uint32Array.of(1, 1, 2, 2, 3, 3, 4, 4, 1, 1) };
    const dedup = new Deduplicator(memoryEntries);
    expect([0, 1, 2, 3, 4].map((at) => dedup.check(twins, at, 0, at).kind)).toEqual(['new', 'new', 'new', 'new', 'duplicate']);
  });

  it.each([
    ['in memory', undefined],
    ['written to disk', 1],
  ])('remembers every content an eventID came with: a copy of either side of a conflict is a duplicate (%s)', (_, memoryEntries) => {
    const contents = [1, 2, 2, 3, 1, 3, 2];
    const sameId = { keys: new Float64Array(contents.length).fill(5 * 2 ** 32 + 7), digests: Uint32Array.from(contents.flatMap((content) => [content, 0])) };
    const dedup = new Deduplicator(memoryEntries);
    const first = { file: 0, index: 10 };
    expect(contents.map((_, at) => dedup.check(sameId, at, 0, 10 + at))).toEqual([
      { kind: 'new' },
      { kind: 'conflict', first },
      { kind: 'duplicate' },
      { kind: 'conflict', first },
      { kind: 'duplicate' },
      { kind: 'duplicate' },
      { kind: 'duplicate' },
    ]);
    dedup.close();
  });

  it.each([
    ['in memory', undefined],
    ['written to disk', 2],
  ])('takes what the case holds as first seen, in earlier imports\' files (%s)', (_, memoryEntries) => {
    const stored = identities(0, 3);
    const known: KnownEvents = { ...stored, files: Int32Array.of(-2, -2, -1), indexes: Uint32Array.of(4, 5, 0) };
    const dedup = new Deduplicator(memoryEntries);
    dedup.seed(known);
    const job = identities(0, 4, (n) => (n === 1 || n === 2 ? 99 : n));
    expect([0, 1, 2, 3].map((at) => dedup.check(job, at, 0, at))).toEqual([
      { kind: 'duplicate' },
      { kind: 'conflict', first: { file: -2, index: 5 } },
      { kind: 'conflict', first: { file: -1, index: 0 } },
      { kind: 'new' },
    ]);
  });
  it.each([
    ['in memory', undefined],
    ['written to disk', 1],
  ])('finds both sides of a conflict the case holds already as duplicates when they come again (%s)', (_, memoryEntries) => {
    const key = 5 * 2 ** 32 + 7;
    const known: KnownEvents = { keys: Float64Array.of(key, key), digests: Uint32Array.of(1, 0, 2, 0), files: Int32Array.of(-3, -1), indexes: Uint32Array.of(8, 2) };
    const dedup = new Deduplicator(memoryEntries);
    dedup.seed(known);
    const job = { keys: Float64Array.of(key, key, key), digests: Uint32Array.of(2, 0, 1, 0, 3, 0) };
    expect([0, 1, 2].map((at) => dedup.check(job, at, 0, at))).toEqual([{ kind: 'duplicate' }, { kind: 'duplicate' }, { kind: 'conflict', first: { file: -3, index: 8 } }]);
    dedup.close();
  });
});

describe('Deduplicator: partial rows (CSV rows built from some of an event\'s columns)', () => {
  const key = 9 * 2 ** 32 + 11;
  const partialKey = key + PARTIAL_KEY;
  it.each([
    ['in memory', undefined],
    ['written to disk', 1],
  ])('links a row and the full event of its eventID, whichever is read first, as copies, never a conflict; the same row again is a duplicate (%s)', (_, memoryEntries) => {
    const dedup = new Deduplicator(memoryEntries);
    // A row, the full event, the row again, another row of the event (other columns), a second full event with other content.
    const job = { keys: Float64Array.of(partialKey, key, partialKey, partialKey, key), digests: Uint32Array.of(1, 1, 2, 2, 1, 1, 3, 3, 4, 4) };
    expect([0, 1, 2, 3, 4].map((at) => dedup.check(job, at, 0, at))).toEqual([
      { kind: 'new' },
      { kind: 'new', copies: [{ file: 0, index: 0 }] },
      { kind: 'duplicate' },
      { kind: 'new', copies: [{ file: 0, index: 1 }] },
      { kind: 'conflict', first: { file: 0, index: 1 }, copies: [{ file: 0, index: 0 }] },
    ]);
    dedup.close();
  });

  it.each([
    ['in memory', undefined],
    ['written to disk', 1],
  ])('links the first full event of an eventID to every row of it read before, not only the first; a row read while no full event was names the first row (%s)', (_, memoryEntries) => {
    const dedup = new Deduplicator(memoryEntries);
    // A console row and a Lake row of one event, then the event, then a conflicting copy of it, then a third row.
    const job = { keys: Float64Array.of(partialKey, partialKey, key, key, partialKey), digests: Uint32Array.of(1, 1, 2, 2, 3, 3, 4, 4, 5, 5) };
    expect([0, 1, 2, 3, 4].map((at) => dedup.check(job, at, 0, at))).toEqual([
      { kind: 'new' },
      { kind: 'new', firstRow: { file: 0, index: 0 } },
      { kind: 'new', copies: [{ file: 0, index: 0 }, { file: 0, index: 1 }] },
      { kind: 'conflict', first: { file: 0, index: 2 }, copies: [{ file: 0, index: 0 }] },
      { kind: 'new', copies: [{ file: 0, index: 2 }] },
    ]);
    dedup.close();
  });

  it.each([
    ['in memory', undefined],
    ['written to disk', 1],
  ])('names, for each later row of an eventID with no full event, the row read first, in an earlier import too, and not a row of another eventID (%s)', (_, memoryEntries) => {
    const known: KnownEvents = { keys: Float64Array.of(partialKey), digests: Uint32Array.of(0x80000001, 1), files: Int32Array.of(-2), indexes: Uint32Array.of(4) };
    const dedup = new Deduplicator(memoryEntries);
    dedup.seed(known);
    // Two more rows of the stored row's eventID (other columns), a row of another eventID, a row of it again.
    const job = { keys: Float64Array.of(partialKey, partialKey, partialKey + 1, partialKey + 1), digests: Uint32Array.of(2, 2, 3, 3, 4, 4, 5, 5) };
    expect([0, 1, 2, 3].map((at) => dedup.check(job, at, 0, at))).toEqual([
      { kind: 'new', firstRow: { file: -2, index: 4 } },
      { kind: 'new', firstRow: { file: -2, index: 4 } },
      { kind: 'new' },
      { kind: 'new', firstRow: { file: 0, index: 2 } },
    ]);
    dedup.close();
  });

  it('tells rows from full events by the key, whatever the digest\'s top bit, and the same text for a duplicate whatever it was taken for', () => {
    // A full event stored with a digest whose top bit is set, as half of all digests are, and a row stored before rows were told apart (its key unmarked).
    const known: KnownEvents = { keys: Float64Array.of(key, key + 1), digests: Uint32Array.of(0x80000001, 5, 0x00000007, 9), files: Int32Array.of(-1, -1), indexes: Uint32Array.of(3, 4) };
    const dedup = new Deduplicator();
    dedup.seed(known);
    const job = { keys: Float64Array.of(key, partialKey, partialKey, partialKey + 1), digests: Uint32Array.of(0x80000001, 5, 0x80000002, 5, 0x00000002, 5, 0x80000007, 9) };
    // The full event again is a duplicate; a row of it is its copy, and that row again (its digest's top bit aside) a duplicate; the row the case stored as an event, read again, a duplicate of it.
    expect([0, 1, 2, 3].map((at) => dedup.check(job, at, 0, at))).toEqual([{ kind: 'duplicate' }, { kind: 'new', copies: [{ file: -1, index: 3 }] }, { kind: 'duplicate' }, { kind: 'duplicate' }]);
  });
});

describe('EventIdentities', () => {
  it("keeps the first 8 bytes of the SHA-256 of each text's UTF-8, big-endian, as cases store them", () => {
    const texts = ['{"eventID":"a"}', '{"userName":"Zoë 🙂"}', ''];
    const identities = new EventIdentities(texts.length);
    texts.forEach((text, at) => identities.add(at === 1 ? undefined : `id-${at}`, text, 3, at));
    const expected = texts.flatMap((text) => {
      const digest = createHash('sha256').update(Buffer.from(text, 'utf8')).digest();
      return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
    });
    expect([...identities.digests]).toEqual(expected);
    // The first text's digest, written out: 8 bytes that must never change meaning.
    // (`printf '{"eventID":"a"}' | sha256sum` starts b6dd7cbf73843bbf)
    expect([identities.digests[0], identities.digests[1]]).toEqual([0xb6dd7cbf, 0x73843bbf]);
    expect(identities.ids).toEqual(['id-0', '', 'id-2']);
    expect([...identities.files]).toEqual([3, 3, 3]);
    expect([...identities.indexes]).toEqual([0, 1, 2]);
  });

  it('grows as events come, past its first room, keeping every identity in one buffer to transfer, and refuses more than its capacity', () => {
    const identities = new EventIdentities(150);
    expect(identities.keys.length).toBe(64);
    for (let at = 0; at < 150; at++) identities.add(`id-${at}`, `{"eventID":"id-${at}"}`, at % 3, 100 + at);
    expect([identities.keys.length, identities.digests.length, identities.files.length, identities.indexes.length]).toEqual([150, 300, 150, 150]);
    expect(identities.ids).toHaveLength(150);
    expect(new Set(identities.keys).size).toBe(150);
    const expected = Array.from({ length: 150 }, (_, at) => createHash('sha256').update(`{"eventID":"id-${at}"}`).digest().readUInt32BE(0));
    expect([...identities.digests].filter((_, k) => k % 2 === 0)).toEqual(expected);
    expect([...identities.files]).toEqual(Array.from({ length: 150 }, (_, at) => at % 3));
    expect([...identities.indexes]).toEqual(Array.from({ length: 150 }, (_, at) => 100 + at));
    expect(identityBuffers(identities)).toEqual([identities.files.buffer]);
    expect(identities.keys.buffer.byteLength).toBe(150 * 24);
    expect(() => identities.add('one-more', '{}', 0, 0)).toThrow('identities hold at most 150 events');
  });
});
