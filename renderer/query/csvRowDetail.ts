import { parse } from 'csv-parse/browser/esm/sync';
import { columnPlan, csvEvent, foldColumn, separatorOf } from '../../shared/csvRow';

/** A CSV row read again with its file's header: each column's name and cell, and the event its columns stand for (see csvEvent). */
export interface CsvRowDetail {
  columns: { name: string; value: string }[];
  event: Record<string, unknown>;
}

/**
 * A row of a CSV export whose event was built from its columns, read again as ingest read it
 * (csv-parse, the separator its header uses); a cell past the header's last column is named by its
 * place. Undefined when the two lines do not read as one header and one row.
 */
export function csvRowDetail(header: string, row: string): CsvRowDetail | undefined {
  let records: string[][];
  try {
    records = parse(`${header}\n${row}`, { delimiter: separatorOf(header), relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch {
    return undefined;
  }
  const [names, cells] = records;
  if (records.length !== 2 || !names || !cells) return undefined;
  const columns = Array.from({ length: Math.max(names.length, cells.length) }, (_, i) => ({ name: names[i] ?? `column ${i + 1}`, value: cells[i] ?? '' }));
  return { columns, event: csvEvent(columnPlan(names.map(foldColumn)), cells) };
}
