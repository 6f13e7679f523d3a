import { columnPlan, columnsGiving, EVENT_JSON_COLUMNS, foldColumn } from '../../shared/csvRow';
import type { CsvRowDetail } from '../query/csvRowDetail';

/**
 * Why the event read from a CSV row lacks one of an event's keys, from its file's header: an
 * export's column for it whose cell is empty in this row says the event had none (an
 * unauthenticated call names no one, a call without parameters has none), where an export
 * without such a column says nothing of it.
 */
export interface CsvGap {
  key: string;
  /** The header's names of the columns that give the key: none when the export did not select one. */
  columns: string[];
  /** Whether those cells are all empty in this row (rather than holding text that reads as none, such as Lake's `null`). */
  empty: boolean;
  /** The export's column of whole events (the console's "CloudTrail event"), when it has one: its name, and whether this row's cell is empty (else it holds text that is no event). */
  eventCell?: { column: string; empty: boolean };
}

const blank = (cell: string): boolean => cell.trim() === '';

/** The row's cell of its export's column of whole events, when it has one (a row is read from its columns only when that cell holds no event). */
function eventCellOf(columns: CsvRowDetail['columns']): CsvGap['eventCell'] {
  const cell = columns.find(({ name }) => EVENT_JSON_COLUMNS.has(foldColumn(name)));
  return cell && { column: cell.name, empty: blank(cell.value) };
}

/** The gap in a CSV row's event at `key`; undefined when the row gives it. */
export function csvGap({ columns, event }: CsvRowDetail, key: string): CsvGap | undefined {
  if (Object.hasOwn(event, key)) return undefined;
  const folded = columns.map(({ name }) => foldColumn(name));
  const giving = columnsGiving(columnPlan(folded), key);
  const eventCell = eventCellOf(columns);
  return { key, columns: giving.map((i) => columns[i]!.name), empty: giving.every((i) => blank(columns[i]!.value)), ...(eventCell && { eventCell }) };
}

/** Whether the export's cells say the event had none of the key: it has columns for it, all empty in this row. */
export const saysNone = ({ columns, empty }: CsvGap): boolean => columns.length > 0 && empty;

const cellState = (empty: boolean): string => (empty ? 'is empty' : 'holds no event’s JSON');

/** Names joined as a list is said: `a`, `a and b`, `a, b and c`. */
const spoken = (names: string[]): string => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`);

/**
 * Why a row says nothing of the gap's key, as a clause: its cells (`the export’s useridentity
 * column is empty`), or the export's columns (`the export’s columns do not include userIdentity`).
 */
export function gapReason({ key, columns, empty, eventCell }: CsvGap): string {
  const many = columns.length > 1;
  if (columns.length > 0) return `the export’s ${spoken(columns)} ${many ? 'columns' : 'column'} ${empty ? `${many ? 'are' : 'is'} empty` : `${many ? 'hold' : 'holds'} no ${key} that can be read`}`;
  if (eventCell) return `this row’s ${eventCell.column} cell ${cellState(eventCell.empty)}, and the export’s other columns do not include ${key}`;
  return `the export’s columns do not include ${key}`;
}

/**
 * What the pane says in place of a key a CSV row does not give: none in the event, as the
 * export's cells say; or not known, as its columns do not give it.
 */
export function gapText(gap: CsvGap): string {
  if (gap.columns.length > 0) return `${saysNone(gap) ? 'None in this row' : 'None read from this row'} (${gapReason(gap)})`;
  if (gap.eventCell) return `Not in this row: ${gapReason(gap)}`;
  return `Not in this export: its columns do not include ${gap.key}`;
}

/** A note for a row whose export has a column of whole events but whose own cell holds none: the pane reads it from its other columns. */
export function eventCellNote({ columns }: CsvRowDetail): string | undefined {
  const cell = eventCellOf(columns);
  return cell && `This row’s ${cell.column} cell ${cellState(cell.empty)}: what is shown here is read from its other columns, which give only some of the event’s fields.`;
}
