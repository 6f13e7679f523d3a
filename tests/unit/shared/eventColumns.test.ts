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

  it('holds each distinct value once per field, and gives back exactly the events put in', () => {
    const batch = batchOf(events);
    expect(batch.count).toBe(3);
    expect(batch.fields.eventName).toEqual({ values: ['GetObject', 'PutObject'], codes: Uint32Array.of(0, 1, 0) });
    expect(batch.fields.region).toEqual({ values: ['us-east-1', 'eu-west-1'], codes: Uint32Array.of(0, 0, 1) });
    expect(batch.fields.actor).toEqual({ values: [''], codes: Uint32Array.of(0, 0, 0) });
    expect(eventsOf(batch)).toEqual(events);
  });

  it('copies rows from other batches, translating their values, moving files on and adding flags', () => {
    const first = batchOf(events);
    const second = batchOf([event({ eventName: 'ListBuckets', region: 'eu-west-1', file: 4, index: 9, text: '{"d":4}' })]);
    const builder = new EventColumnsBuilder(8);
    builder.copyRow(first, 2, 10, 0);
    builder.copyRow(second, 0, 20, EVENT_FLAGS.conflict);
    builder.copyRow(first, 1, 10, EVENT_FLAGS.conflict);
    expect(builder.size).toBe(3);
    const copied = builder.take();
    expect(builder.size).toBe(0);
    expect(copied.fields.eventName).toEqual({ values: ['GetObject', 'ListBuckets', 'PutObject'], codes: Uint32Array.of(0, 1, 2) });
    expect(copied.fields.region).toEqual({ values: ['eu-west-1', 'us-east-1'], codes: Uint32Array.of(0, 0, 1) });
    expect(eventsOf(copied)).toEqual([
      { ...events[2], file: 11 },
      event({ eventName: 'ListBuckets', region: 'eu-west-1', file: 24, index: 9, flags: EVENT_FLAGS.conflict, text: '{"d":4}' }),
      { ...events[1], file: 12, flags: EVENT_FLAGS.invalidUtf8 | EVENT_FLAGS.conflict },
    ]);
    expect(copied.time.length).toBe(3);
  });

  it('names every column buffer for transfer, each its own', () => {
    const buffers = columnBuffers(batchOf(events));
    expect(buffers).toHaveLength(5 + 11);
    expect(new Set(buffers).size).toBe(16);
  });
});
