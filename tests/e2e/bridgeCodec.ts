// How the e2e harness carries ingest messages and replies between Node and the page as JSON:
// structured clone keeps NaN and typed arrays, JSON does not, so both are tagged on the way.
// Tagging walks the message first, so that JSON.stringify and JSON.parse run without a replacer
// or reviver (which would call back into script for every value); typed arrays go as base64.

const NAN_TOKEN = '\u0000NaN';
const TAG = '\u0000typed';
const TYPED_ARRAYS = { Float64Array, Uint32Array, Int32Array, Uint8Array, Int8Array } as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;
interface TaggedArray {
  [TAG]: TypedArrayName;
  base64: string;
}

// The harness (Node) encodes with Buffer, far faster than btoa over a binary string; the page has no Buffer.
interface Base64Runtime {
  Buffer?: { from(bytes: Uint8Array): { toString(encoding: 'base64'): string } };
}
const nodeBuffer = (globalThis as Base64Runtime).Buffer;

function toBase64(bytes: Uint8Array): string {
  if (nodeBuffer) return nodeBuffer.from(bytes).toString('base64');
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function fromBase64(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes.buffer;
}

function typedName(value: object): TypedArrayName | undefined {
  return (Object.keys(TYPED_ARRAYS) as TypedArrayName[]).find((name) => value instanceof TYPED_ARRAYS[name]);
}

function tag(value: unknown): unknown {
  if (typeof value === 'number') return Number.isNaN(value) ? NAN_TOKEN : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(tag);
  const name = typedName(value);
  if (name) {
    const array = value as TypedArray;
    return { [TAG]: name, base64: toBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)) } satisfies TaggedArray;
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tag(item)]));
}

function untag(value: unknown): unknown {
  if (value === NAN_TOKEN) return NaN;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(untag);
  const tagged = value as TaggedArray;
  if (Object.hasOwn(TYPED_ARRAYS, tagged[TAG])) return new TYPED_ARRAYS[tagged[TAG]](fromBase64(tagged.base64));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, untag(item)]));
}

export function encodeForBridge(value: unknown): string {
  return JSON.stringify(tag(value));
}

export function decodeFromBridge(json: string): unknown {
  return untag(JSON.parse(json));
}
