import { JSON_TREE_DEPTH } from '../../shared/jsonDepth';
import { isJson } from '../query/jsonAt';

/** Where two copies of an event part: a value both have but differ on, or one only one of them has. */
export interface JsonDifference {
  /** e.g. `requestParameters.bucketName`, `resources[0].ARN`, `["odd key"]`. */
  path: string;
  kind: 'changed' | 'onlyHere' | 'onlyThere';
  here?: unknown;
  there?: unknown;
}

/** A number kept as its text (JSON.rawJSON), where the engine has JSON.parse's source text access. */
type RawNumber = { rawJSON: string };
const RAW = JSON as unknown as { rawJSON?: (text: string) => RawNumber; isRawJSON?: (value: unknown) => boolean };
const isRaw = (value: unknown): value is RawNumber => RAW.isRawJSON?.(value) === true;

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
/** A JSON number's text in one form per value: sign, significant digits, exponent (`1.50e2` and `150` alike). */
function canonicalNumber(text: string): string {
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = NUMBER.exec(text) ?? [];
  let digits = (whole + fraction).replace(/^0+/, '');
  let power = Number(exponent) - fraction.length;
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - zeros);
  power += zeros;
  return digits === '' ? '0' : `${sign}${digits}e${power}`;
}
const numberText = (value: unknown): string | undefined => (isRaw(value) ? value.rawJSON : typeof value === 'number' ? String(value) : undefined);
/** Significant digits a double tells apart: a number written with more may have lost some in parsing. */
const EXACT_DIGITS = 15;

/**
 * An event's text parsed for comparing: as JSON.parse does, but a number written with more
 * significant digits than a double holds is kept as its text (where the engine can tell it its
 * source: Chromium, not Node 20), so that copies differing only there are not taken as equal.
 */
export function parseForComparison(text: string): unknown {
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    const source = context?.source;
    if (typeof value !== 'number' || source === undefined || !RAW.rawJSON) return value;
    return canonicalNumber(source).replace(/^-|e.*$/g, '').length > EXACT_DIGITS ? RAW.rawJSON(source) : value;
  } as (key: string, value: unknown) => unknown);
}
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const keyPath = (path: string, key: string): string => (IDENTIFIER.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);

/**
 * How two parsed copies of an event differ, value by value: objects key by key (their order is
 * layout), arrays item by item, anything else by equality. Values compare as parsed, so a copy
 * re-serialized with sorted keys, other spacing or escapes, or `0.0` written `0` has none. Numbers
 * kept as their text (parseForComparison) compare by value, digit for digit.
 */
export function jsonDifferences(here: unknown, there: unknown, path = ''): JsonDifference[] {
  if (isRaw(here) || isRaw(there)) {
    const [a, b] = [numberText(here), numberText(there)];
    return a !== undefined && b !== undefined && canonicalNumber(a) === canonicalNumber(b) ? [] : [{ path: path || '(the whole event)', kind: 'changed', here, there }];
  }
  if (isJson(here) && isJson(there)) {
    const keys = [...Object.keys(here), ...Object.keys(there).filter((key) => !Object.hasOwn(here, key))];
    return keys.flatMap((key) => {
      const at = keyPath(path, key);
      if (!Object.hasOwn(there, key)) return [{ path: at, kind: 'onlyHere' as const, here: here[key] }];
      if (!Object.hasOwn(here, key)) return [{ path: at, kind: 'onlyThere' as const, there: there[key] }];
      return jsonDifferences(here[key], there[key], at);
    });
  }
  if (Array.isArray(here) && Array.isArray(there)) {
    return Array.from({ length: Math.max(here.length, there.length) }, (_, i) => {
      const at = `${path}[${i}]`;
      if (i >= there.length) return [{ path: at, kind: 'onlyHere' as const, here: here[i] }];
      if (i >= here.length) return [{ path: at, kind: 'onlyThere' as const, there: there[i] }];
      return jsonDifferences(here[i], there[i], at);
    }).flat();
  }
  return here === there ? [] : [{ path: path || '(the whole event)', kind: 'changed', here, there }];
}

/** A key an object of an event's text writes more than once, with what each occurrence holds. */
export interface DuplicateKey {
  /** The key's path, as a difference's (`eventName`, `requestParameters.bucketName`). */
  path: string;
  /** Each occurrence's value in the order written, parsed as parseForComparison parses; JSON.parse keeps only the last. */
  values: unknown[];
}

/** The index just past the string token that begins (with its quote) at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * The keys an event's text writes more than once in one object, in the order first written.
 * JSON.parse (reviver included) sees only the last occurrence and other tools the first, so a
 * copy edited by adding a key again parses as the original does: only the text shows it. A scan
 * of the tokens, for text JSON.parse has accepted (anything else gives no meaningful answer).
 */
export function duplicateKeys(text: string): DuplicateKey[] {
  /** An open object (with its keys' value spans and the key being read) or array (with its item index). */
  type Open = { path: string; keys?: Map<string, Array<[number, number]>>; key?: string; valueStart: number; index: number };
  const open: Open[] = [];
  const found: Array<{ at: number; duplicate: DuplicateKey }> = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const top = open.at(-1);
    if (char === '"') {
      const end = stringEnd(text, i);
      if (top?.keys && top.key === undefined) top.key = JSON.parse(text.slice(i, end)) as string;
      i = end - 1;
    } else if (top && char === ':') {
      top.valueStart = i + 1;
    } else if (char === '{' || char === '[') {
      const path = !top ? '' : top.keys ? keyPath(top.path, top.key ?? '') : `${top.path}[${top.index}]`;
      open.push({ path, keys: char === '{' ? new Map() : undefined, valueStart: i + 1, index: 0 });
    } else if (top && (char === ',' || char === '}' || char === ']')) {
      if (top.keys && top.key !== undefined) {
        const spans = top.keys.get(top.key);
        if (spans) spans.push([top.valueStart, i]);
        else top.keys.set(top.key, [[top.valueStart, i]]);
        top.key = undefined;
      }
      if (char === ',') top.index++;
      else {
        for (const [key, spans] of top.keys ?? []) {
          if (spans.length > 1) found.push({ at: spans[0]?.[0] ?? 0, duplicate: { path: keyPath(top.path, key), values: spans.map(([from, to]) => parseForComparison(text.slice(from, to))) } });
        }
        open.pop();
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ duplicate }) => duplicate);
}

/**
 * The verdict on two copies of which one at least nests deeper than JSON_TREE_DEPTH levels: too
 * deep to compare value by value (the walks recurse), so their texts are compared, and the first
 * character where they part is named.
 */
export function textVerdict(here: string, there: string): string {
  let at = 0;
  while (at < here.length && at < there.length && here.charCodeAt(at) === there.charCodeAt(at)) at++;
  const lead = `A copy nests more than ${JSON_TREE_DEPTH} levels deep, too deeply to compare value by value: their texts are compared instead.`;
  if (here.length === there.length && at === here.length) return `${lead} They are the same.`;
  return `${lead} They part at character ${at + 1} (of ${here.length} here, ${there.length} in the other).`;
}
