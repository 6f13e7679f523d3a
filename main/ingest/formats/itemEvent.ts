import { nestedDeeperThan, shallowJson } from '../../../shared/jsonDepth';
import { jsonFault } from '../../../shared/jsonFault';
import type { ItemArrayKind } from './jsonSplitter';

/**
 * Where an item came from, which decides how the event's JSON is found in it. An
 * 'insights-message' is the `@message` cell of a CloudWatch Logs Insights CSV row: the text is
 * then what such a row's `@message` string holds (see INSIGHTS_FIELD).
 */
export type ItemKind = ItemArrayKind | 'array' | 'object' | 'ndjson' | 'cloudwatch-export' | 'insights-message';

/**
 * An event's original JSON text and its parsed value, or why the item holds none. `escaped`
 * tells that lone surrogates in the text were written as escapes (see `escapeLoneSurrogates`);
 * `wrapperTime` is a lookup-events item's EventTime or an Insights row's @timestamp, for an event without its own time;
 * `insights` that the item was a CloudWatch Logs Insights result row, whether or not it held an event;
 * `deep` the depth of an event nested deeper than the limit, whose value then holds only what lies within it (see shallowJson).
 */
export type ItemEvent = { text: string; value: Record<string, unknown>; escaped: boolean; wrapperTime?: unknown; insights?: true; deep?: number } | { error: string; insights?: true };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A JSON text with each lone surrogate written as its `\uXXXX` escape. Text decoded from bytes
 * never holds one, but a string decoded from JSON can (`"\ud800"`), and a text that is not
 * well-formed UTF-16 cannot be stored as UTF-8 without loss. A lone surrogate in valid JSON can
 * only stand inside a string, where its escape parses to the very same value.
 */
export function escapeLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
}

const CLOUDTRAIL_KEYS = ['eventVersion', 'eventTime', 'eventName', 'eventSource', 'eventType', 'eventID'];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when a parsed value has the shape of a CloudTrail event (any of its identifying keys). */
export function looksLikeCloudTrail(value: unknown): value is Record<string, unknown> {
  return isObject(value) && CLOUDTRAIL_KEYS.some((key) => Object.hasOwn(value, key));
}

/** A digest file's body: it lists log files and their hashes instead of holding events. */
export function isDigest(value: unknown): boolean {
  return isObject(value) && Object.hasOwn(value, 'digestStartTime') && Array.isArray(value['logFiles']);
}

/** A CloudTrail Lake sign file's body (`result_sign.json`, delivered beside saved query results): it lists result files and their hashes. */
export function isLakeSign(value: unknown): boolean {
  return isObject(value) && Object.hasOwn(value, 'queryCompleteTime') && typeof value['hashSignature'] === 'string' && Array.isArray(value['files']);
}

/** The field of a lookup-events or filter-log-events item that holds the event's JSON as a string. */
const WRAPPER_FIELD = { 'lookup-events': 'CloudTrailEvent', 'log-events': 'message' } as const;

/**
 * The field of a CloudWatch Logs Insights result row (the console's JSON or CSV export of a query
 * on a log group a trail delivers to) that holds the log event's text: there, the event's JSON.
 * A row's message may be any log line, so a row without an event is an error of its own.
 */
const INSIGHTS_FIELD = '@message';
/** The field of an Insights result row that gives the log event's time, which CloudWatch Logs took from the event: its time when the event's own is unreadable. */
const INSIGHTS_TIME_FIELD = '@timestamp';

/**
 * The wrapper field of an item found outside its usual array (lookup-events items as a root
 * array or one per line, as `jq '.Events[]'` writes them; Insights rows, which have no other
 * place), or undefined when it is no wrapper. An Insights row is one whatever other fields were
 * queried (`fields @message, eventName`): no CloudTrail event has an `@message` key.
 */
function wrapperField(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value[INSIGHTS_FIELD] === 'string') return INSIGHTS_FIELD;
  if (CLOUDTRAIL_KEYS.some((key) => Object.hasOwn(value, key))) return undefined;
  if (typeof value['CloudTrailEvent'] === 'string') return WRAPPER_FIELD['lookup-events'];
  if (typeof value['message'] === 'string' && value['message'].trimStart().startsWith('{')) return WRAPPER_FIELD['log-events'];
  return undefined;
}

/**
 * A `get-query-results` row (an array of `{"field","value"}` pairs) as an object of its fields,
 * as the console's JSON export writes a row; undefined when the item is no such array.
 */
function resultRow(value: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const row = Object.create(null) as Record<string, unknown>;
  for (const pair of value as unknown[]) {
    if (!isObject(pair) || typeof pair['field'] !== 'string') return undefined;
    row[pair['field']] = pair['value'];
  }
  return row;
}

