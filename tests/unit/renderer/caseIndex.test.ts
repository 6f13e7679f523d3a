import { describe, expect, it } from 'vitest';
import { DictionaryEncoder, SegmentBuilder } from '../../../renderer/db/segmentBuilder';
import { CaseIndex } from '../../../renderer/query/caseIndex';
import { DICTIONARY_FIELDS, EVENT_FLAGS, type CairnEvent } from '../../../shared/event';
import type { ConflictRecord, DictionaryChunk, SegmentRecord } from '../../../renderer/db/caseDb';
import { batchOf, event } from './event';

/** Segments of events at these times, named `E{segment}.{row}`, with other fields as `fields` gives them. */
function store(segmentsOfTimes: number[][], fields: (k: number, i: number) => Partial<CairnEvent> = () => ({})): { segments: SegmentRecord[]; dictionary: DictionaryChunk[] } {
  const dictionary = new DictionaryEncoder();
  const builder = new SegmentBuilder(dictionary);
  const dictionaryChunks: DictionaryChunk[] = [];
  const segments = segmentsOfTimes.map((times, k) => {
    const identities = { keys: new Float64Array(times.length), digests: new Uint32Array(2 * times.length) };
    // Segment k's events come from case file 10 + k, at indexes 0, 1, …
    builder.add(batchOf(times.map((time, i) => event({ time, eventName: `E${k}.${i}`, index: i, ...fields(k, i) }))), identities, 10 + k);
    const { segment } = builder.take(k);
    dictionaryChunks.push(...dictionary.takeChanges(k));
    return segment;
  });
  return { segments, dictionary: dictionaryChunks };
}

