import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FrameReader } from './bridgeCodec';

describe('the harness bridge codec', () => {
  const message = {
    type: 'batch',
    seq: 3,
    events: {
      count: 3,
      time: Float64Array.of(1000, NaN, -5),
      readOnly: Int8Array.of(-1, 0, 1),
      fields: { region: { values: ['us-east-1', 'eu-west-1'], ids: Uint16Array.of(0, 1, 0) } },
      texts: ['{"a":"é"}', '{"b":"😀 \\"quoted\\""}', ''],
    },
    known: { keys: Float64Array.of(2 ** 52 + 1), digests: Uint32Array.of(0xffffffff, 7), files: Int32Array.of(-2) },
    empty: [],
    mixed: ['a', 1, NaN, null],
  };

  it('gives back what it was given: NaN, every typed array, strings of any script, empty and mixed arrays', () => {
    const frames = new FrameReader().push(encodeFrame(message));
    expect(frames).toHaveLength(1);
    expect(decodeFrame(frames[0]!)).toEqual(message);
  });

  it('cuts frames out of a stream however its chunks fall, and keeps a partial frame for later', () => {
    const stream = new Uint8Array([...encodeFrame(message), ...encodeFrame({ type: 'done' }), ...encodeFrame(message)]);
    const reader = new FrameReader();
    const decoded: unknown[] = [];
    // One byte at a time up to a point, then the rest in one chunk.
    for (let at = 0; at < 700; at++) decoded.push(...reader.push(stream.subarray(at, at + 1)).map(decodeFrame));
    const beforeRest = decoded.length;
    decoded.push(...reader.push(stream.subarray(700)).map(decodeFrame));
    expect(beforeRest).toBeLessThan(3);
    expect(decoded).toEqual([message, { type: 'done' }, message]);
  });

  it('decodes a frame that sits inside a larger buffer, as Node gives a request body', () => {
    const frame = encodeFrame(message);
    const memory = new Uint8Array(7 + frame.byteLength + 5);
    memory.set(frame, 7);
    const pooled = Buffer.from(memory.buffer, 7, frame.byteLength);
    expect(pooled.byteOffset).toBe(7);
    expect(decodeFrame(pooled)).toEqual(message);
  });

  it('gives each typed array a buffer of its own, so it can be transferred', () => {
    const decoded = decodeFrame(new FrameReader().push(encodeFrame(message))[0]!) as typeof message;
    expect(decoded.events.time.buffer.byteLength).toBe(24);
    expect(decoded.events.fields.region.ids.buffer).not.toBe(decoded.events.time.buffer);
  });
});
