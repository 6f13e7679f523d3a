import { describe, expect, it } from 'vitest';
import { textsOf, wrapperOf } from '../../../renderer/db/caseDb';
import { DictionaryEncoder, SEGMENT_SIZE, SegmentBuilder } from '../../../renderer/db/segmentBuilder';
import { batchOf, event } from './event';

describe('SegmentBuilder', () => {
  it('stores events as columns with dictionary ids, plus their texts', async () => {
    const dictionary = new DictionaryEncoder();
    const builder = new SegmentBuilder(dictionary);
    const identities = { keys: Float64Array.of(11, 22, 33), digests: Uint32Array.of(1, 2, 3, 4, 5, 6) };
    const batch = batchOf([
      event({ time: 3000, eventName: 'GetObject', sourceIp: '1.2.3.4', file: 0, index: 0, text: '{"a":1}' }),
      event({ time: 1000, timeFraction: 9 + 16 * 999_999, eventName: 'PutObject', sourceIp: '1.2.3.4', file: 0, index: 1, readOnly: 1, text: '{"b":2}' }),
      event({ time: NaN, timeFraction: 3, eventName: 'GetObject', sourceIp: '5.6.7.8', file: 1, index: 2, readOnly: 0, flags: 1, text: '{"c":3}' }),
    ]);
    builder.add(batch, identities, 7);
    expect(builder.size).toBe(3);
    const { segment, identities: stored, texts } = builder.take(4);
    expect(builder.size).toBe(0);
    expect(segment.id).toBe(4);
    expect(segment.count).toBe(3);
    expect([segment.minTime, segment.maxTime]).toEqual([1000, 3000]);
    expect([...segment.time]).toEqual([3000, 1000, NaN]);
    expect(segment.timeFraction).toEqual(Uint32Array.of(0, 9 + 16 * 999_999, 3));
    expect([...segment.columns.eventName]).toEqual([0, 1, 0]);
    expect([...segment.columns.sourceIp]).toEqual([0, 0, 1]);
    expect([...segment.readOnly]).toEqual([-1, 1, 0]);
    expect([...segment.flags]).toEqual([0, 0, 1]);
    expect([...segment.file]).toEqual([7, 7, 8]);
    expect([...segment.index]).toEqual([0, 1, 2]);
    expect(stored).toEqual({ id: 4, keys: Float64Array.of(11, 22, 33), digests: Uint32Array.of(1, 2, 3, 4, 5, 6) });
    expect(texts).toEqual({ id: 4, blocks: [batch.texts] });
    expect(await textsOf(texts)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it("keeps the wrappers of the events that have one by their rows in the segment, and none for a segment without", async () => {
    const builder = new SegmentBuilder(new DictionaryEncoder());
    const identities = (n: number) => ({ keys: new Float64Array(n), digests: new Uint32Array(2 * n) });
    const trail = batchOf([event({ text: '{"n":1}' }), event({ text: '{"n":2}' })]);
    const wrapped = batchOf([event({ text: '{"n":3}', wrapper: { text: '2024-03-01T00:00:03Z ', at: 21 } }), event({ text: '{"n":4}' }), event({ text: '{"n":5}', wrapper: { text: '[{"x": "\\u00e9"}]', at: -1 } })]);
    expect(trail.wrappers).toBeUndefined();
    builder.add(trail, identities(2), 0);
    expect(Object.keys(builder.take(0).texts)).toEqual(['id', 'blocks']);
    builder.add(trail, identities(2), 0);
    builder.add(wrapped, identities(3), 0);
    const { texts } = builder.take(1);
    expect(texts).toMatchObject({ wrappers: [{ rows: Uint32Array.of(2, 4), at: Int32Array.of(21, -1) }] });
    expect(await Promise.all([0, 1, 2, 3, 4].map((row) => wrapperOf(texts, row)))).toEqual([undefined, undefined, { text: '2024-03-01T00:00:03Z ', at: 21 }, undefined, { text: '[{"x": "\\u00e9"}]', at: -1 }]);
    // Cases stored before wrappers were kept.
    expect(await wrapperOf({ id: 1, texts: ['{"n":3}'] }, 0)).toBeUndefined();
  });

  it('takes several whole batches into one segment, each value one id however many batches carry it', async () => {
    const dictionary = new DictionaryEncoder();
    const builder = new SegmentBuilder(dictionary);
    const first = batchOf([event({ region: 'eu-west-1', text: '{"n":1}' }), event({ region: 'us-east-1', text: '{"n":2}' }), event({ region: 'eu-west-1', text: '{"n":3}' })]);
    const second = batchOf([event({ region: 'ap-south-1', file: 3, text: '{"n":4}' }), event({ region: 'us-east-1', file: 2, text: '{"n":5}' })]);
    builder.add(first, { keys: Float64Array.of(1, 2, 3), digests: Uint32Array.of(1, 1, 2, 2, 3, 3) }, 0);
    builder.add(second, { keys: Float64Array.of(4, 5), digests: Uint32Array.of(4, 4, 5, 5) }, 10);
    const { segment, identities, texts } = builder.take(0);
    expect([...segment.columns.region]).toEqual([0, 1, 0, 2, 1]);
    expect([...segment.file]).toEqual([0, 0, 0, 13, 12]);
    expect(identities).toEqual({ id: 0, keys: Float64Array.of(1, 2, 3, 4, 5), digests: Uint32Array.of(1, 1, 2, 2, 3, 3, 4, 4, 5, 5) });
    expect(await textsOf(texts)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}']);
    expect(dictionary.takeChanges(0).find((chunk) => chunk.field === 'region')).toEqual({
      segment: 0, field: 'region', firstId: 0, values: ['eu-west-1', 'us-east-1', 'ap-south-1'], ids: Uint32Array.of(0, 1, 2), counts: Uint32Array.of(2, 2, 1),
    });
  });

  it('takes a batch only whole: one that does not fit in what is left is refused', () => {
    const builder = new SegmentBuilder(new DictionaryEncoder());
    const quarter = SEGMENT_SIZE / 4;
    const batch = batchOf(Array.from({ length: quarter }, (_, index) => event({ index })));
    const identities = { keys: new Float64Array(quarter), digests: new Uint32Array(2 * quarter) };
    for (let k = 0; k < 3; k++) builder.add(batch, identities, 0);
    expect([builder.fits(quarter), builder.fits(quarter + 1)]).toEqual([true, false]);
    const over = batchOf(Array.from({ length: quarter + 1 }, () => event({})));
    expect(() => builder.add(over, { keys: new Float64Array(quarter + 1), digests: new Uint32Array(2 * quarter + 2) }, 0)).toThrow(
      `a batch of ${quarter + 1} events does not fit in a segment holding ${3 * quarter} of at most ${SEGMENT_SIZE}`,
    );
    expect(builder.size).toBe(3 * quarter);
    builder.add(batch, identities, 0);
    expect(builder.take(0).segment.count).toBe(SEGMENT_SIZE);
  });

  it('keeps each whole-number column in the narrowest array that holds its values', () => {
    const builder = new SegmentBuilder(new DictionaryEncoder());
    const identities = { keys: new Float64Array(2), digests: new Uint32Array(4) };
    builder.add(batchOf([event({ file: 0, index: 255 }), event({ file: 1, index: 70_000 })]), identities, 300);
    const { segment } = builder.take(0);
    expect(segment.columns.region).toBeInstanceOf(Uint8Array);
    expect(segment.file).toEqual(Uint16Array.of(300, 301));
    expect(segment.index).toEqual(Uint32Array.of(255, 70_000));
  });

  it('counts values and reports, per segment, the values first used and the counts added', () => {
    const dictionary = new DictionaryEncoder([
      { segment: 0, field: 'region', firstId: 0, values: ['us-east-1'], ids: Uint32Array.of(0), counts: Uint32Array.of(5) },
      { segment: 1, field: 'region', firstId: 1, values: ['ap-south-1'], ids: Uint32Array.of(0, 1), counts: Uint32Array.of(1, 2) },
    ]);
    const encode = (field: 'region' | 'actor', value: string): number => {
      const id = dictionary.idOf(field, value);
      dictionary.use(field, id, 1);
      return id;
    };
    expect(encode('region', 'eu-west-1')).toBe(2);
    expect(encode('region', 'us-east-1')).toBe(0);
    expect(encode('region', 'eu-west-1')).toBe(2);
    expect(dictionary.takeChanges(2)).toEqual([{ segment: 2, field: 'region', firstId: 2, values: ['eu-west-1'], ids: Uint32Array.of(2, 0), counts: Uint32Array.of(2, 1) }]);
    expect(dictionary.takeChanges(3)).toEqual([]);
    expect(encode('actor', 'us-east-1')).toBe(0);
    expect(encode('region', 'ap-south-1')).toBe(1);
    expect(dictionary.takeChanges(3).map((chunk) => [chunk.field, chunk.firstId, chunk.values])).toEqual([
      ['actor', 0, ['us-east-1']],
      ['region', 3, []],
    ]);
  });
});
