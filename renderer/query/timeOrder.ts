const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
/** The digits of an offset, least significant first: three of its low 32 bits, two of the bits above. */
const DIGITS = [
  { word: 'low', shift: 0 },
  { word: 'low', shift: 11 },
  { word: 'low', shift: 22 },
  { word: 'high', shift: 0 },
  { word: 'high', shift: 11 },
] as const;

/**
 * Event numbers ordered by time, oldest first, unknown times (NaN) last, ties in storage order.
 * A least-significant-digit radix sort of each time's offset from the earliest (whole
 * milliseconds), 11 bits a pass: a few linear passes where a comparison sort of a million events
 * took most of a second. One read counts every digit; a pass runs only for a digit the events do
 * not all share, and moves the offset words along with the event numbers only while a later pass
 * reads them (so that every pass reads in sequence).
 */
export function timeOrder(times: Float64Array): Uint32Array {
  const count = times.length;
  let earliest = Infinity;
  let latest = -Infinity;
  for (const time of times) {
    if (time < earliest) earliest = time;
    if (time > latest) latest = time;
  }
  const unknown = Number.isFinite(latest) ? latest - earliest + 1 : 0;
  // Offsets from the earliest time as two words: [low 32 bits, the bits above], and the count of
  // each digit's values (bucket + 1, to become starts below).
  let low = new Uint32Array(count);
  let high = new Uint32Array(count);
  const counts = DIGITS.map(() => new Uint32Array(BUCKETS + 1));
  const [c0, c1, c2, c3, c4] = counts as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  const mask = BUCKETS - 1;
  for (let at = 0; at < count; at++) {
    const time = times[at]!;
    const offset = time === time ? time - earliest : unknown;
    const above = Math.floor(offset / 2 ** 32);
    const below = offset - above * 2 ** 32;
    low[at] = below;
    high[at] = above;
    c0[(below & mask) + 1]!++;
    c1[((below >>> 11) & mask) + 1]!++;
    c2[((below >>> 22) & mask) + 1]!++;
    c3[(above & mask) + 1]!++;
    c4[((above >>> 11) & mask) + 1]!++;
  }
  const passes = DIGITS.flatMap((digit, k) => (counts[k]!.includes(count) ? [] : [{ ...digit, starts: counts[k]! }]));
  let order = new Uint32Array(count);
  for (let at = 0; at < count; at++) order[at] = at;
  let [spareOrder, spareLow, spareHigh] = [new Uint32Array(count), new Uint32Array(count), new Uint32Array(count)];
  for (const [k, { word, shift, starts }] of passes.entries()) {
    const later = passes.slice(k + 1);
    const moveLow = later.some((pass) => pass.word === 'low');
    const moveHigh = later.some((pass) => pass.word === 'high');
    const digits = word === 'low' ? low : high;
    for (let bucket = 1; bucket <= BUCKETS; bucket++) starts[bucket] = starts[bucket]! + starts[bucket - 1]!;
    for (let at = 0; at < count; at++) {
      const to = starts[(digits[at]! >>> shift) & mask]!++;
      spareOrder[to] = order[at]!;
      if (moveLow) spareLow[to] = low[at]!;
      if (moveHigh) spareHigh[to] = high[at]!;
    }
    [order, spareOrder] = [spareOrder, order];
    if (moveLow) [low, spareLow] = [spareLow, low];
    if (moveHigh) [high, spareHigh] = [spareHigh, high];
  }
  return order;
}

/**
 * `order` (by whole milliseconds, from timeOrder) with each run of events in one millisecond
 * ordered by what its times say below it (`below`, nanoseconds; ties keep their order), so that
 * the listing agrees with the times it shows. `order` itself when nothing is below.
 */
export function byFraction(order: Uint32Array, times: Float64Array, below: Uint32Array | undefined): Uint32Array {
  if (!below) return order;
  for (let start = 0, end = 1; start < order.length; start = end, end = start + 1) {
    const time = times[order[start]!]!;
    while (end < order.length && times[order[end]!] === time) end++;
    if (end - start < 2) continue;
    const run = order.subarray(start, end);
    if (run.every((event) => below[event] === 0)) continue;
    // A stable sort: Array.prototype.sort is, over a plain array.
    run.set(Array.from(run).sort((a, b) => below[a]! - below[b]!));
  }
  return order;
}

/**
 * Two time orders (see byFraction) of disjoint events as one: every event of `later` is stored
 * after every event of `earlier`, so ties take `earlier`'s first, as one sort of them all would.
 * `times` are by event number with unknown times as Infinity; `below` as for byFraction.
 */
export function mergedOrder(earlier: Uint32Array, later: Uint32Array, times: Float64Array, below: Uint32Array | undefined): Uint32Array {
  const merged = new Uint32Array(earlier.length + later.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < earlier.length && j < later.length) {
    const a = earlier[i]!;
    const b = later[j]!;
    const laterFirst = times[b]! < times[a]! || (times[b] === times[a] && below !== undefined && below[b]! < below[a]!);
    merged[k++] = laterFirst ? later[j++]! : earlier[i++]!;
  }
  merged.set(earlier.subarray(i), k);
  merged.set(later.subarray(j), k + earlier.length - i);
  return merged;
}
