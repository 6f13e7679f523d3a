import type { CopyComparison } from './compareCopies';

/** What an event's several conflicting copies have in common against it, to say in a few lines before comparing them one by one. */
export interface ConflictSummary {
  /** Each value some copy differs on (by its path, as a difference names it), with how many do: most first, then as first found. */
  values: { path: string; copies: number }[];
  /** Copies holding the same values as this one, written differently (a reformatted copy, no key written twice). */
  reformatted: number;
  /** Copies that write a key more than once in one object. */
  copiesRepeatingKeys: number;
  /** Whether this copy writes a key more than once in one object. */
  hereRepeatsKeys: boolean;
  /** Copies compared by their text only (nested too deep to walk, or not JSON). */
  byText: number;
}

/** Sums up an event's comparisons with each of its conflicting copies (see compareCopies). */
export function conflictSummary(comparisons: readonly CopyComparison[]): ConflictSummary {
  const counts = new Map<string, number>();
  for (const { differences } of comparisons) for (const { path } of differences) counts.set(path, (counts.get(path) ?? 0) + 1);
  const values = [...counts].map(([path, copies]) => ({ path, copies })).sort((a, b) => b.copies - a.copies);
  const compared = comparisons.filter((comparison) => comparison.byText === null);
  return {
    values,
    reformatted: compared.filter((comparison) => comparison.differences.length === 0 && comparison.repeatedHere.length + comparison.repeatedThere.length === 0).length,
    copiesRepeatingKeys: compared.filter((comparison) => comparison.repeatedThere.length > 0).length,
    hereRepeatsKeys: compared.some((comparison) => comparison.repeatedHere.length > 0),
    byText: comparisons.length - compared.length,
  };
}

/** A number of copies, said. */
export const copyCount = (n: number): string => `${n} ${n === 1 ? 'copy' : 'copies'}`;

/** What a summary says besides the values the copies differ on, each a sentence. */
export function summaryFindings(summary: ConflictSummary): string[] {
  return [
    summary.hereRepeatsKeys ? 'This copy writes a key more than once in one object.' : '',
    summary.copiesRepeatingKeys > 0 ? `${copyCount(summary.copiesRepeatingKeys)} ${summary.copiesRepeatingKeys === 1 ? 'writes' : 'write'} a key more than once in one object.` : '',
    summary.reformatted > 0 ? `${copyCount(summary.reformatted)} ${summary.reformatted === 1 ? 'holds' : 'hold'} the same values, written differently.` : '',
    summary.byText > 0 ? `${copyCount(summary.byText)} can be compared by text only.` : '',
  ].filter(Boolean);
}
