// How the e2e harness carries ingest messages and replies between Node and the page: binary
// frames, as close as the harness gets to the structured clone of the app's MessagePort.
// A frame is [header bytes, body bytes (two u32, little-endian)][header: JSON][body]. Typed
// arrays and arrays of strings go in the body as they are (strings as UTF-8, with their lengths),
// so that neither side escapes or parses a batch's texts as JSON; NaN, which JSON lacks, is tagged.

const NAN_TOKEN = '\u0000NaN';
const TAG = '\u0000typed';
const TYPED_ARRAYS = { Float64Array, Uint32Array, Int32Array, Uint16Array, Uint8Array, Int8Array } as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;
/** A typed array, or an array of `count` strings, by where its bytes are in the body. */
type Tagged = { [TAG]: TypedArrayName; at: number; bytes: number } | { [TAG]: 'strings'; at: number; bytes: number; count: number };
const PREFIX_BYTES = 8;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function typedName(value: object): TypedArrayName | undefined {
  return (Object.keys(TYPED_ARRAYS) as TypedArrayName[]).find((name) => value instanceof TYPED_ARRAYS[name]);
}

const isStrings = (value: unknown[]): value is string[] => value.length > 0 && value.every((item) => typeof item === 'string');

/** Collects a frame's body while its header is built. */
class Body {
  readonly parts: Uint8Array[] = [];
  size = 0;

  add(bytes: Uint8Array): { at: number; bytes: number } {
    const at = this.size;
    this.parts.push(bytes);
    this.size += bytes.byteLength;
    return { at, bytes: bytes.byteLength };
  }

  tag(value: unknown): unknown {
    if (typeof value === 'number') return Number.isNaN(value) ? NAN_TOKEN : value;
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      if (!isStrings(value)) return value.map((item) => this.tag(item));
      // The lengths go first, as 32-bit words, then the strings joined.
      const lengths = Uint32Array.from(value, (item) => item.length);
      const { at } = this.add(new Uint8Array(lengths.buffer));
      const text = this.add(utf8.encode(value.join('')));
      return { [TAG]: 'strings', at, bytes: text.at + text.bytes - at, count: value.length } satisfies Tagged;
    }
    const name = typedName(value);
    if (name) {
      const array = value as TypedArray;
      return { [TAG]: name, ...this.add(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)) } satisfies Tagged;
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.tag(item)]));
  }
}

export function encodeFrame(value: unknown): Uint8Array<ArrayBuffer> {
  const body = new Body();
  const header = utf8.encode(JSON.stringify(body.tag(value)));
  const frame = new Uint8Array(PREFIX_BYTES + header.byteLength + body.size);
  const prefix = new DataView(frame.buffer);
  prefix.setUint32(0, header.byteLength, true);
  prefix.setUint32(4, body.size, true);
  frame.set(header, PREFIX_BYTES);
  let at = PREFIX_BYTES + header.byteLength;
  for (const part of body.parts) {
    frame.set(part, at);
    at += part.byteLength;
  }
  return frame;
}

/** A copy of some bytes in an ArrayBuffer of their own (a Buffer's `slice` would share its pool's). */
const ownCopy = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

function stringsOf(bytes: Uint8Array, count: number): string[] {
  const lengths = new Uint32Array(ownCopy(bytes.subarray(0, 4 * count)));
  const text = fromUtf8.decode(bytes.subarray(4 * count));
  const strings: string[] = [];
  let at = 0;
  for (const length of lengths) strings.push(text.slice(at, (at += length)));
  return strings;
}

function untag(value: unknown, body: Uint8Array): unknown {
  if (value === NAN_TOKEN) return NaN;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => untag(item, body));
  const tagged = value as Partial<Tagged>;
  if (tagged[TAG] === 'strings') return stringsOf(body.subarray(tagged.at!, tagged.at! + tagged.bytes!), tagged.count!);
  // A copy, so that the array has a buffer of its own (to transfer, as the app's port does).
  if (tagged[TAG] !== undefined && Object.hasOwn(TYPED_ARRAYS, tagged[TAG])) return new TYPED_ARRAYS[tagged[TAG]](ownCopy(body.subarray(tagged.at!, tagged.at! + tagged.bytes!)));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, untag(item, body)]));
}

/** One frame, without its prefix: what FrameReader gives. */
export function decodeFrame(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerBytes = view.getUint32(0, true);
  const header = JSON.parse(fromUtf8.decode(frame.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes))) as unknown;
  return untag(header, frame.subarray(PREFIX_BYTES + headerBytes));
}

/** Cuts a byte stream into whole frames, however its chunks fall. */
export class FrameReader {
  private pending = new Uint8Array(1 << 20);
  private size = 0;

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.size + chunk.byteLength > this.pending.byteLength) {
      const grown = new Uint8Array(Math.max(2 * this.pending.byteLength, this.size + chunk.byteLength));
      grown.set(this.pending.subarray(0, this.size));
      this.pending = grown;
    }
    this.pending.set(chunk, this.size);
    this.size += chunk.byteLength;
    const frames: Uint8Array[] = [];
    let start = 0;
    while (this.size - start >= PREFIX_BYTES) {
      const view = new DataView(this.pending.buffer, start);
      const end = start + PREFIX_BYTES + view.getUint32(0, true) + view.getUint32(4, true);
      if (end > this.size) break;
      frames.push(this.pending.slice(start, end));
      start = end;
    }
    this.pending.copyWithin(0, start, this.size);
    this.size -= start;
    return frames;
  }
}
