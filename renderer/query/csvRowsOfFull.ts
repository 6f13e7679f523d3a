import type { ConflictRecord } from '../db/caseDb';
import type { CaseIndex } from './caseIndex';

/**
 * The partial copies among `copies` (see ConflictRecord) whose two ends the case holds, as global
 * numbers, two per copy: the CSV row's, then its full event's. Found in one pass over the columns
 * (see CaseIndex.globalsAt); a copy whose event the case does not hold is left out.
 */
export function copyPairs(index: CaseIndex, copies: readonly ConflictRecord[]): Uint32Array {
  const globals = index.globalsAt(copies.flatMap(({ first, second }) => [first, second]));
  const pairs: number[] = [];
  copies.forEach(({ partial }, k) => {
    const [first, second] = [globals[2 * k], globals[2 * k + 1]];
    if (first == null || second == null) return;
    pairs.push(...(partial === 'first' ? [first, second] : [second, first]));
  });
  return Uint32Array.from(pairs);
}

/**
 * How many of the `listed` events (global numbers, of `count`) are CSV rows whose full event is
 * listed too (`pairs` as copyPairs gives them, followed by those rowsOfOneCall gives: a row and the
 * row standing for its call): the calls a listing counts twice. A row linked to
 * several full events (a conflict's two copies) counts once. One pass over the listing and one over
 * the pairs, none when there are no pairs.
 */
export function csvRowsOfFull(pairs: Uint32Array, listed: Uint32Array, count: number): number {
  if (pairs.length === 0 || listed.length === 0) return 0;
  // 1: listed; 2: a listed row already counted.
  const mark = new Uint8Array(count);
  for (const global of listed) mark[global] = 1;
  let rows = 0;
  for (let k = 0; k < pairs.length; k += 2) {
    const [row, full] = [pairs[k]!, pairs[k + 1]!];
    if (mark[row] === 1 && mark[full] !== 0) {
      mark[row] = 2;
      rows++;
    }
  }
  return rows;
}
