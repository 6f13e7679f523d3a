import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markEncrypted, streamedZipOf, zipOf } from '../../../../fixtures/generators/archives';
import { ReadError } from '../../../../../main/ingest/readers/byteStreams';
import { zipEntries } from '../../../../../main/ingest/readers/zipEntries';
import { readDescriptor } from '../../../../../main/ingest/readers/zipLocalEntries';

const CENTRAL = Buffer.from('PK\u0001\u0002', 'latin1');
const cutAtCentralDirectory = (zip: Buffer): Buffer => zip.subarray(0, zip.indexOf(CENTRAL));

/** Reads every entry (`open` decides which), as readTree would: its text or what refused it, and its record's CRC-32 against its content's. */
async function readAll(buffer: Buffer, open: (name: string) => boolean = () => true) {
  const issues: string[] = [];
  const entries: { name: string; text?: string; crcMatches?: boolean; error?: string }[] = [];
  for await (const zipped of zipEntries({ buffer, from: 0 }, (severity, message, location) => void issues.push(`${severity}: ${message} @ ${location}`))) {
    if (!open(zipped.name) || zipped.entry.isEncrypted()) {
      entries.push({ name: zipped.name });
      continue;
    }
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await zipped.open()) chunks.push(chunk);
      const content = Buffer.concat(chunks);
      entries.push({ name: zipped.name, text: content.toString(), crcMatches: crc32(content) === zipped.entry.crc32 });
    } catch (error) {
      entries.push({ name: zipped.name, error: (error as Error).message });
    }
  }
  return { entries, issues };
}

const missing = 'error: zip central directory is missing (the archive is cut short?): its entries were read from their local headers, up to';

describe('zip entries read from their local headers', () => {
  it('reads zip64 data descriptors, and UTF-8 names', async () => {
    const zip = cutAtCentralDirectory(await streamedZipOf({ 'événement.json': 'one', 'b.json': 'two'.repeat(1000) }, { forceZip64Format: true }));
    expect(await readAll(zip)).toEqual({
      entries: [
        { name: 'événement.json', text: 'one', crcMatches: true },
        { name: 'b.json', text: 'two'.repeat(1000), crcMatches: true },
      ],
      issues: [`${missing} the end of its data @ byte ${zip.length}`],
    });
  });

  it('passes over entries it is not asked to read, of known size or not, encrypted or not', async () => {
    const streamed = cutAtCentralDirectory(await streamedZipOf({ 'a.json': 'a'.repeat(5000), 'b.json': 'b' }));
    expect((await readAll(streamed, (name) => name !== 'a.json')).entries).toEqual([{ name: 'a.json' }, { name: 'b.json', text: 'b', crcMatches: true }]);
    const encrypted = cutAtCentralDirectory(markEncrypted(await zipOf({ 'a.json': 'a', 'b.json': 'b' })));
    expect(await readAll(encrypted)).toEqual({ entries: [{ name: 'a.json' }, { name: 'b.json' }], issues: [`${missing} the end of its data @ byte ${encrypted.length}`] });
  });

  it('refuses a stored entry whose size only follows its data, and stops there; an empty one is read', async () => {
    const zip = cutAtCentralDirectory(await streamedZipOf({ 'empty.json': '', 'a.json': 'stored', 'b.json': 'never reached' }, { compress: false }));
    const second = zip.indexOf(Buffer.from('a.json')) - 30;
    expect(await readAll(zip)).toEqual({
      entries: [
        { name: 'empty.json', text: '', crcMatches: true },
        { name: 'a.json', error: 'a stored entry whose size is given only after its data (general-purpose bit 3): without the central directory its end cannot be found, so it is not read' },
      ],
      issues: [`${missing} an entry whose end cannot be found without the central directory @ byte ${second}`],
    });
  });

  it("goes on where a deflate entry's stream ends when its local header's compressed size is wrong, and says so; passed over too", async () => {
    const text = Array.from({ length: 2000 }, (_, i) => (i * i) % 9973).join(',');
    const zip = cutAtCentralDirectory(await zipOf({ 'a.json': 'a'.repeat(300), 'b.json': text, 'c.json': 'last' }));
    const header = zip.indexOf(Buffer.from('b.json')) - 30;
    const size = zip.readUInt32LE(header + 18);
    for (const wrong of [size + 100, size - 100]) {
      const damaged = Buffer.from(zip);
      damaged.writeUInt32LE(wrong, header + 18);
      expect(await readAll(damaged)).toEqual({
        entries: [
          { name: 'a.json', text: 'a'.repeat(300), crcMatches: true },
          { name: 'b.json', error: `its local header says ${wrong} compressed bytes; its data ends after ${size}` },
          { name: 'c.json', text: 'last', crcMatches: true },
        ],
        issues: [`${missing} the end of its data @ byte ${zip.length}`],
      });
      expect((await readAll(damaged, (name) => name !== 'b.json')).entries).toEqual([
        { name: 'a.json', text: 'a'.repeat(300), crcMatches: true },
        { name: 'b.json' },
        { name: 'c.json', text: 'last', crcMatches: true },
      ]);
    }
  });

  it('says where reading stopped at bytes that are not a header, and refuses a zip without any local header', async () => {
    const zip = cutAtCentralDirectory(await zipOf({ 'a.json': 'a' }));
    expect((await readAll(Buffer.concat([zip, Buffer.from('garbage')]))).issues).toEqual([`${missing} bytes that are not a header @ byte ${zip.length}`]);
    expect((await readAll(Buffer.concat([zip, Buffer.from('PK')]))).issues).toEqual([`${missing} a header cut short @ byte ${zip.length}`]);
    expect((await readAll(Buffer.concat([zip, zip.subarray(0, 20)]))).issues).toEqual([`${missing} a local header cut short @ byte ${zip.length}`]);
    const none = readAll(Buffer.from('nothing of a zip'));
    await expect(none).rejects.toThrow(ReadError);
    await expect(none).rejects.toThrow("zip central directory is missing (the archive is cut short?), and no entry's local header was found");
  });
});

