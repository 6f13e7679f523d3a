import { describe, expect, it } from 'vitest';
import { DictionaryEncoder, SegmentBuilder } from '../../../renderer/db/segmentBuilder';
import { event } from './event';

describe('SegmentBuilder', () => {
  it('stores events as columns with dictionary ids, plus their texts', () => {
    const dictionary = new DictionaryEncoder();
    const builder = new SegmentBuilder(dictionary);
    const identities = { keys: Float64Array.of(11, 22, 33), digests: Uint32Array.of(1, 2, 3, 4, 5, 6) };
    builder.add(event({ time: 3000, eventName: 'GetObject', sourceIp: '1.2.3.4', index: 0, text: '{"a":1}' }), 7, identities, 0);
    builder.add(event({ time: 1000, eventName: 'PutObject', sourceIp: '1.2.3.4', index: 1, readOnly: 1, text: '{"b":2}' }), 7, identities, 1);
    builder.add(event({ time: NaN, eventName: 'GetObject', sourceIp: '5.6.7.8', index: 2, readOnly: 0, flags: 1, text: '{"c":3}' }), 8, identities, 2);
    expect(builder.size).toBe(3);
    const { segment, identities: stored, texts } = builder.take(4);
    expect(builder.size).toBe(0);
    expect(segment.id).toBe(4);
    expect(segment.count).toBe(3);
    expect([segment.minTime, segment.maxTime]).toEqual([1000, 3000]);
    expect([...segment.time]).toEqual([3000, 1000, NaN]);
    expect([...segment.columns.eventName]).toEqual([0, 1, 0]);
    expect([...segment.columns.sourceIp]).toEqual([0, 0, 1]);
    expect([...segment.readOnly]).toEqual([-1, 1, 0]);
    expect([...segment.flags]).toEqual([0, 0, 1]);
    expect([...segment.file]).toEqual([7, 7, 8]);
    expect([...segment.index]).toEqual([0, 1, 2]);
    expect(stored).toEqual({ id: 4, keys: Float64Array.of(11, 22, 33), digests: Uint32Array.of(1, 2, 3, 4, 5, 6) });
    expect(texts).toEqual({ id: 4, texts: ['{"a":1}', '{"b":2}', '{"c":3}'] });
  });

  it('counts values and reports, per segment, the values first used and the counts added', () => {
    const dictionary = new DictionaryEncoder([
      { segment: 0, field: 'region', firstId: 0, values: ['us-east-1'], ids: Uint32Array.of(0), counts: Uint32Array.of(5) },
      { segment: 1, field: 'region', firstId: 1, values: ['ap-south-1'], ids: Uint32Array.of(0, 1), counts: Uint32Array.of(1, 2) },
    ]);
    expect(dictionary.encode('region', 'eu-west-1')).toBe(2);
    expect(dictionary.encode('region', 'us-east-1')).toBe(0);
    expect(dictionary.encode('region', 'eu-west-1')).toBe(2);
    expect(dictionary.takeChanges(2)).toEqual([{ segment: 2, field: 'region', firstId: 2, values: ['eu-west-1'], ids: Uint32Array.of(2, 0), counts: Uint32Array.of(2, 1) }]);
    expect(dictionary.takeChanges(3)).toEqual([]);
    expect(dictionary.encode('actor', 'us-east-1')).toBe(0);
    expect(dictionary.encode('region', 'ap-south-1')).toBe(1);
    expect(dictionary.takeChanges(3).map((chunk) => [chunk.field, chunk.firstId, chunk.values])).toEqual([
      ['actor', 0, ['us-east-1']],
      ['region', 3, []],
    ]);
  });
});
