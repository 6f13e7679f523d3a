import { foldColumn, isCloudTrailColumn, separatorOf } from '../../../shared/csvRow';
import { listed } from '../../../shared/listed';

/** Columns only CloudTrail exports name so, holding each event's JSON: Lake's `eventjson`, the console's "CloudTrail event". */
const WHOLE_EVENT_COLUMNS = new Set(['eventjson', 'cloudtrailevent']);
/** Columns that tell one event from another: its time, its ID. */
const EVENT_KEY_COLUMNS = new Set(['eventtime', 'eventid']);
/** Columns that say which event a row is: its time or ID, its name or source. */
const EVENT_COLUMNS = new Set([...EVENT_KEY_COLUMNS, 'eventname', 'eventsource']);

/** How many of a foreign table's columns, and how much of each name, its error lists. */
const LISTED_COLUMNS = 12;
const NAME_CHARS = 64;

/** A delimited text's first line read as a table's header: its column names, and which of them are CloudTrail fields. */
export interface TableHeader {
  names: string[];
  /** The names of columns the CSV reader takes a CloudTrail field or the whole event from, in header order. */
  fields: string[];
  /** Whether a column holds whole events (see WHOLE_EVENT_COLUMNS). */
  wholeEvents: boolean;
  /**
   * Whether the header is a CloudTrail export's: a column of whole events; or two CloudTrail
   * fields or more, one of them the event's time, ID, name or source, and either one its time or
   * ID or most of the columns CloudTrail fields. So every export read (console Event history, Lake
   * results however narrow the selection: `eventtime, eventname`, `eventname, sourceipaddress`)
   * is one, and a table that merely has an `eventName` column among its own is not.
   */
  cloudTrail: boolean;
}

const unquoted = (cell: string): string => {
  const trimmed = cell.trim();
  return trimmed.length > 1 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replaceAll('""', '"').trim() : trimmed;
};

/** The header a table's first line is, its cells separated as separatorOf says. */
export function tableHeader(line: string): TableHeader {
  const names = line.split(separatorOf(line)).map(unquoted);
  const folded = names.map(foldColumn);
  const fields = names.filter((_, i) => isCloudTrailColumn(folded[i]!));
  const wholeEvents = folded.some((name) => WHOLE_EVENT_COLUMNS.has(name));
  const namesEvent = folded.some((name) => EVENT_COLUMNS.has(name));
  const keyed = folded.some((name) => EVENT_KEY_COLUMNS.has(name));
  const cloudTrail = wholeEvents || (fields.length >= 2 && namesEvent && (keyed || fields.length * 2 > names.length));
  return { names, fields, wholeEvents, cloudTrail };
}

const shown = (name: string): string => (name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS)}…` : name);

/** Why a header with CloudTrail fields is not an export of events: which of its columns are CloudTrail's, and what they lack. */
function shortOf(names: readonly string[], fields: readonly string[]): string {
  if (names.length === 1) return `its one column, ${shown(names[0]!)}, is a single CloudTrail field`;
  const columns = names.slice(0, LISTED_COLUMNS).map(shown).join(', ') + (names.length > LISTED_COLUMNS ? `… (${names.length} columns)` : '');
  const which = fields.length === names.length ? 'all are CloudTrail fields' : fields.length > LISTED_COLUMNS ? `only ${fields.length} are CloudTrail fields` : `only ${listed(fields.map(shown))} ${fields.length === 1 ? 'is a CloudTrail field' : 'are CloudTrail fields'}`;
  const folded = fields.map(foldColumn);
  const none = fields.length === 2 ? 'neither' : 'none';
  const lacking = fields.length < 2 ? '' : folded.some((name) => EVENT_COLUMNS.has(name)) ? `, ${none} of them an event's time or ID` : `, ${none} of them an event's time, ID, name or source`;
  return `of its columns (${columns}), ${which}${lacking}`;
}

/**
 * The error of a table that has CloudTrail fields but is not a CloudTrail export (rule-test labels
 * with an `eventName` column, a one-column list of event names): what its columns are, and which
 * of them are CloudTrail's. Undefined for a header with no CloudTrail field, or a CloudTrail
 * export's, or one with a column of whole events (a single one, not followed by an event, is no table).
 */
export function notCloudTrailTable({ names, fields, wholeEvents, cloudTrail }: TableHeader): string | undefined {
  if (cloudTrail || wholeEvents || fields.length === 0) return undefined;
  return `not a CloudTrail export: a table whose rows are not CloudTrail events: ${shortOf(names, fields)}`;
}
