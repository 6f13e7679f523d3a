import { describe, expect, it } from 'vitest';
import { streamedZipOf, zipOf } from '../../../../fixtures/generators/archives';
import { zipEntries } from '../../../../../main/ingest/readers/zipEntries';
import { MAX_STACKED_ZIPS, misplacedPrefix, stackedZips } from '../../../../../main/ingest/readers/zipPrefix';

async function readAll(buffer: Buffer) {
  const issues: string[] = [];
  const entries: string[] = [];
  for await (const zipped of zipEntries({ buffer, from: 0 }, (severity, message, location) => void issues.push(`${severity}: ${message} @ ${location}`))) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zipped.open()) chunks.push(chunk);
    entries.push(`${zipped.name}=${Buffer.concat(chunks).toString()}`);
  }
  return { entries, issues };
}

const precede = (bytes: number): string =>
  `warning: ${bytes} bytes precede the zip (a self-extracting program, another zip, or other data in front of it): not read; the zip is read from its central directory, its offsets corrected by them @ byte 0`;

const whole = (bytes: number, start: number): string =>
  `warning: a whole zip of ${bytes} bytes precedes the zip at byte ${start + bytes} (zips one after another, as cat a.zip b.zip makes): both are read, in file order @ byte ${start}`;

describe('misplacedPrefix', () => {
  it('reckons the bytes in front of a zip from its end record, zip64 too; none for a sound zip or no zip', async () => {
    for (const zip of [await zipOf({ 'a.json': 'a' }), await streamedZipOf({ 'a.json': 'a' }, { forceZip64Format: true })]) {
      const centralDirectory = zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1'));
      expect(misplacedPrefix(Buffer.concat([Buffer.alloc(77), zip]), 0)).toEqual({ prefix: 77, centralDirectory: 77 + centralDirectory });
      // Only the tail of the file at hand: its start given.
      expect(misplacedPrefix(Buffer.concat([Buffer.alloc(77), zip]).subarray(50), 50)).toEqual({ prefix: 77, centralDirectory: 77 + centralDirectory });
      expect(misplacedPrefix(zip, 0)).toBeUndefined();
    }
    expect(misplacedPrefix(Buffer.from('no zip at all'), 0)).toBeUndefined();
  });
});

describe('zips with bytes in front, read from memory', () => {
  it('reads a zip behind a false local header signature from the central directory; two zips one after another are both read, in file order', async () => {
    const zip = await zipOf({ 'a.json': 'one', 'b.json': 'two' });
    const falseSignature = Buffer.concat([Buffer.from('XXPK\u0003\u0004', 'latin1'), Buffer.alloc(40)]);
    expect(await readAll(Buffer.concat([falseSignature, zip]))).toEqual({ entries: ['a.json=one', 'b.json=two'], issues: [precede(46)] });
    const front = await zipOf({ 'front.json': 'front' });
    expect(await readAll(Buffer.concat([front, zip]))).toEqual({ entries: ['front.json=front', 'a.json=one', 'b.json=two'], issues: [whole(front.length, 0)] });
    const zip64 = await streamedZipOf({ 'c.json': 'three' }, { forceZip64Format: true });
    expect(await readAll(Buffer.concat([front, zip64]))).toEqual({ entries: ['front.json=front', 'c.json=three'], issues: [whole(front.length, 0)] });
    // Three, a zip64 one in the middle, with bytes in front of them all.
    const stub = Buffer.alloc(300, 7);
    expect(await readAll(Buffer.concat([stub, front, zip64, zip]))).toEqual({
      entries: ['front.json=front', 'c.json=three', 'a.json=one', 'b.json=two'],
      issues: [precede(300), whole(front.length, 300), whole(zip64.length, 300 + front.length)],
    });
  });

  it('takes a zip in front only when it ends exactly where the next begins', async () => {
    const front = await zipOf({ 'front.json': 'front' });
    const zip = await zipOf({ 'a.json': 'one' });
    // One byte between them: the front zip's end record no longer ends where the next zip begins.
    expect(await readAll(Buffer.concat([front, Buffer.from([0]), zip]))).toEqual({ entries: ['a.json=one'], issues: [precede(front.length + 1)] });
    // A front zip's central directory that is not where its offsets say: bytes in front, not a zip.
    const moved = Buffer.from(front);
    moved.writeUInt32LE(moved.readUInt32LE(moved.length - 6) + 1, moved.length - 6);
    expect(await readAll(Buffer.concat([moved, zip]))).toEqual({ entries: ['a.json=one'], issues: [precede(front.length)] });
  });

  it(`reads at most ${MAX_STACKED_ZIPS} zips one after another, each once: those before them are bytes in front`, async () => {
    const zips = await Promise.all(Array.from({ length: MAX_STACKED_ZIPS + 3 }, (_, i) => zipOf({ [`${i}.json`]: `${i}` })));
    const bytes = Buffer.concat(zips);
    const reads: number[] = [];
    const found = stackedZips((at, length) => {
      reads.push(length);
      return bytes.subarray(at, at + length);
    }, bytes.length);
    const starts = zips.map((_, i) => Buffer.concat(zips.slice(0, i)).length);
    expect(found).toEqual({ zips: starts.slice(3).map((start, i) => ({ start, end: starts[i + 4] ?? bytes.length })), more: true });
    // Each zip's tail and its central directory's signature, and the zip in front of the last one read: no more.
    expect(reads).toHaveLength(2 * (MAX_STACKED_ZIPS + 1));
    const { entries, issues } = await readAll(bytes);
    expect(entries).toEqual(zips.slice(3).map((_, i) => `${i + 3}.json=${i + 3}`));
    expect(issues[0]).toBe(`${precede(starts[3]!).slice(0, -' @ byte 0'.length)} (more than ${MAX_STACKED_ZIPS} zips one after another: the last ${MAX_STACKED_ZIPS} are read) @ byte 0`);
    expect(issues.slice(1)).toEqual(starts.slice(3, -1).map((start, i) => whole(starts[i + 4]! - start, start)));
  });
});
