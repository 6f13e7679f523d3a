import { textScalar } from '../../shared/lakeValue';
import { isJson } from './jsonAt';
import { partOf, type ParamPath, type ParamValue, type TextFilter } from './queryProtocol';
import { readStoredEvent } from './storedEvent';

/** The value at `path` below `root`, following own object keys and array indices only; undefined when absent. */
export function valueAt(root: unknown, path: ParamPath): unknown {
  let here = root;
  for (const step of path) {
    const container = typeof step === 'number' ? Array.isArray(here) : isJson(here);
    if (!container || !Object.hasOwn(here as object, step)) return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
  return here;
}

/**
 * Runs of characters that every JSON writer seen in the wild leaves as they are (no `\u` or `\/`
 * escapes): printable ASCII without quotes, backslash, slash, `<`, `>`, `&`. A text holding a
 * key or string value holds each such run of it verbatim, however the writer escaped the rest.
 */
const LITERAL_RUNS = /[\w .,:;=+*?!@#$%^|~()[\]{}-]{3,}/g;

/**
 * Whether a value found in an event is the filter's: type-exact, except that a value written as
 * text (`foundAsText`, a CSV row's; `wantedAsText`, a filter taken from one) is also the number or
 * boolean it reads as. Two texts, or two JSON values, are compared as they are.
 */
export function sameParamValue(found: unknown, foundAsText: boolean, wanted: ParamValue, wantedAsText: boolean): boolean {
  if (found === wanted) return true;
  if (foundAsText === wantedAsText) return false;
  const [text, other] = foundAsText ? [found, wanted] : [wanted, found];
  return typeof text === 'string' && (typeof other === 'number' || typeof other === 'boolean') && textScalar(text) === other;
}

/** Where in an event a text filter looks: below requestParameters (or responseElements) for a parameter, at the top for a sharedEventID. */
const pathOf = (filter: TextFilter): ParamPath => (filter.kind === 'param' ? [partOf(filter), ...filter.path] : ['sharedEventID']);

/** Substrings every original text matching `filter` contains: its keys' and its value's literal runs. */
export function paramNeedles(filter: TextFilter): string[] {
  const { value } = filter;
  const words = (filter.kind === 'param' ? filter.path : pathOf(filter)).filter((step): step is string => typeof step === 'string');
  // A number is not looked for (JSON may write 3600 as 3.6e3), nor a text that may stand for one.
  if (typeof value === 'string' && !(filter.kind === 'param' && filter.asText && typeof textScalar(value) === 'number')) words.push(value);
  else if (typeof value === 'boolean' || value === null) words.push(String(value));
  return [...new Set(words.flatMap((word) => word.match(LITERAL_RUNS) ?? []))];
}

/**
 * A test of one event's original text against `filter`: a substring prefilter, then a parse of
 * the candidates only and a type-exact comparison of the value at the filter's path. A CSV row
 * built from columns is read as the event it stands for, with its file's header (`csvHeader`,
 * asked for candidates only: see storedEvent); Lake's maps hold their values as written, the
 * row's key and value are in its text as in a JSON text, its values text of no known type (see
 * sameParamValue).
 */
export function paramMatcher(filter: TextFilter): (text: string, csvHeader?: () => string | undefined) => boolean {
  const needles = paramNeedles(filter);
  const path = pathOf(filter);
  return (text, csvHeader) => {
    if (!needles.every((needle) => text.includes(needle))) return false;
    const { event, asText } = readStoredEvent(text, csvHeader?.());
    return event !== undefined && sameParamValue(valueAt(event, path), asText, filter.value, filter.kind === 'param' && filter.asText === true);
  };
}
