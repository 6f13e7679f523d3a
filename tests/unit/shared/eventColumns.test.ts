import { describe, expect, it } from 'vitest';
import { EVENT_FLAGS } from '../../../shared/event';
import { columnBuffers, EventColumnsBuilder, eventsOf } from '../../../shared/eventColumns';
import { batchOf, event } from '../renderer/event';

describe('event columns', () => {
  const events = [
    event({ time: 1000, eventName: 'GetObject', region: 'us-east-1', readOnly: 1, file: 0, index: 0, text: '{"a":1}' }),
    event({ time: NaN, eventName: 'PutObject', region: 'us-east-1', readOnly: 0, file: 2, index: 7, flags: EVENT_FLAGS.invalidUtf8, text: '{"b":2}' }),
    event({ time: -5, eventName: 'GetObject', region: 'eu-west-1', file: 1, index: 3, text: '{"c":3}' }),
  ];

  it('holds each field as a column, and gives back exactly the events put in', () => {
    const batch = batchOf(events);
    expect(batch.count).toBe(3);
    expect(batch.fields.eventName).toEqual({ values: ['GetObject', 'PutObject'], ids: Uint16Array.of(0, 1, 0) });
    expect(batch.fields.region).toEqual({ values: ['us-east-1', 'eu-west-1'], ids: Uint16Array.of(0, 0, 1) });
    expect([...batch.time]).toEqual([1000, NaN, -5]);
    expect(eventsOf(batch)).toEqual(events);
  });

  it('trims its columns to what was added, and starts afresh', () => {
    const builder = new EventColumnsBuilder(8);
    builder.add(events[2]!);
    const batch = builder.take();
    expect(builder.size).toBe(0);
    expect([batch.count, batch.time.length, batch.index.length, batch.fields.actor.ids.length, batch.texts.length]).toEqual([1, 1, 1, 1, 1]);
    expect(eventsOf(batch)).toEqual([events[2]]);
    builder.add(events[0]!);
    expect(eventsOf(builder.take())).toEqual([events[0]]);
  });

  it('names every column buffer for transfer, each its own', () => {
    const buffers = columnBuffers(batchOf(events));
    expect(buffers).toHaveLength(16);
    expect(new Set(buffers).size).toBe(16);
  });

  it('refuses a batch larger than its 16-bit value positions can address', () => {
    expect(() => new EventColumnsBuilder(65_537)).toThrow('a batch holds at most 65536 events, not 65537');
    expect(new EventColumnsBuilder(65_536).capacity).toBe(65_536);
  });
});
