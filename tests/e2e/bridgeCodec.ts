// How the e2e harness carries ingest messages and replies between Node and the page as JSON:
// structured clone keeps NaN and typed arrays, JSON does not, so both are tagged on the way.

const NAN_TOKEN = '\u0000NaN';
const TYPED_ARRAYS = { Float64Array, Uint32Array, Int32Array } as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
interface TaggedArray {
  '\u0000typed': TypedArrayName;
  values: number[];
}

export function encodeForBridge(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'number' && Number.isNaN(item)) return NAN_TOKEN;
    for (const [name, type] of Object.entries(TYPED_ARRAYS) as [TypedArrayName, (typeof TYPED_ARRAYS)[TypedArrayName]][]) {
      if (item instanceof type) return { '\u0000typed': name, values: Array.from(item) } satisfies TaggedArray;
    }
    return item;
  });
}

export function decodeFromBridge(json: string): unknown {
  return JSON.parse(json, (_key, item: unknown) => {
    if (item === NAN_TOKEN) return NaN;
    const tagged = item as TaggedArray | null;
    if (typeof tagged === 'object' && tagged !== null && Object.hasOwn(TYPED_ARRAYS, tagged['\u0000typed'])) {
      return TYPED_ARRAYS[tagged['\u0000typed']].from(tagged.values);
    }
    return item;
  });
}
