import { JSON_TREE_DEPTH } from '../../shared/jsonDepth';
import { textScalar } from '../../shared/lakeValue';
import { printable } from '../../shared/printable';
import { asJson } from '../query/jsonAt';
import type { CallPart, ParamPath, ParamValue } from '../query/queryProtocol';

/** One scalar leaf of an event's requestParameters (or responseElements) and the path that leads to it. */
export interface ParamEntry {
  path: ParamPath;
  value: ParamValue;
}

/**
 * The scalar leaves of `event.requestParameters` (or of the `part` given), in document order.
 * Empty objects and arrays have no leaf, so they are not listed; an event without that part has
 * none. Nothing deeper than JSON_TREE_DEPTH levels is walked (boundedParse leaves it out already).
 */
export function flattenParams(event: unknown, part: CallPart = 'requestParameters'): ParamEntry[] {
  const entries: ParamEntry[] = [];
  const walk = (value: unknown, path: ParamPath): void => {
    // A container at `path` is its level plus two (the event's root and the part).
    if (path.length + 2 > JSON_TREE_DEPTH && value !== null && typeof value === 'object') return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    else entries.push({ path, value: value as ParamValue });
  };
  const params = asJson(event)?.[part];
  if (params !== null && typeof params === 'object') walk(params, []);
  return entries;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** A path as an investigator reads it: `items[0].instanceId`; keys that would be ambiguous are quoted, `["a.b"]`; printable. */
export function formatParamPath(path: ParamPath): string {
  return printable(path.map((step, i) => (typeof step === 'number' ? `[${step}]` : PLAIN_KEY.test(step) ? `${i === 0 ? '' : '.'}${step}` : `[${JSON.stringify(step)}]`)).join(''));
}

/**
 * A value as JSON writes it (strings quoted, so `"1"` and `1` differ), printable, cut to `max`
 * characters with `…`. A value written as text by a CSV export (`asText`) that reads as a number or
 * boolean is shown bare, as it was written: it stands for both (see sameParamValue).
 */
export function formatParamValue(value: ParamValue, max = Infinity, asText = false): string {
  const bare = asText && typeof value === 'string' && textScalar(value) !== undefined;
  const text = printable(bare ? value : JSON.stringify(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