describe('readDescriptor', () => {
  const descriptor = (signed: boolean, wide: boolean, crc: number, compressed: number, uncompressed: number): Buffer => {
    const sizes = Buffer.alloc(wide ? 16 : 8);
    if (wide) {
      sizes.writeBigUInt64LE(BigInt(compressed), 0);
      sizes.writeBigUInt64LE(BigInt(uncompressed), 8);
    } else {
      sizes.writeUInt32LE(compressed, 0);
      sizes.writeUInt32LE(uncompressed, 4);
    }
    const crcBytes = Buffer.alloc(4);
    crcBytes.writeUInt32LE(crc);
    return Buffer.concat([signed ? Buffer.from('PK\u0007\u0008', 'latin1') : Buffer.alloc(0), crcBytes, sizes]);
  };
  const next = Buffer.from('PK\u0003\u0004', 'latin1');

  it('finds each of its four forms by the sizes the data had', () => {
    for (const signed of [true, false]) {
      for (const wide of [true, false]) {
        const bytes = descriptor(signed, wide, 0xabcdef01, 100, 2000);
        expect(readDescriptor(Buffer.concat([bytes, next]), 100, 2000, wide)).toEqual({ length: bytes.length, crc32: 0xabcdef01 });
        expect(readDescriptor(Buffer.concat([bytes, next]), 100, 2001, wide)).toBeUndefined();
      }
    }
  });

  it('prefers the form followed by a header: a 64-bit one whose high words read as 32-bit sizes of an empty entry', () => {
    const wide = descriptor(true, true, 0, 2, 0);
    expect(readDescriptor(Buffer.concat([wide, next]), 2, 0, false)).toEqual({ length: 24, crc32: 0 });
    const narrow = descriptor(true, false, 0, 2, 0);
    expect(readDescriptor(Buffer.concat([narrow, next, Buffer.alloc(8)]), 2, 0, false)).toEqual({ length: 16, crc32: 0 });
  });
});