/** Why an Insights row holds no event: its message is no JSON, or JSON of something else. */
const notInInsightsRow = (reason: string): ItemEvent => ({ error: `its ${INSIGHTS_FIELD} is not a CloudTrail event (${reason})`, insights: true });

/**
 * Where, in its item's file, a character of the item's text is (`line 38, byte 1203`), or, when
 * the text is not the file's as written (a CSV cell), in what (`character 60 of its
 * CloudTrailEvent cell`). Called only when a fault is reported.
 */
export type PlaceInItem = (at: number) => string;

/**
 * Finds the event in one item. Trail records, array elements, lines and single objects are
 * the event; a lookup-events item carries it as the `CloudTrailEvent` string, a
 * filter-log-events item as its `message` string and an Insights row (an object of fields, or
 * `get-query-results`' array of field and value pairs) as its `@message` string,
 * whose text is then the original (with any lone surrogate escaped), wherever such an item is
 * found; an Insights CSV row's `@message` cell is that text already. Of an event nested deeper
 * than `maxDepth` only what lies within that depth is read, whatever its format. `parsed` is the
 * item's value when it was parsed already; `place` says where a fault in `text` is (a fault in a
 * wrapper's string is given in that string).
 */
export function itemEvent(kind: ItemKind, text: string, maxDepth: number, parsed?: unknown, place: PlaceInItem = (at) => `character ${at} of the item`): ItemEvent {
  let value: unknown;
  /** The wrapper field whose string is being parsed, once it is: a fault is then placed in that string. */
  let parsing: { field: string; text: string } | undefined;
  let escaped = false;
  let wrapperTime: unknown;
  let insights = kind === 'insights-message';
  let deep: number | undefined;
  try {
    // Of an event deeper than the limit only what lies within it is read: a full parse would cost memory without bound, and the value could not be walked.
    if (nestedDeeperThan(text, maxDepth)) ({ value, depth: deep } = shallowJson(text, maxDepth));
    else value = parsed ?? JSON.parse(text);
    if (kind === 'insights-results') {
      // A row of fields; anything else in a `results` array is no event, as any other item may be none.
      const row = resultRow(value);
      if (row === undefined) return { error: 'not a CloudTrail event' };
      if (typeof row[INSIGHTS_FIELD] !== 'string') return { error: `no "${INSIGHTS_FIELD}" field in this row`, insights: true };
      value = row;
    }
    const field =
      kind === 'lookup-events' || kind === 'log-events' ? WRAPPER_FIELD[kind]
      : kind === 'insights-results' ? INSIGHTS_FIELD
      : insights ? undefined
      : wrapperField(value);
    if (field !== undefined) {
      const wrapper = isObject(value) ? value : {};
      const inner = wrapper[field];
      if (typeof inner !== 'string') return { error: `no "${field}" string in this item` };
      insights = field === INSIGHTS_FIELD;
      parsing = { field, text: inner };
      if (nestedDeeperThan(inner, maxDepth)) ({ value, depth: deep } = shallowJson(inner, maxDepth));
      else {
        deep = undefined;
        value = JSON.parse(inner);
      }
      text = escapeLoneSurrogates(inner);
      escaped = text !== inner;
      wrapperTime = wrapper[field === INSIGHTS_FIELD ? INSIGHTS_TIME_FIELD : 'EventTime'];
    }
  } catch (error) {
    // V8's position is of the text parsed: said in the file's terms, or of the string or cell that held the text.
    const fault = jsonFault(error, parsing?.text ?? text);
    const where = fault.at === undefined ? undefined : parsing === undefined ? place(fault.at) : `character ${fault.at} of its ${parsing.field} string`;
    if (insights) return notInInsightsRow(`not JSON: ${fault.message}${where === undefined ? '' : ` at ${where}`}`);
    return { error: `malformed JSON: ${fault.message}${where === undefined ? '' : ` (${where})`}` };
  }
  if (!looksLikeCloudTrail(value)) return insights ? notInInsightsRow("JSON without CloudTrail's event fields") : { error: 'not a CloudTrail event' };
  if (deep !== undefined) return { text, value, escaped, ...(wrapperTime === undefined ? {} : { wrapperTime }), ...(insights ? { insights } : {}), deep };
  if (insights) return wrapperTime === undefined ? { text, value, escaped, insights } : { text, value, escaped, wrapperTime, insights };
  return wrapperTime === undefined ? { text, value, escaped } : { text, value, escaped, wrapperTime };
}
