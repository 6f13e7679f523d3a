import { describe, expect, it } from 'vitest';
import { byFraction, mergedOrder, timeOrder } from '../../../renderer/query/timeOrder';

/** What the order must be: a stable comparison sort, unknown times last. */
function byComparison(times: Float64Array): number[] {
  const key = (i: number) => (Number.isNaN(times[i]) ? Infinity : times[i]!);
  return Array.from(times.keys()).sort((a, b) => key(a) - key(b) || a - b);
}

/** Where `timeOrder` first departs from the comparison sort, -1 if nowhere (a diff of 200,000 numbers would take minutes to print). */
function firstDifference(times: Float64Array): number {
  const [got, wanted] = [timeOrder(times), byComparison(times)];
  if (got.length !== wanted.length) return Math.min(got.length, wanted.length);
  return wanted.findIndex((event, at) => got[at] !== event);
}

describe('timeOrder', () => {
  it('orders by time, unknown last, ties in storage order', () => {
    const times = Float64Array.of(30, NaN, 10, 30, -5, NaN, 10, 2 ** 40);
    expect(Array.from(timeOrder(times))).toEqual([4, 2, 6, 0, 3, 7, 1, 5]);
    expect(Array.from(timeOrder(new Float64Array(0)))).toEqual([]);
    expect(Array.from(timeOrder(Float64Array.of(NaN, NaN)))).toEqual([0, 1]);
  });

  it('agrees with a comparison sort on 200,000 times spread over every digit, from before 1970 to year 275,000', () => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const times = new Float64Array(200_000);
    for (let at = 0; at < times.length; at++) {
      const kind = random();
      times[at] = kind < 0.02 ? NaN : kind < 0.3 ? Math.floor(random() * 1000) : kind < 0.9 ? Date.UTC(2024, 0, 1) + Math.floor(random() * 3e10) : Math.floor((random() - 0.1) * 8.64e15);
    }
    expect(firstDifference(times)).toBe(-1);
  });

  it('agrees with a comparison sort when the times share their upper digits, or all but the highest, or all of them', () => {
    let seed = 99;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const spread = (count: number, time: () => number) => Float64Array.from({ length: count }, time);
    const cases = [
      spread(50_000, () => Date.UTC(2024, 4, 1) + Math.floor(random() * 8.64e7)), // a day: the low digits only
      spread(50_000, () => Date.UTC(2024, 4, 1) + Math.floor(random() * 2000)), // the lowest digit only
      spread(50_000, () => Date.UTC(2024, 4, 1) + Math.floor(random() * 1000) * 2 ** 33), // the upper word only
      spread(1000, () => Date.UTC(2024, 4, 1)), // one time: no pass at all
    ];
    for (const times of cases) expect(firstDifference(times)).toBe(-1);
  });
});

describe('byFraction', () => {
  it('orders each millisecond by what its times say below it, ties and other milliseconds as they were', () => {
    const times = Float64Array.of(10, 10, 10, 5, 10);
    const order = timeOrder(times);
    expect([...order]).toEqual([3, 0, 1, 2, 4]);
    // Events 0, 1, 2 and 4 share a millisecond: 0 at .999 µs, 1 and 4 at .001 µs, 2 with nothing below.
    expect([...byFraction(order, times, Uint32Array.of(999_000, 1000, 0, 0, 1000))]).toEqual([3, 2, 1, 4, 0]);
    expect(byFraction(Uint32Array.of(1, 0), Float64Array.of(1, 1), undefined)).toEqual(Uint32Array.of(1, 0));
  });
});

describe('mergedOrder', () => {
  it('merges the order of events stored later into that of those before, ties first to the earlier, then below the millisecond', () => {
    // Events 0-3 held, 4-6 added; unknown times are Infinity.
    const times = Float64Array.of(5, 5, 9, Infinity, 5, 1, Infinity);
    const below = Uint32Array.of(0, 700, 0, 0, 300, 0, 0);
    expect(Array.from(mergedOrder(Uint32Array.of(0, 1, 2, 3), Uint32Array.of(5, 4, 6), times, below))).toEqual([5, 0, 4, 1, 2, 3, 6]);
    expect(Array.from(mergedOrder(Uint32Array.of(0, 1, 2, 3), Uint32Array.of(5, 4, 6), times, undefined))).toEqual([5, 0, 1, 4, 2, 3, 6]);
    expect(Array.from(mergedOrder(Uint32Array.of(), Uint32Array.of(5, 4), times, undefined))).toEqual([5, 4]);
  });
});
