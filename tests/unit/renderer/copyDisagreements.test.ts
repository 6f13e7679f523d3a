import { describe, expect, it } from 'vitest';
import type { ConflictRecord } from '../../../renderer/db/caseDb';
import { DictionaryEncoder, SegmentBuilder } from '../../../renderer/db/segmentBuilder';
import { CaseIndex, type DecodedEvent } from '../../../renderer/query/caseIndex';
import { flagDisagreeingCopies } from '../../../renderer/query/copyDisagreements';
import { copyPairs } from '../../../renderer/query/csvRowsOfFull';
import { EVENT_FLAGS, type CairnEvent } from '../../../shared/event';
import { batchOf, event } from './event';

const ARN = 'arn:aws:iam::111122223333:user/alice';
const FULL_TEXT = JSON.stringify({ userIdentity: { arn: ARN, principalId: 'AIDAALICE', accountId: '111122223333' }, recipientAccountId: '444455556666' });

/** One segment of case file 7: full events at even indexes, each followed by a CSV row of it. */
function caseOf(events: Partial<CairnEvent>[]): CaseIndex {
  const dictionary = new DictionaryEncoder();
  const builder = new SegmentBuilder(dictionary);
  builder.add(batchOf(events.map((fields, index) => event({ time: 1000, eventName: 'GetObject', ...fields, index }))), { keys: new Float64Array(events.length), digests: new Uint32Array(2 * events.length) }, 7);
  const { segment } = builder.take(0);
  return CaseIndex.fromStore([segment], dictionary.takeChanges(0));
}
const copy = (full: number, row: number): ConflictRecord => ({ eventId: `e${full}`, job: 'j', first: { file: 7, index: full }, second: { file: 7, index: row }, partial: 'second' });

describe('flagDisagreeingCopies', () => {
  it('flags both ends of each CSV row that disagrees with its full event, reading the event only where an actor or account may be named by another key', async () => {
    const full = { actor: ARN, account: '444455556666', sourceIp: '203.0.113.9' };
    const index = caseOf([
      full, { actor: ARN, sourceIp: '203.0.113.9' }, // agrees
      full, { sourceIp: '198.51.100.7' }, // another source IP
      full, { actor: 'AIDAALICE', account: '111122223333' }, // the principal id and the identity's account: the event holds both
      full, { actor: 'AIDAMALLORY' }, // another principal
      full, { time: 2000 }, // a second later
    ]);
    const read: number[] = [];
    const textOf = async (event: DecodedEvent) => {
      read.push(event.index);
      return FULL_TEXT;
    };
    expect(await flagDisagreeingCopies(index, copyPairs(index, [copy(0, 1), copy(2, 3), copy(4, 5), copy(6, 7), copy(8, 9)]), textOf)).toBe(3);
    const flagged = Array.from({ length: index.count }, (_, global) => (index.event(global).flags & EVENT_FLAGS.copyDisagrees ? index.event(global).index : -1)).filter((at) => at >= 0);
    expect(flagged).toEqual([2, 3, 6, 7, 8, 9]);
    expect(read).toEqual([4, 6]);
  });

  it('passes over a copy whose event the case does not hold', async () => {
    const index = caseOf([{ sourceIp: '203.0.113.9' }]);
    expect(await flagDisagreeingCopies(index, copyPairs(index, [copy(0, 5)]), () => Promise.reject(new Error('not read')))).toBe(0);
  });
});
