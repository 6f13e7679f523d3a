import { stringClose } from '../../../shared/jsonDepth';
import { ITEM_ARRAYS } from './jsonSplitter';
import { notCloudTrailTable, tableHeader } from './tableHeader';
import { padded } from './zeroPadding';

/** How a document's text is laid out, decided from its first characters. */
export type TextLayout = 'json' | 'ndjson' | 'cloudwatch-export' | 'csv' | 'cloudwatch-insights-csv' | 'unrecognised';

/** The timestamp a CloudWatch Logs export puts before each event, and the space after it. */
export const CLOUDWATCH_PREFIX = /^\d{4}-\d{2}-\d{2}[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?\s+/;
const CLOUDWATCH_LINE = new RegExp(`${CLOUDWATCH_PREFIX.source}\\{`);
/** How much of a text's head its first lines are looked at in: a header longer than that is cut there. */
const LOOKED_AT_CHARS = 256 * 1024;
/** A CloudWatch Logs Insights result's header: its `@message` column holds each log event's text (`@timestamp,@message`, and any other fields queried). */
const INSIGHTS_CSV_HEADER = /(^|,)\s*"?@message"?\s*(,|$)/;

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

/** Whether text follows the head: none (the document ended there), more that can be read into the head, or more past the head's bound. */
export type HeadEnd = 'ended' | 'more' | 'bounded';

/**
 * Scans the JSON value starting at `start` (an object) as far as `text` goes: whether one of its
 * own keys holds an array of events (`{"Records":[`, wherever the key stands), and where the value
 * ends (-1 if past `text`). Only brackets, strings and the colons and commas of the root object
 * are looked at: this only tells a document of events from one event per line.
 */
function firstValue(text: string, start: number): { itemArray: boolean; end: number } {
  let depth = 0;
  let lastString = '';
  let key: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const close = stringClose(text, i + 1);
      if (close < 0) break;
      if (depth === 1) lastString = text.slice(i + 1, close);
      i = close;
    } else if (c === 0x3a) {
      if (depth === 1) key = lastString.includes('\\') ? unescaped(lastString) : lastString;
    } else if (c === 0x5b || c === 0x7b) {
      if (depth === 1 && c === 0x5b && key !== undefined && Object.hasOwn(ITEM_ARRAYS, key)) return { itemArray: true, end: -1 };
      if (depth === 1) key = undefined;
      depth++;
    } else if (c === 0x5d || c === 0x7d) {
      if (--depth <= 0) return { itemArray: false, end: i + 1 };
    } else if (c === 0x2c && depth === 1) key = undefined;
  }
  return { itemArray: false, end: -1 };
}

function unescaped(key: string): string | undefined {
  try {
    return JSON.parse(`"${key}"`) as string;
  } catch {
    return undefined;
  }
}

/** The line of `text` starting at `from`: its end (the newline's index, or the text's length) and whether a newline ends it. */
function lineFrom(text: string, from: number): { line: string; ended: boolean; next: number } {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? { line: text.slice(from), ended: false, next: text.length } : { line: text.slice(from, nl), ended: true, next: nl + 1 };
}

/**
 * A document starting with an object: one JSON document (a trail file, a single event, documents
 * one after another) or one object per line. Undefined when the head does not tell yet and more
 * of it can be read (`end` 'more'): the first line may be longer than any head (a large policy in
 * requestParameters), so the decision waits for the first line's end and the next line's start,
 * up to the head's bound. A root object with an array of events is a document as soon as that
 * array begins, so a trail file, which is one long line, is never held for it.
 */
function objectLayout(text: string, start: number, end: HeadEnd): TextLayout | undefined {
  const value = firstValue(text, start);
  if (value.itemArray) return 'json';
  const wait = end === 'more';
  const first = lineFrom(text, start);
  if (!first.ended) {
    if (wait) return undefined;
    // A first line past the bound is too long to be read as one event either way: as lines, those
    // after it are still read, while one document would be refused whole. Unless the line holds
    // several values (documents written one after another without line breaks).
    return end === 'bounded' && value.end < 0 ? 'ndjson' : 'json';
  }
  // One object per line: another line starting an object follows the first, and one of the two is
  // a whole object (the first may be malformed). Whole trail documents one per line were told above.
  let second = lineFrom(text, first.next);
  while (second.ended && padded(second.line).core === '') second = lineFrom(text, second.next);
  const secondStart = padded(second.line).core;
  if (secondStart === '') return wait ? undefined : 'json';
  if (!secondStart.startsWith('{')) return 'json';
  if (objectLine(first.line)) return 'ndjson';
  if (!second.ended && wait) return undefined;
  return objectLine(second.line) ? 'ndjson' : 'json';
}

/**
 * Decides the layout from the head of a document, by content and not by file name: one JSON
 * document, one JSON object per line, CloudWatch Logs export lines (`<timestamp> <event JSON>`),
 * or CSV whose header is a CloudTrail export's (see tableHeader) or a CloudWatch Logs Insights
 * result's (its `@message` column holding each event). With `end` 'more', undefined
 * says that more of the document is needed to tell (see objectLayout); the answer is never
 * undefined otherwise.
 */
export function detectLayout(head: string, end: HeadEnd = 'ended'): TextLayout | undefined {
  const { text, start } = textStart(head);
  if (start < 0) return end === 'more' ? undefined : 'json';
  const first = text[start];
  if (first === '[') return 'json';
  if (first === '{') return objectLayout(text, start, end);
  const lines = text.slice(start, start + LOOKED_AT_CHARS).split('\n', 64);
  if (CLOUDWATCH_LINE.test(lines[0]!)) return 'cloudwatch-export';
  if (INSIGHTS_CSV_HEADER.test(lines[0]!)) return 'cloudwatch-insights-csv';
  const header = tableHeader(lines[0]!);
  // A column of whole events may be the only one (`SELECT eventjson`): then its first cell follows, quoted.
  if (header.wholeEvents && header.names.length === 1) return lines[1]?.startsWith('"{') ? 'csv' : 'unrecognised';
  return header.cloudTrail ? 'csv' : 'unrecognised';
}

/** The head without its byte order mark, and where its content starts: past whitespace and zero padding (see zeroPadding.ts); -1 if nowhere. */
function textStart(head: string): { text: string; start: number } {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  return { text, start: text.search(/[^\s\0]/) };
}

/**
 * Why a document detectLayout found 'unrecognised' is not read, and the line of its header, when
 * its first line of text is a table's header with CloudTrail fields (see notCloudTrailTable).
 */
export function unrecognisedTable(head: string): { message: string; line: number } | undefined {
  const { text, start } = textStart(head);
  if (start < 0) return undefined;
  const message = notCloudTrailTable(tableHeader(text.slice(start, start + LOOKED_AT_CHARS).split('\n', 1)[0]!));
  return message === undefined ? undefined : { message, line: 1 + (text.slice(0, start).match(/\n/g)?.length ?? 0) };
}
