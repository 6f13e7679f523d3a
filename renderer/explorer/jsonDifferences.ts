/** Where two copies of an event part: a value both have but differ on, or one only one of them has. */
export interface JsonDifference {
  /** e.g. `requestParameters.bucketName`, `resources[0].ARN`, `["odd key"]`. */
  path: string;
  kind: 'changed' | 'onlyHere' | 'onlyThere';
  here?: unknown;
  there?: unknown;
}

type Json = Record<string, unknown>;
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
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
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
  if (isObject(here) && isObject(there)) {
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