describe('CaseIndex', () => {
  const { segments, dictionary } = store([[50, NaN, 10], [40, 10], [5]]);
  // Stored out of order, as a query may read them.
  const index = CaseIndex.fromStore([segments[2]!, segments[0]!, segments[1]!], dictionary);

  it('counts events and spans known times', () => {
    expect([index.count, index.minTime, index.maxTime]).toEqual([6, 5, 50]);
  });

  it('knows the most fraction digits any time was written with, taking a segment stored without them as milliseconds', () => {
    expect(index.timeDigits).toBe(0);
    const older = { ...segments[0]!, timeFraction: undefined };
    const nanos = { ...segments[1]!, timeFraction: Uint8Array.of(1, 9) };
    expect(CaseIndex.fromStore([older], dictionary).timeDigits).toBe(3);
    expect(CaseIndex.fromStore([older, nanos], dictionary).timeDigits).toBe(9);
    expect(CaseIndex.fromStore([segments[2]!, { ...segments[0]!, timeFraction: Uint8Array.of(0, 6, 1) }], dictionary).timeDigits).toBe(6);
  });

  it("knows how the earliest and latest events' times were written, past events without a time", () => {
    // Segment 0 holds times 50, NaN, 10; segment 2 the earliest, 5; a case stored before fractions were kept has none.
    const written = { ...segments[0]!, timeFraction: Uint32Array.of(9 + 16 * 999_999, 6, 3) };
    const lake = CaseIndex.fromStore([written, segments[1]!, { ...segments[2]!, timeFraction: Uint32Array.of(1) }], dictionary);
    expect([lake.minFraction, lake.maxFraction]).toEqual([1, 9 + 16 * 999_999]);
    expect([index.minFraction, index.maxFraction]).toEqual([0, 0]);
    expect(CaseIndex.fromStore([{ ...segments[0]!, timeFraction: undefined }], dictionary).maxFraction).toBeUndefined();
    const untimed = store([[NaN]]);
    expect(CaseIndex.fromStore(untimed.segments, untimed.dictionary).minFraction).toBeUndefined();
  });

  it('finds the events with any of some values of a field, in storage order, and none for values the case lacks', () => {
    expect(index.eventsWhere('eventName', ['E1.1', 'E0.0', 'E2.0', 'absent']).map((event) => [event.eventName, event.segment, event.row])).toEqual([
      ['E0.0', 0, 0], ['E1.1', 1, 1], ['E2.0', 2, 0],
    ]);
    expect(index.eventsWhere('eventName', ['absent'])).toEqual([]);
  });

  it('orders events of one millisecond by the nanoseconds their times were written with', () => {
    const builder = new SegmentBuilder(new DictionaryEncoder());
    const fractions = [9 + 16 * 999_000, 9 + 16 * 1000, 3];
    builder.add(batchOf(fractions.map((timeFraction, i) => event({ time: 7, timeFraction, eventName: `N${i}` }))), { keys: new Float64Array(3), digests: new Uint32Array(6) }, 0);
    const { segment } = builder.take(0);
    const nanos = new CaseIndex([segment], { ...Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, []])), eventName: ['N0', 'N1', 'N2'] } as unknown as ConstructorParameters<typeof CaseIndex>[1]);
    expect([...nanos.select([])].map((global) => nanos.event(global).eventName)).toEqual(['N2', 'N1', 'N0']);
  });

  const names = (selection: Uint32Array) => [...selection].map((global) => index.event(global).eventName);

  it('orders all events by time across segments, ties in storage order, unknown times last', () => {
    const all = index.select([]);
    expect([...all].map((global) => [index.event(global).time, index.event(global).eventName])).toEqual([
      [5, 'E2.0'], [10, 'E0.2'], [10, 'E1.1'], [40, 'E1.0'], [50, 'E0.0'], [NaN, 'E0.1'],
    ]);
    expect(index.event(all[2]!)).toMatchObject({ segment: 1, row: 1, file: 11, index: 1, flags: 0, readOnly: -1 });
  });

  it('lists newest first with unknown times still last', () => {
    expect(names(index.newestFirst(index.select([])))).toEqual(['E0.0', 'E1.0', 'E1.1', 'E0.2', 'E2.0', 'E0.1']);
  });

  it('takes in segments stored since it was made as if it had read them all, its own events keeping their numbers', () => {
    // Copies: flagging conflicts marks the segments held.
    const [s0, s1, s2] = segments.map((segment) => ({ ...segment, flags: segment.flags.slice() }));
    const namesIn = (of: CaseIndex, selection: Uint32Array) => [...selection].map((global) => of.event(global).eventName);
    const early = CaseIndex.fromStore([s0!], dictionary.filter((chunk) => chunk.segment === 0));
    expect([early.count, early.lastSegment, namesIn(early, early.select([]))]).toEqual([3, 0, ['E0.2', 'E0.0', 'E0.1']]);
    const conflict: ConflictRecord = { eventId: 'x', job: 'j', first: { file: 10, index: 0 }, second: { file: 12, index: 0 } };
    const later = early.extended([s2!, s1!], dictionary.filter((chunk) => chunk.segment > 0), [conflict]);
    expect([later.count, later.minTime, later.maxTime, later.lastSegment]).toEqual([6, 5, 50, 2]);
    expect(namesIn(later, later.select([]))).toEqual(['E2.0', 'E0.2', 'E1.1', 'E1.0', 'E0.0', 'E0.1']);
    expect(namesIn(later, later.select([{ field: 'eventName', value: 'E1.1' }]))).toEqual(['E1.1']);
    expect([later.globalOf(0, 2), later.globalOf(1, 0), later.globalOf(2, 0)]).toEqual([2, 3, 5]);
    expect([later.event(0).flags, later.event(1).flags, later.event(5).flags]).toEqual([EVENT_FLAGS.conflict, 0, EVENT_FLAGS.conflict]);
    // The index it grew from still lists what it held, by the same numbers.
    expect(namesIn(early, early.select([]))).toEqual(['E0.2', 'E0.0', 'E0.1']);
    expect(early.globalOf(0, 2)).toBe(2);
  });

  it('merges the times of segments stored since, below the millisecond too, as if it had read them all', () => {
    const builder = new SegmentBuilder(new DictionaryEncoder());
    const segmentOf = (id: number, fractions: number[], times: number[]) => {
      builder.add(batchOf(fractions.map((timeFraction, i) => event({ time: times[i]!, timeFraction, eventName: `S${id}.${i}` }))), { keys: new Float64Array(fractions.length), digests: new Uint32Array(2 * fractions.length) }, id);
      return builder.take(id).segment;
    };
    // Times 7 ms, written to the microsecond (6 digits) or the millisecond (3); 9 digits in the added one.
    const held = segmentOf(0, [6 + 16 * 500_000, 3, 6 + 16 * 100_000], [7, 7, 9]);
    const added = [segmentOf(1, [9 + 16 * 100_000, 3, NaN, 9 + 16 * 1], [7, 7, NaN, 9]), segmentOf(2, [3, 9 + 16 * 999_999], [2, 7])];
    const names = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, []])) as unknown as ConstructorParameters<typeof CaseIndex>[1];
    names.eventName = ['S0.0', 'S0.1', 'S0.2', 'S1.0', 'S1.1', 'S1.2', 'S1.3', 'S2.0', 'S2.1'];
    const early = new CaseIndex([held], names);
    const later = early.extended(added, [], []);
    const whole = new CaseIndex([held, ...added], names);
    const listed = (of: CaseIndex) => [...of.select([])].map((global) => of.event(global).eventName);
    expect(listed(later)).toEqual(['S2.0', 'S0.1', 'S1.1', 'S1.0', 'S0.0', 'S2.1', 'S1.3', 'S0.2', 'S1.2']);
    expect(listed(later)).toEqual(listed(whole));
    expect([later.timeDigits, later.minFraction, later.maxFraction, later.minTime, later.maxTime]).toEqual([9, 3, 6 + 16 * 100_000, 2, 9]);
    expect(listed(later.extended([], [], []))).toEqual(listed(later));
  });

  it('selects by field values (all must match) and by marks', () => {
    expect(names(index.select([{ field: 'eventName', value: 'E1.0' }]))).toEqual(['E1.0']);
    expect(names(index.select([{ field: 'eventName', value: 'E1.0' }, { field: 'region', value: 'eu-west-1' }]))).toEqual([]);
    expect(names(index.select([{ field: 'eventName', value: 'never seen' }]))).toEqual([]);
    expect(names(index.select([{ field: 'region', value: '' }], (segment, row) => segment === 0 && row !== 1))).toEqual(['E0.2', 'E0.0']);
  });

  it("selects, for a pivot given events it also takes in, those events besides its value's, still meeting every other filter, in time order", () => {
    // Globals in storage order: E0.0 0, E0.1 1, E0.2 2, E1.0 3, E1.1 4, E2.0 5.
    const pivot = { field: 'eventName' as const, value: 'E1.0' };
    expect(names(index.select([pivot], undefined, [], new Map([[pivot, Uint32Array.of(2, 5)]])))).toEqual(['E2.0', 'E0.2', 'E1.0']);
    // A value the case lacks still takes in the events given.
    const absent = { field: 'eventName' as const, value: 'never seen' };
    expect(names(index.select([absent], undefined, [], new Map([[absent, Uint32Array.of(4)]])))).toEqual(['E1.1']);
    // Another pivot's events are not this one's; other filters and marks still apply.
    expect(names(index.select([pivot, { field: 'region', value: '' }], undefined, [], new Map([[{ ...pivot }, Uint32Array.of(2)]])))).toEqual(['E1.0']);
    expect(names(index.select([pivot], (segment) => segment !== 2, [], new Map([[pivot, Uint32Array.of(2, 5)]])))).toEqual(['E0.2', 'E1.0']);
    expect(names(index.select([pivot], undefined, [Uint32Array.of(3, 5)], new Map([[pivot, Uint32Array.of(2, 5)]])))).toEqual(['E2.0', 'E1.0']);
    expect(names(index.select([pivot], undefined, [], new Map([[pivot, new Uint32Array()]])))).toEqual(['E1.0']);
  });

  it('leaves out the events whose field holds a value given: no error, for the failed calls and sign-ins, under pivots and marks too', () => {
    // A failed call's errorCode, a failed sign-in's reason (ingest stores it as the error), or none.
    const errors = [['', 'AccessDenied', ''], ['Failed authentication', ''], ['AccessDenied']];
    const failed = store([[50, NaN, 10], [40, 10], [5]], (k, i) => ({ errorCode: errors[k]![i]! }));
    const withErrors = CaseIndex.fromStore(failed.segments, failed.dictionary);
    const namesOf = (selection: Uint32Array) => [...selection].map((global) => withErrors.event(global).eventName);
    const noError = { field: 'errorCode' as const, value: '' };
    expect(namesOf(withErrors.select([], undefined, [], new Map(), [noError]))).toEqual(['E2.0', 'E1.0', 'E0.1']);
    expect(namesOf(withErrors.select([{ field: 'eventName', value: 'E1.0' }], undefined, [], new Map(), [noError]))).toEqual(['E1.0']);
    expect(namesOf(withErrors.select([{ field: 'eventName', value: 'E1.1' }], undefined, [], new Map(), [noError]))).toEqual([]);
    expect(namesOf(withErrors.select([], (segment) => segment !== 2, [Uint32Array.of(1, 3, 4)], new Map(), [noError]))).toEqual(['E1.0', 'E0.1']);
    // A value the case has never seen leaves nothing out: here, every event failed.
    const allFailed = store([[1, 2]], () => ({ errorCode: 'AccessDenied' }));
    expect(CaseIndex.fromStore(allFailed.segments, allFailed.dictionary).select([], undefined, [], new Map(), [noError]).length).toBe(2);
    expect(names(index.select([], undefined, [], new Map(), [noError]))).toEqual([]);
  });

  it('finds, without decoding them, the events whose every field given holds one of its values, and where each is stored', () => {
    expect([...index.globalsWhere({ eventName: ['E1.1', 'E0.0', 'E2.0', 'absent'] })]).toEqual([0, 4, 5]);
    expect([...index.globalsWhere({ eventName: ['E1.1', 'E0.0'], region: [''] })]).toEqual([0, 4]);
    expect([...index.globalsWhere({ eventName: ['E1.1'], region: ['eu-west-1'] })]).toEqual([]);
    expect([...index.globalsWhere({ eventName: ['absent'] })]).toEqual([]);
    expect([index.placeOf(0), index.placeOf(4), index.placeOf(5)]).toEqual([{ segment: 0, row: 0 }, { segment: 1, row: 1 }, { segment: 2, row: 0 }]);
  });

  it('lists the values of a field that pass a test, from its dictionary', () => {
    expect(index.valuesWhere('eventName', (name) => name.startsWith('E1.')).sort()).toEqual(['E1.0', 'E1.1']);
    expect(index.valuesWhere('eventName', () => false)).toEqual([]);
  });

  it('says whether some event holds a value in a field, that field only', () => {
    expect([index.holds('eventName', 'E1.1'), index.holds('eventName', 'absent'), index.holds('region', 'E1.1'), index.holds('eventName', 'e1.1')]).toEqual([true, false, false, false]);
  });

  it('finds an event by its file and index, and where a stored event came from', () => {
    expect(index.find(10, 1)).toEqual({ segment: 0, row: 1 });
    expect(index.find(11, 1)).toEqual({ segment: 1, row: 1 });
    expect(index.find(3, 0)).toBeNull();
    expect([index.origin(0, 2), index.origin(1, 1), index.origin(2, 0)]).toEqual([{ file: 10, index: 2 }, { file: 11, index: 1 }, { file: 12, index: 0 }]);
    expect([index.origin(1, 2), index.origin(3, 0), index.origin(0, -1)]).toEqual([null, null, null]);
  });

  it('numbers a stored event globally, as selections hold it', () => {
    expect([index.globalOf(0, 0), index.globalOf(0, 2), index.globalOf(1, 1), index.globalOf(2, 0)]).toEqual([0, 2, 4, 5]);
    expect([index.globalOf(1, 2), index.globalOf(3, 0), index.globalOf(-1, 0)]).toEqual([null, null, null]);
    expect(index.event(index.globalOf(1, 1)!)).toMatchObject({ segment: 1, row: 1 });
  });

  it('flags both events of each recorded conflict, wherever ingest flagged only the later one', () => {
    const stored = store([[1, 2, 3], [4, 5]]);
    stored.segments[1]!.flags[0] = EVENT_FLAGS.conflict;
    // The link of a CSV row to its full event (a partial copy) flags neither.
    const conflicts: ConflictRecord[] = [
      { eventId: 'e', job: 'job-2', first: { file: 10, index: 1 }, second: { file: 11, index: 0 } },
      { eventId: 'f', job: 'job-2', first: { file: 10, index: 2 }, second: { file: 11, index: 1 }, partial: 'first' },
    ];
    const flagged = CaseIndex.fromStore(stored.segments, stored.dictionary, conflicts);
    expect([...flagged.select([])].map((global) => `${flagged.event(global).eventName}:${flagged.event(global).flags}`)).toEqual(['E0.0:0', 'E0.1:1', 'E0.2:0', 'E1.0:1', 'E1.1:0']);
  });

  it('is empty for an empty case', () => {
    const empty = CaseIndex.fromStore([], []);
    expect([empty.count, empty.minTime, [...empty.select([])], [...empty.newestFirst(empty.select([]))]]).toEqual([0, Infinity, [], []]);
  });
});
