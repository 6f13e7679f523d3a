/** A JSON syntax problem at a character offset of the scanned text. */
export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s.charCodeAt(i))) i++;
  return i;
}

function skipString(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    j = s.indexOf('"', j);
    if (j < 0) throw new JsonScanError('unterminated string', i);
    let backslashes = 0;
    while (s.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j++;
  }
}

/** Returns the offset just past the JSON value starting at i (structure only; content is checked by JSON.parse). */
function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return skipString(s, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < s.length && !WS.has(s.charCodeAt(j)) && s[j] !== ',' && s[j] !== '}' && s[j] !== ']') j++;
    if (j === i) throw new JsonScanError('expected a value', i);
    return j;
  }
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const ch = s[j];
    if (ch === '"') j = skipString(s, j) - 1;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new JsonScanError('unterminated ' + (c === '{' ? 'object' : 'array'), i);
}

/** One element of the Records array: its exact source text and where it starts. */
export interface RecordText {
  text: string;
  offset: number;
}

/**
 * Yields the elements of the top-level `Records` array of a trail delivery file as the exact
 * text they have in the file, so the original JSON is kept byte for byte. Returns false when
 * the text is a JSON object without a `Records` array (not a trail file).
 */
export function* recordTexts(s: string): Generator<RecordText, boolean> {
  let i = skipWs(s, s.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (s[i] !== '{') throw new JsonScanError('expected a JSON object', i);
  i = skipWs(s, i + 1);
  while (s[i] !== '}') {
    if (s[i] !== '"') throw new JsonScanError('expected a key', i);
    const keyEnd = skipString(s, i);
    const key = s.slice(i + 1, keyEnd - 1);
    i = skipWs(s, keyEnd);
    if (s[i] !== ':') throw new JsonScanError("expected ':'", i);
    i = skipWs(s, i + 1);
    if (key === 'Records' && s[i] === '[') {
      i = skipWs(s, i + 1);
      while (s[i] !== ']') {
        const end = skipValue(s, i);
        yield { text: s.slice(i, end), offset: i };
        i = skipWs(s, end);
        if (s[i] === ',') i = skipWs(s, i + 1);
        else if (s[i] !== ']') throw new JsonScanError("expected ',' or ']'", i);
      }
      return true;
    }
    i = skipWs(s, skipValue(s, i));
    if (s[i] === ',') i = skipWs(s, i + 1);
    else if (s[i] !== '}') throw new JsonScanError("expected ',' or '}'", i);
  }
  return false;
}
