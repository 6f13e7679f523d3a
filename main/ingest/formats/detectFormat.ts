import { ITEM_ARRAYS } from './jsonSplitter';
import { padded } from './zeroPadding';

/** How a document's text is laid out, decided from its first characters. */
export type TextLayout = 'json' | 'ndjson' | 'cloudwatch-export' | 'csv' | 'unrecognised';

/** The timestamp a CloudWatch Logs export puts before each event, and the space after it. */
export const CLOUDWATCH_PREFIX = /^\d{4}-\d{2}-\d{2}[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?\s+/;
const CLOUDWATCH_LINE = new RegExp(`${CLOUDWATCH_PREFIX.source}\\{`);
const CSV_HEADER = /(^|,)\s*"?(event ?time|event ?name|event ?id|event ?json|cloudtrail ?event)"?\s*(,|$)/i;

/** The object a line holds whole, if it does. */
function objectLine(line: string): Record<string, unknown> | undefined {
  const trimmed = padded(line).core;
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    return JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Decides the layout from the head of a document (its first few KB), by content and not by
 * file name: one JSON document, one JSON object per line, CloudWatch Logs export lines
 * (`<timestamp> <event JSON>`), or CSV with a recognisable header: a column of event times,
 * names or IDs, or one holding whole events (Lake's `eventjson`, the console's "CloudTrail event").
 */
export function detectLayout(head: string): TextLayout {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  // Zero padding counts as whitespace (see zeroPadding.ts).
  const start = text.search(/[^\s\0]/);
  if (start < 0) return 'json';
  const first = text[start];
  if (first === '[') return 'json';
  const lines = text.slice(start, start + 256 * 1024).split('\n', 64);
  if (first === '{') {
    // One object per line: another line follows the first, and one of the two is a whole object
    // (the first may be malformed). Whole trail documents one per line are JSON documents in turn.
    // Nothing is parsed unless a line starting an object follows: a trail file is one line.
    const [firstLine, ...rest] = lines.map((line) => padded(line).core).filter((line) => line !== '');
    if (!rest[0]?.startsWith('{')) return 'json';
    const value = objectLine(firstLine!);
    if (value && Object.keys(ITEM_ARRAYS).some((key) => Array.isArray(value[key]))) return 'json';
    return value ?? objectLine(rest[0]) ? 'ndjson' : 'json';
  }
  if (CLOUDWATCH_LINE.test(lines[0]!)) return 'cloudwatch-export';
  // A column of whole events may be the only one (`SELECT eventjson`): then its first cell follows, quoted.
  if (CSV_HEADER.test(lines[0]!) && (lines[0]!.includes(',') || lines[1]?.startsWith('"{'))) return 'csv';
  return 'unrecognised';
}
