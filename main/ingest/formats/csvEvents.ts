import { columnPlan, csvEvent, EVENT_JSON_COLUMNS, foldColumn, type ColumnPlan } from '../../../shared/csvRow';
import { csvRecords, type BadRow } from './csvRecords';

/** The column of a CloudWatch Logs Insights result that holds each log event's text: the event's JSON, in a trail's log group. */
const INSIGHTS_COLUMN = '@message';
/** The column of an Insights result giving each log event's time: the event's own time when its JSON gives none readable. */
const INSIGHTS_TIME_COLUMN = '@timestamp';

/** One CSV row: its exact text, its line, and the event JSON it holds or stands for. */
export interface CsvRow {
  raw: string;
  line: number;
  /** The event's JSON text (the event column's cell, or built from the field columns). */
  eventText: string;
  /** True when the text was built from columns rather than found whole in a cell. */
  built: boolean;
  /** The header's name of the column whose cell is the event's JSON text; undefined when the text was built. */
  column?: string;
  /** True when the text is an Insights row's `@message` cell, whatever it holds: it has no other source. */
  insights?: true;
  /** An Insights row's `@timestamp` cell, when it has one. */
  time?: string;
}

/**
 * Reads CSV exports (console Event history downloads, CloudTrail Lake result files) with
 * columns matched by their header names. A column holding the event JSON gives the event as
 * it was; otherwise the event is assembled from the recognised columns (see csvEvent). Unknown
 * columns are ignored; the row's own text is kept as its original. A CloudWatch Logs Insights
 * result gives each row's `@message` cell as it is, event or not. Rows that are not valid CSV go
 * to `badRow`; the header line's text goes to `onHeader`.
 */
export async function* csvRows(text: AsyncIterable<string>, maxChars: number, badRow: BadRow, onHeader: (raw: string) => void): AsyncGenerator<CsvRow> {
  let eventColumn = -1;
  let insightsColumn = -1;
  let insightsTimeColumn = -1;
  let names: string[] = [];
  let plan: ColumnPlan = { identityColumn: -1, fields: [], values: [] };
  let header = true;
  for await (const { cells, raw, line } of csvRecords(text, maxChars, badRow)) {
    if (header) {
      header = false;
      names = cells;
      const folded = cells.map(foldColumn);
      eventColumn = folded.findIndex((name) => EVENT_JSON_COLUMNS.has(name));
      insightsColumn = folded.indexOf(INSIGHTS_COLUMN);
      insightsTimeColumn = folded.indexOf(INSIGHTS_TIME_COLUMN);
      plan = columnPlan(folded);
      onHeader(raw);
      continue;
    }
    if (insightsColumn >= 0) {
      const time = insightsTimeColumn >= 0 ? cells[insightsTimeColumn] : undefined;
      const column = names[insightsColumn]!;
      yield time === undefined ? { raw, line, eventText: cells[insightsColumn] ?? '', built: false, column, insights: true } : { raw, line, eventText: cells[insightsColumn] ?? '', built: false, column, insights: true, time };
      continue;
    }
    const cell = eventColumn >= 0 ? cells[eventColumn] : undefined;
    if (cell !== undefined && cell.trim().startsWith('{')) {
      yield { raw, line, eventText: cell, built: false, column: names[eventColumn]! };
      continue;
    }
    yield { raw, line, eventText: JSON.stringify(csvEvent(plan, cells)), built: true };
  }
}
