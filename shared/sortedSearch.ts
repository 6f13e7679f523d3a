/** Index of the last element of `sorted` (ascending) that is at most `value`; -1 when none is. */
export function lastAtMost(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle - 1;
  }
  return high;
}
