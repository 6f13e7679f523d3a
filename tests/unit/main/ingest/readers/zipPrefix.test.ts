import { describe, expect, it } from 'vitest';
import { streamedZipOf, zipOf } from '../../../../fixtures/generators/archives';
import { zipEntries } from '../../../../../main/ingest/readers/zipEntries';
import { misplacedPrefix } from '../../../../../main/ingest/readers/zipPrefix';

async function readAll(buffer: Buffer) {
  const issues: string[] = [];
  const entries: string[] = [];
  for await (const zipped of zipEntries({ buffer }, (severity, message, location) => void issues.push(`${severity}: ${message} @ ${location}`))) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zipped.open()) chunks.push(chunk);
    entries.push(`${zipped.name}=${Buffer.concat(chunks).toString()}`);
  }
  return { entries, issues };
}

const precede = (bytes: number): string =>
  `warning: ${bytes} bytes precede the zip (a self-extracting program, another zip, or other data in front of it): not read; the zip is read from its central directory, its offsets corrected by them @ byte 0`;

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
  it('reads a zip behind a false local header signature, and the last of two zips, from the central directory', async () => {
    const zip = await zipOf({ 'a.json': 'one', 'b.json': 'two' });
    const falseSignature = Buffer.concat([Buffer.from('XXPK\u0003\u0004', 'latin1'), Buffer.alloc(40)]);
    expect(await readAll(Buffer.concat([falseSignature, zip]))).toEqual({ entries: ['a.json=one', 'b.json=two'], issues: [precede(46)] });
    const front = await zipOf({ 'front.json': 'front' });
    expect(await readAll(Buffer.concat([front, zip]))).toEqual({ entries: ['a.json=one', 'b.json=two'], issues: [precede(front.length)] });
    const zip64 = await streamedZipOf({ 'c.json': 'three' }, { forceZip64Format: true });
    expect(await readAll(Buffer.concat([front, zip64]))).toEqual({ entries: ['c.json=three'], issues: [precede(front.length)] });
  });
});
