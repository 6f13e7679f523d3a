/** A value as CloudTrail Lake writes it in a result's cell: text, null, a struct or map, an array. */
export type LakeValue = string | null | LakeValue[] | { [key: string]: LakeValue };

/** Where the next entry of a struct or map starts after a comma: a space, then a key and `=`. */
const NEXT_KEY = / [A-Za-z_$@][\w$@.:/-]*=/y;

/** The positions of the commas that separate the top-level parts of `inner` (a struct's or array's text without its brackets). */
function topLevelCommas(inner: string, separates: (at: number) => boolean): number[] {
  const commas: number[] = [];
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0 && separates(i + 1)) commas.push(i);
  }
  return commas;
}

function partsOf(inner: string, commas: number[]): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const comma of [...commas, inner.length]) {
    parts.push(inner.slice(start, comma));
    start = comma + 1;
  }
  return parts;
}

/** The value of one entry: `null`, a nested struct or array when it reads as one, else the text as written. */
function valueOf(text: string): LakeValue {
  const trimmed = text.trim();
  if (trimmed === 'null') return null;
  return (trimmed.startsWith('{') || trimmed.startsWith('[')) ? (lakeValue(trimmed) ?? trimmed) : trimmed;
}

/**
 * A cell of a CloudTrail Lake result read as the struct, map or array it was written as:
 * `{type=IAMUser, sessioncontext={attributes={mfaauthenticated=true}}, invokedby=null}`,
 * `{bucketName=x, key=a/b.csv}`, `[{accountid=1, type=AWS::S3::Object, arn=…}]`. Lake quotes
 * nothing, so an entry ends where a comma is followed by a space and the next key and `=` (a
 * comma inside a value stays in it); `null` is null and every other value is text, as written.
 * A cell holding JSON (`{"a":1}`) is read as JSON. Undefined when the cell is neither.
 */
export function lakeValue(cell: string): LakeValue | undefined {
  const text = cell.trim();
  if (text.startsWith('{"') || text.startsWith('[{"') || text.startsWith('["')) {
    try {
      return JSON.parse(text) as LakeValue;
    } catch {
      return undefined;
    }
  }
  const inner = text.slice(1, -1);
  if (text.startsWith('[') && text.endsWith(']')) {
    if (inner.trim() === '') return [];
    return partsOf(inner, topLevelCommas(inner, (at) => inner[at] === ' ')).map(valueOf);
  }
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const struct: { [key: string]: LakeValue } = {};
  if (inner.trim() === '') return struct;
  const commas = topLevelCommas(inner, (at) => {
    NEXT_KEY.lastIndex = at;
    return NEXT_KEY.test(inner);
  });
  for (const part of partsOf(inner, commas)) {
    const equals = part.indexOf('=');
    if (equals <= 0) return undefined;
    Object.defineProperty(struct, part.slice(0, equals).trim(), { value: valueOf(part.slice(equals + 1)), enumerable: true, writable: true, configurable: true });
  }
  return struct;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The number or boolean a text (a value Lake wrote) reads as when JSON would read it so (`3600`, `1e3`, `true`); undefined for any other text (` 3600`, `0x10`, `3600s`, `TRUE`). */
export function textScalar(text: string): number | boolean | undefined {
  if (text === 'true' || text === 'false') return text === 'true';
  return JSON_NUMBER.test(text) ? Number(text) : undefined;
}
