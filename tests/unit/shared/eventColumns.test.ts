import { describe, expect, it } from 'vitest';
import { EVENT_FLAGS } from '../../../shared/event';
import { columnBuffers, columnsOf } from '../../../shared/eventColumns';
import { event, eventsOf } from '../renderer/event';

describe('event columns', () => {
  const events = [
    event({ time: 1000, eventName: 'GetObject', region: 'us-east-1', readOnly: 1, file: 0, index: 0, text: '{"a":1}' }),
    event({ time: NaN, eventName: 'PutObject', region: 'us-east-1', readOnly: 0, file: 2, index: 7, flags: EVENT_FLAGS.invalidUtf8, text: '{"b":2}' }),
    event({ time: -5, eventName: 'GetObject', region: 'eu-west-1', file: 1, index: 3, text: '{"c":3}' }),
  ];

  it('holds each field as a column, and gives back exactly the events put in', () => {
    const batch = columnsOf(events);
    expect(batch.count).toBe(3);
    expect(batch.fields.eventName).toEqual({ values: ['GetObject', 'PutObject'], ids: Uint16Array.of(0, 1, 0) });
    expect(batch.fields.region).toEqual({ values: ['us-east-1', 'eu-west-1'], ids: Uint16Array.of(0, 0, 1) });
    expect([...batch.time]).toEqual([1000, NaN, -5]);
    expect([...batch.file]).toEqual([0, 2, 1]);
    expect(batch.texts).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(eventsOf(batch)).toEqual(events);
  });

  it('makes an empty batch of no events', () => {
    const batch = columnsOf([]);
    expect([batch.count, batch.time.length, batch.fields.actor.values.length, batch.texts.length]).toEqual([0, 0, 0, 0]);
  });

  it('names every column buffer for transfer, each its own', () => {
    const buffers = columnBuffers(columnsOf(events));
    expect(buffers).toHaveLength(16);
    expect(new Set(buffers).size).toBe(16);
  });

  it('refuses a batch larger than its 16-bit value positions can address', () => {
    const many = Array<ReturnType<typeof event>>(65_537).fill(events[0]!);
    expect(() => columnsOf(many)).toThrow('a batch holds at most 65536 events, not 65537');
    expect(columnsOf(many.slice(1)).count).toBe(65_536);
  });
});
