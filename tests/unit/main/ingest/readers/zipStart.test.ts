import { describe, expect, it } from 'vitest';
import { START_SEARCH_BYTES, findLocalHeader, zipStartWithin } from '../../../../../main/ingest/readers/zipStart';
import { endsAsZip } from '../../../../../main/ingest/readers/zipEnd';
import { zipOf } from '../../../../fixtures/generators/archives';

describe('findLocalHeader', () => {
  it('finds the first plausible local header, passing over false signatures; takes one cut short as it is', async () => {
    const zip = await zipOf({ 'a.json': 'a' });
    const signature = Buffer.from('PK\u0003\u0004', 'latin1');
    // An empty name, then an unknown method, then a stored entry with two sizes.
    const unknownMethod = Buffer.alloc(30);
    unknownMethod.writeUInt16LE(77, 8);
    unknownMethod.writeUInt16LE(6, 26);
    const twoSizes = Buffer.alloc(30);
    twoSizes.writeUInt32LE(5, 18);
    twoSizes.writeUInt32LE(6, 22);
    twoSizes.writeUInt16LE(6, 26);
    const falseHeaders = Buffer.concat([signature, Buffer.alloc(40), signature, unknownMethod.subarray(4), signature, twoSizes.subarray(4)]);
    expect(findLocalHeader(Buffer.concat([Buffer.from('XX'), falseHeaders, zip]))).toBe(2 + falseHeaders.length);
    expect(findLocalHeader(zip)).toBe(0);
    expect(findLocalHeader(zip, 1)).toBe(-1);
    expect(findLocalHeader(Buffer.concat([Buffer.from('junk'), zip.subarray(0, 10)]))).toBe(4);
    expect(findLocalHeader(Buffer.from('no zip here'))).toBe(-1);
  });
});

describe('zipStartWithin and endsAsZip, on bytes in memory as on a file', () => {
  it('finds a first entry only in the first 64 KB, and an end record only at the very end', async () => {
    const zip = await zipOf({ 'a.json': 'a' });
    const body = zip.subarray(0, zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')));
    expect(zipStartWithin(Buffer.concat([Buffer.alloc(1000, 1), body]))).toBe(1000);
    expect(zipStartWithin(Buffer.concat([Buffer.alloc(START_SEARCH_BYTES - 1, 1), body]))).toBe(START_SEARCH_BYTES - 1);
    expect(zipStartWithin(Buffer.concat([Buffer.alloc(START_SEARCH_BYTES, 1), body]))).toBe(-1);
    expect(endsAsZip(Buffer.concat([Buffer.alloc(1000, 1), zip]))).toBe(true);
    expect(endsAsZip(Buffer.concat([zip, Buffer.from([0])]))).toBe(false);
    expect(endsAsZip(body)).toBe(false);
  });
});
