const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Event numbers ordered by time, oldest first, unknown times (NaN) last, ties in storage order.
 * A least-significant-digit radix sort of each time's offset from the earliest (whole
 * milliseconds), 11 bits a pass, skipping passes whose digit every event shares: a few linear
 * passes where a comparison sort of a million events took most of a second. Each pass moves
 * the offsets along with the event numbers, so that every pass reads them in sequence.
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
  // Offsets from the earliest time as two words: [low 32 bits, the bits above].
  let low = new Uint32Array(count);
  let high = new Uint32Array(count);
  for (let at = 0; at < count; at++) {
    const time = times[at]!;
    const offset = time === time ? time - earliest : unknown;
    const above = Math.floor(offset / 2 ** 32);
    low[at] = offset - above * 2 ** 32;
    high[at] = above;
  }
  let order = new Uint32Array(count);
  for (let at = 0; at < count; at++) order[at] = at;
  let [spareOrder, spareLow, spareHigh] = [new Uint32Array(count), new Uint32Array(count), new Uint32Array(count)];
  const counts = new Uint32Array(BUCKETS + 1);
  for (const [word, shift] of [['low', 0], ['low', 11], ['low', 22], ['high', 0], ['high', 11]] as const) {
    const digits = word === 'low' ? low : high;
    counts.fill(0);
    for (let at = 0; at < count; at++) {
      const bucket = ((digits[at]! >>> shift) & (BUCKETS - 1)) + 1;
      counts[bucket] = counts[bucket]! + 1;
    }
    if (counts.includes(count)) continue;
    for (let bucket = 1; bucket <= BUCKETS; bucket++) counts[bucket] = counts[bucket]! + counts[bucket - 1]!;
    for (let at = 0; at < count; at++) {
      const to = counts[(digits[at]! >>> shift) & (BUCKETS - 1)]!++;
      spareOrder[to] = order[at]!;
      spareLow[to] = low[at]!;
      spareHigh[to] = high[at]!;
    }
    [order, spareOrder, low, spareLow, high, spareHigh] = [spareOrder, order, spareLow, low, spareHigh, high];
  }
  return order;
}
