import { deflateRawSync } from 'node:zlib';
import type { PackedTexts } from '../../shared/packedTexts';

/**
 * Packs texts (see shared/packedTexts.ts) at DEFLATE's fastest level: on generated CloudTrail,
 * about 550 MB/s of text in and 15 times smaller out; level 6 was three times slower for a
 * quarter less.
 */
export function packTexts(texts: readonly string[]): PackedTexts {
  const deflated = deflateRawSync(texts.join(''), { level: 1 });
  // A copy with a buffer of its own, to transfer and to store without zlib's spare room.
  return { deflated: new Uint8Array(deflated), lengths: Uint32Array.from(texts, (text) => text.length) };
}
