import { EVENT_FLAGS } from '../../shared/event';
import { boundedParseOrUndefined } from '../../shared/jsonDepth';
import type { ConflictRecord } from '../db/caseDb';
import { partialRowChecks } from '../explorer/partialCopy';
import type { CaseIndex, DecodedEvent } from './caseIndex';

/** Fields a row may name with another key than its full event does: only these need the full event's text to tell. */
const NAMED_ELSEWHERE = new Set(['actor', 'account']);

/**
 * Flags (EVENT_FLAGS.copyDisagrees) both ends of each partial copy among `copies` (see
 * ConflictRecord) whose row disagrees with its full event on a field the row gives, as the detail
 * pane tells it (partialRowChecks). Compared from the columns held; the full event's text is read
 * (`textOf`) only where the row's actor or account alone differs from the event's, which it may
 * name by another of its keys. Returns how many copies disagree.
 */
export async function flagDisagreeingCopies(index: CaseIndex, copies: readonly ConflictRecord[], textOf: (event: DecodedEvent) => Promise<string>): Promise<number> {
  const globals = index.globalsAt(copies.flatMap(({ first, second }) => [first, second]));
  let disagreeing = 0;
  for (let k = 0; k < copies.length; k++) {
    const [first, second] = [globals[2 * k], globals[2 * k + 1]];
    if (first == null || second == null) continue;
    const [row, full] = copies[k]!.partial === 'first' ? [index.event(first), index.event(second)] : [index.event(second), index.event(first)];
    let differing = partialRowChecks(row, full, undefined, 'utc').filter((check) => !check.agrees);
    if (differing.length > 0 && differing.every((check) => NAMED_ELSEWHERE.has(check.field))) {
      differing = partialRowChecks(row, full, boundedParseOrUndefined(await textOf(full)), 'utc').filter((check) => !check.agrees);
    }
    if (differing.length === 0) continue;
    disagreeing++;
    index.addFlag(first, EVENT_FLAGS.copyDisagrees);
    index.addFlag(second, EVENT_FLAGS.copyDisagrees);
  }
  return disagreeing;
}
