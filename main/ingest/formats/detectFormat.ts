/** How a document's text is laid out, decided from its first characters. */
export type TextLayout = 'json' | 'ndjson' | 'cloudwatch-export' | 'csv' | 'unrecognised';

const CLOUDWATCH_LINE = /^\d{4}-\d{2}-\d{2}[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?\s+\{/;
const CSV_HEADER = /(^|,)\s*"?(event ?time|eventtime|event ?name|eventname|event ?id|eventid)"?\s*(,|$)/i;

function isJsonObjectLine(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return false;
  try {
    return typeof JSON.parse(trimmed) === 'object';
  } catch {
    return false;
  }
}

/**
 * Decides the layout from the head of a document (its first few KB), by content and not by
 * file name: one JSON document, one JSON object per line, CloudWatch Logs export lines
 * (`<timestamp> <event JSON>`), or CSV with a recognisable header.
 */
export function detectLayout(head: string): TextLayout {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const start = text.search(/\S/);
  if (start < 0) return 'json';
  const first = text[start];
  if (first === '[') return 'json';
  const lines = text.slice(start, start + 256 * 1024).split('\n', 64);
  if (first === '{') {
    // One object per line: the first line is a whole object and another line follows it.
    const [firstLine, ...rest] = lines.filter((line) => line.trim() !== '');
    return rest.length > 0 && rest[0]!.trimStart().startsWith('{') && isJsonObjectLine(firstLine!) ? 'ndjson' : 'json';
  }
  if (CLOUDWATCH_LINE.test(lines[0]!)) return 'cloudwatch-export';
  if (lines[0]!.includes(',') && CSV_HEADER.test(lines[0]!)) return 'csv';
  return 'unrecognised';
}
