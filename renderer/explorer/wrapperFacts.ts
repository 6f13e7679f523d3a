import { boundedParseOrUndefined } from '../../shared/jsonDepth';
import { csvRowDetail } from '../query/csvRowDetail';

/** One thing a wrapper says about its event: its field's name and value, as text (not yet made printable). */
export interface WrapperFact {
  name: string;
  value: string;
}

/** What held an event's JSON, named, and what else it says: its fields but the event's own. */
export interface WrapperFacts {
  what: string;
  facts: WrapperFact[];
}

/** The field of each kind of JSON wrapper that holds the event's JSON, and what such a wrapper is. */
const EVENT_FIELDS: Record<string, string> = {
  CloudTrailEvent: 'an item of aws cloudtrail lookup-events output',
  message: 'an event of aws logs filter-log-events output (CloudWatch Logs)',
  '@message': 'a CloudWatch Logs Insights result row',
};

/** Fields CloudWatch Logs writes as epoch milliseconds; lookup-events' EventTime is epoch seconds when CLI v1 wrote it. */
const EPOCH_MS = new Set(['timestamp', 'ingestionTime']);

const utc = (ms: number): string => {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
};

/** A wrapper field's value as shown: text as it is, an epoch time with its UTC reading beside it, anything else as compact JSON. */
function shown(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && (EPOCH_MS.has(name) || name === 'EventTime')) {
    const reading = utc(EPOCH_MS.has(name) ? value : value * 1000);
    return reading === '' ? String(value) : `${reading} (${value})`;
  }
  return JSON.stringify(value);
}

/** A get-query-results row (field and value pairs) as the object of its fields; anything else as it is. */
function fieldsOf(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const pairs = value.filter((pair): pair is { field: string; value: unknown } => pair !== null && typeof pair === 'object' && typeof (pair as { field?: unknown }).field === 'string');
  return Object.fromEntries(pairs.map((pair) => [pair.field, pair.value]));
}

/**
 * What a wrapper (the text that held an event's JSON in its file, as it stood there) says of its
 * event: a CloudWatch Logs export line's timestamp; a CSV row's other cells, by the header's
 * names; a lookup-events item's, a log event's or an Insights row's other fields. `eventText` is
 * the event's JSON (a CSV cell's value: the cell left out); `csvHeader` the file's header line.
 */
export function wrapperFacts(format: string, wrapper: string, eventText: string, csvHeader: string | undefined): WrapperFacts {
  if (format === 'cloudwatch-export') {
    const at = wrapper.indexOf('{');
    return { what: 'a line of a CloudWatch Logs export', facts: [{ name: 'line’s timestamp', value: (at < 0 ? wrapper : wrapper.slice(0, at)).trim() }] };
  }
  if (csvHeader !== undefined) {
    const row = csvRowDetail(csvHeader, wrapper);
    const insights = format === 'cloudwatch-insights-csv';
    return { what: insights ? 'a row of a CloudWatch Logs Insights CSV export' : 'a row of a CSV export', facts: (row?.columns ?? []).filter((cell) => cell.value !== eventText) };
  }
  const fields = fieldsOf(boundedParseOrUndefined(wrapper));
  if (fields === null || typeof fields !== 'object') return { what: 'a value of its item', facts: [] };
  const entries = Object.entries(fields as Record<string, unknown>);
  const eventField = entries.find(([name, value]) => typeof value === 'string' && Object.hasOwn(EVENT_FIELDS, name))?.[0];
  return {
    what: eventField === undefined ? 'a value of its item' : EVENT_FIELDS[eventField]!,
    facts: entries.filter(([name]) => name !== eventField).map(([name, value]) => ({ name, value: shown(name, value) })),
  };
}
