import { describe, expect, it } from 'vitest';
import { DictionaryEncoder, SegmentBuilder } from '../../../renderer/db/segmentBuilder';
import { columnsOf } from '../../../shared/eventColumns';
import { event } from './event';

describe('SegmentBuilder', () => {
  it('stores events as columns with dictionary ids, plus their texts', () => {
    const dictionary = new DictionaryEncoder();
    const builder = new SegmentBuilder(dictionary);
    const identities = { keys: Float64Array.of(11, 22, 33), digests: Uint32Array.of(1, 2, 3, 4, 5, 6) };
    const batch = columnsOf([
      event({ time: 3000, eventName: 'GetObject', sourceIp: '1.2.3.4', file: 0, index: 0, text: '{"a":1}' }),
      event({ time: 1000, eventName: 'PutObject', sourceIp: '1.2.3.4', file: 0, index: 1, readOnly: 1, text: '{"b":2}' }),
      event({ time: NaN, eventName: 'GetObject', sourceIp: '5.6.7.8', file: 1, index: 2, readOnly: 0, flags: 1, text: '{"c":3}' }),
    ]);
    for (let row = 0; row < 3; row++) builder.add(batch, identities, row, 7);
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

  it('takes rows from several batches into one segment, each value one id however many batches carry it', () => {
    const dictionary = new DictionaryEncoder();
    const builder = new SegmentBuilder(dictionary);
    const identities = { keys: new Float64Array(2), digests: new Uint32Array(4) };
    const first = columnsOf([event({ region: 'eu-west-1' }), event({ region: 'us-east-1' })]);
    const second = columnsOf([event({ region: 'us-east-1', file: 2 }), event({ region: 'ap-south-1', file: 3 })]);
    builder.add(first, identities, 0, 0);
    builder.add(first, identities, 1, 0);
    builder.add(second, identities, 1, 10);
    builder.add(second, identities, 0, 10);
    const { segment } = builder.take(0);
    expect([...segment.columns.region]).toEqual([0, 1, 2, 1]);
    expect([...segment.file]).toEqual([0, 0, 13, 12]);
    expect(dictionary.takeChanges(0).find((chunk) => chunk.field === 'region')).toEqual({
      segment: 0, field: 'region', firstId: 0, values: ['eu-west-1', 'us-east-1', 'ap-south-1'], ids: Uint32Array.of(0, 1, 2), counts: Uint32Array.of(1, 2, 1),
    });
  });

  it('keeps each whole-number column in the narrowest array that holds its values', () => {
    const builder = new SegmentBuilder(new DictionaryEncoder());
    const identities = { keys: new Float64Array(2), digests: new Uint32Array(4) };
    const batch = columnsOf([event({ file: 0, index: 255 }), event({ file: 1, index: 70_000 })]);
    builder.add(batch, identities, 0, 300);
    builder.add(batch, identities, 1, 300);
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
      dictionary.use(field, id);
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
