/** A 32-bit hash of a 52-bit key given as its low and high words: MurmurHash3's finalizer over both, seeded, so that every bit counts. */
export function keyHash(low: number, high: number, seed = 0): number {
  let h = (low ^ Math.imul(high ^ seed, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
