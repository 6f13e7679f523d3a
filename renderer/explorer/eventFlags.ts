import { EVENT_FLAGS } from '../../shared/event';
import { JSON_TREE_DEPTH } from '../../shared/jsonDepth';

/** What the deepNesting flag means, for the marks column and the detail pane. */
export const DEEP_NESTING = `Nested more than ${JSON_TREE_DEPTH} levels deep, too deeply to display as a tree: its text is shown as it is in the file, and what lies deeper than ${JSON_TREE_DEPTH} levels is left out of its fields and request parameters.`;


/** Why an event's stored text differs from the evidence's, one sentence per reason, from its EVENT_FLAGS. */
export function alteredText(flags: number): string[] {
  const reasons: string[] = [];
  if (flags & EVENT_FLAGS.invalidText) reasons.push("The file has bytes in this event that are not valid text (UTF-8 or UTF-16): each such sequence shows as �. The file's SHA-256 covers the original bytes.");
  if (flags & EVENT_FLAGS.escapedSurrogates) reasons.push('This event’s JSON holds lone UTF-16 surrogates, which are not text: each shows as its \\uXXXX escape, which parses to the same value.');
  return reasons;
}

/** Where the JSON of an event read out of a value (EVENT_FLAGS.unwrapped) stood in a file of each format. */
const STRINGS: Record<string, string> = {
  'lookup-events': 'the CloudTrailEvent string of an item of aws cloudtrail lookup-events output',
  'cloudwatch-log-events': 'the message string of an event of aws logs filter-log-events output',
  'cloudwatch-insights-json': 'the @message string of a CloudWatch Logs Insights result row',
  'cloudwatch-insights-results': 'the @message string of a CloudWatch Logs Insights result row',
};
const CELLS: Record<string, string> = {
  csv: 'a cell of a CSV row',
  'cloudwatch-insights-csv': 'the @message cell of a CloudWatch Logs Insights CSV row',
};

/**
 * What the raw view of an event's JSON is, as its button names it, and, for an event read out of a
 * JSON string or a CSV cell of its file (EVENT_FLAGS.unwrapped), where that value stood: the file
 * holds the same JSON with its quotes escaped or doubled, so the raw view is not the file's text.
 * `format` is its file's (EvidenceFile.format); an item outside its usual array is known only as a string of its item.
 */
export function rawView(flags: number, format: string): { label: string; note: string } {
  if ((flags & EVENT_FLAGS.unwrapped) === 0) return { label: 'Raw (as in the file)', note: '' };
  const cell = CELLS[format];
  const where = cell ?? STRINGS[format] ?? 'a string of its item (a lookup-events CloudTrailEvent, a log event’s message)';
  const [quotes, value] = cell ? ['doubled ("")', 'cell'] : ['escaped (\\")', 'string'];
  return {
    label: cell ? 'Raw (unquoted)' : 'Raw (unescaped)',
    note: `In the file, this JSON is ${where}, written with its quotes ${quotes}: it is shown as that ${value} reads, and the raw view is that text, not the file’s characters.`,
  };
}
