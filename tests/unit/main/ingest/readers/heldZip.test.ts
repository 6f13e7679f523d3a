import { describe, expect, it } from 'vitest';
import { selfExtracting, zipOf } from '../../../../fixtures/generators/archives';
import { zipEntries } from '../../../../../main/ingest/readers/zipEntries';
import type { HeldZip } from '../../../../../main/ingest/readers/heldZip';
import { PREFIX_TAIL_BYTES } from '../../../../../main/ingest/readers/zipPrefix';

async function readAll(held: HeldZip) {
  const issues: string[] = [];
  const entries: string[] = [];
  for await (const zipped of zipEntries(held, (severity, message, location) => void issues.push(`${severity}: ${message} @ ${location}`))) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zipped.open()) chunks.push(chunk);
    entries.push(`${zipped.name}=${Buffer.concat(chunks).toString()}`);
  }
  return { entries, issues };
}

describe('zips held from a byte of their file on', () => {
  const program = Buffer.alloc(100_000, 0x90);
  // As zipBehind holds a zip: from PREFIX_TAIL_BYTES before its first local header, so its end record can be searched for.
  const from = program.length - PREFIX_TAIL_BYTES;

  it('reads a zip whose offsets count the bytes in front (zip -A) at those offsets, none of the bytes in front held', async () => {
    const file = selfExtracting(program, await zipOf({ 'a.json': 'one', 'b.json': 'two' }));
    expect(await readAll({ buffer: file.subarray(from), from })).toEqual({ entries: ['a.json=one', 'b.json=two'], issues: [] });
  });

  it('never reads bytes it does not hold: a central directory that points before them is not read, and the local headers are', async () => {
    const zip = await zipOf({ 'a.json': 'one' });
    // Its central directory's signature damaged: no offsets to correct, and its end record points at byte 0 and on of the file, not held.
    const damaged = Buffer.concat([program, zip]);
    damaged.write('XX', program.length + zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')), 'latin1');
    expect(await readAll({ buffer: damaged.subarray(from), from })).toEqual({
      entries: ['a.json=one'],
      issues: [
        `warning: ${program.length} bytes precede the zip's first entry (a self-extracting program, or other data in front of the zip): not read @ byte 0`,
        `error: zip central directory cannot be read (byte ${zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1'))} of the zip's file is not held (it is in the bytes in front of the zip)): its entries were read from their local headers, up to bytes that are not a header @ byte ${program.length + zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1'))}`,
      ],
    });
  });
});
