import { describe, expect, it } from 'vitest';
import { zipBehind } from '../../../../../main/ingest/readers/zipBehind';
import { PREFIX_TAIL_BYTES } from '../../../../../main/ingest/readers/zipPrefix';
import { zipOf } from '../../../../fixtures/generators/archives';

async function* inChunks(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
}

describe('zipBehind', () => {
  const program = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 37) % 256));

  it('finds a zip behind other bytes wherever the chunks cut its first header, holding it with the bytes just before', async () => {
    const zip = await zipOf({ 'a.json': 'a' });
    const bytes = Buffer.concat([program, zip]);
    const start = program.length;
    // Cuts inside the signature, inside the header's fixed part, right after it, and far before it.
    for (const cut of [start + 2, start + 20, start + 30, 1000]) {
      const found = await zipBehind(inChunks(bytes, [cut]), 1 << 20);
      expect(found).toEqual({ buffer: bytes.subarray(start - PREFIX_TAIL_BYTES), from: start - PREFIX_TAIL_BYTES, start });
    }
    // Near the start, all that precedes it is held.
    expect(await zipBehind(inChunks(Buffer.concat([program.subarray(0, 10), zip]), [5]), 1 << 20)).toEqual({ buffer: Buffer.concat([program.subarray(0, 10), zip]), from: 0, start: 10 });
  });

  it('finds nothing in bytes without a plausible local header, and says when what it would hold is too large', async () => {
    const falseSignature = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(40)]);
    expect(await zipBehind(inChunks(Buffer.concat([program, falseSignature, program]), [70_000, 150_002]), 1 << 20)).toBeUndefined();
    const zip = await zipOf({ 'a.json': program });
    expect(await zipBehind(inChunks(Buffer.concat([program, zip]), [100_000]), PREFIX_TAIL_BYTES + zip.length - 1)).toBe('too large');
    expect(await zipBehind(inChunks(Buffer.concat([program, zip]), [100_000]), PREFIX_TAIL_BYTES + zip.length)).toMatchObject({ from: program.length - PREFIX_TAIL_BYTES, start: program.length });
  });
});
