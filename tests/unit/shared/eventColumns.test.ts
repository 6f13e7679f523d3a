import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EVENT_FLAGS } from '../../../shared/event';
import { packTexts } from '../../../main/ingest/packTexts';
import { columnBuffers } from '../../../shared/eventColumns';
import { unpackTexts } from '../../../shared/packedTexts';
import { batchOf, event, eventsOf } from '../renderer/event';

describe('event columns', () => {
  const events = [
    event({ time: 1000, eventName: 'GetObject', region: 'us-east-1', readOnly: 1, file: 0, index: 0, text: '{"a":1}' }),
    event({ time: NaN, eventName: 'PutObject', region: 'us-east-1', readOnly: 0, file: 2, index: 7, flags: EVENT_FLAGS.invalidText, text: '{"b":2}' }),
    event({ time: -5, eventName: 'GetObject', region: 'eu-west-1', file: 1, index: 3, text: '{"c":3}' }),
  ];

  it('holds each field as a column, and gives back exactly the events put in', async () => {
    const batch = batchOf(events);
    expect(batch.count).toBe(3);
    expect(batch.fields.eventName).toEqual({ values: ['GetObject', 'PutObject'], ids: Uint16Array.of(0, 1, 0) });
    expect(batch.fields.region).toEqual({ values: ['us-east-1', 'eu-west-1'], ids: Uint16Array.of(0, 0, 1) });
    expect([...batch.time]).toEqual([1000, NaN, -5]);
    expect([...batch.file]).toEqual([0, 2, 1]);
    expect(batch.texts.lengths).toEqual(Uint32Array.of(7, 7, 7));
    expect(await eventsOf(batch)).toEqual(events);
  });

  it('makes an empty batch of no events', async () => {
    const batch = batchOf([]);
    expect([batch.count, batch.time.length, batch.fields.actor.values.length, batch.texts.lengths.length]).toEqual([0, 0, 0, 0]);
    expect(await unpackTexts(batch.texts)).toEqual([]);
  });

  it('names every column buffer for transfer, each its own', () => {
    const buffers = columnBuffers(batchOf(events));
    expect(buffers).toHaveLength(19);
    expect(new Set(buffers).size).toBe(19);
  });

  it('refuses a batch larger than its 16-bit value positions can address', () => {
    const many = Array<ReturnType<typeof event>>(65_537).fill(events[0]!);
    expect(() => batchOf(many)).toThrow('a batch holds at most 65536 events, not 65537');
    expect(batchOf(many.slice(1)).count).toBe(65_536);
  });
});

describe('packed texts', () => {
  it('give back every text exactly, whatever its characters, in about a tenth of the bytes', async () => {
    const texts = ['{"a":"é"}', '', '{"b":"😀 \\"quoted\\""}', '\ufeff{"bom":1}', '{"bad":"\ufffd"}', ...Array.from({ length: 1000 }, (_, n) => `{"eventVersion":"1.08","eventName":"GetObject","n":${n}}`)];
    const packed = packTexts(texts);
    expect(await unpackTexts(packed)).toEqual(texts);
    const bytes = Buffer.byteLength(texts.join(''));
    expect(bytes).toBe(54_948);
    expect(packed.deflated.byteLength).toBeLessThan(bytes / 10);
    // Its own buffer, just as long: transferred and stored, it carries nothing else.
    expect(packed.deflated.buffer.byteLength).toBe(packed.deflated.byteLength);
  });

  it('refuse bytes that do not make the lengths given, and bytes that do not inflate', async () => {
    const packed = packTexts(['{"a":1}', '{"b":2}']);
    await expect(unpackTexts({ ...packed, lengths: Uint32Array.of(7, 6) })).rejects.toThrow('packed texts hold 14 characters, not the 13 their lengths add up to');
    await expect(unpackTexts({ ...packed, deflated: Uint8Array.of(0xff, 0xff, 0xff) })).rejects.toThrow();
  });

  it('are the texts joined, as UTF-8, in raw DEFLATE', () => {
    expect(inflateRawSync(packTexts(['{"a":1}', '{"b":2}']).deflated).toString()).toBe('{"a":1}{"b":2}');
  });
});
