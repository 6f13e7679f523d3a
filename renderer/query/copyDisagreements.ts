import { EVENT_FLAGS } from '../../shared/event';
import { boundedParseOrUndefined } from '../../shared/jsonDepth';
import { partialRowChecks, rowPairChecks } from '../explorer/partialCopy';
import type { CaseIndex, DecodedEvent } from './caseIndex';

/** Fields a row may name with another key than its full event does: only these need the full event's text to tell. */
const NAMED_ELSEWHERE = new Set(['actor', 'account']);

/**
 * Flags (EVENT_FLAGS.copyDisagrees) both ends of each partial copy of `pairs` (a CSV row's and its
 * full event's global numbers, as copyPairs gives them) whose row disagrees with its full event on
 * a field the row gives, as the detail pane tells it (partialRowChecks). Compared from the columns held; the full event's text is read
 * (`textOf`) only where the row's actor or account alone differs from the event's, which it may
 * name by another of its keys. Returns how many copies disagree.
 */
export async function flagDisagreeingCopies(index: CaseIndex, pairs: Uint32Array, textOf: (event: DecodedEvent) => Promise<string>): Promise<number> {
  return flagPairs(index, pairs, async (row, full) => {
    const differing = partialRowChecks(row, full, undefined, 'utc').filter((check) => !check.agrees);
    if (differing.length === 0 || !differing.every((check) => NAMED_ELSEWHERE.has(check.field))) return differing.length > 0;
    return partialRowChecks(row, full, boundedParseOrUndefined(await textOf(full)), 'utc').some((check) => !check.agrees);
  });
}

/**
 * Flags as flagDisagreeingCopies does both rows of each pair of `pairs` (two CSV rows of one call,
 * global numbers) that disagree on a field both give (rowPairChecks). Returns how many pairs disagree.
 */
export function flagDisagreeingRows(index: CaseIndex, pairs: Uint32Array): Promise<number> {
  return flagPairs(index, pairs, (row, other) => Promise.resolve(rowPairChecks(row, other, 'utc').some((check) => !check.agrees)));
}

async function flagPairs(index: CaseIndex, pairs: Uint32Array, disagree: (row: DecodedEvent, other: DecodedEvent) => Promise<boolean>): Promise<number> {
  let disagreeing = 0;
  for (let k = 0; k < pairs.length; k += 2) {
    if (!(await disagree(index.event(pairs[k]!), index.event(pairs[k + 1]!)))) continue;
    disagreeing++;
    index.addFlag(pairs[k]!, EVENT_FLAGS.copyDisagrees);
    index.addFlag(pairs[k + 1]!, EVENT_FLAGS.copyDisagrees);
  }
  return disagreeing;
}
