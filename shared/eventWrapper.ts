/**
 * What held an event's JSON in its file, kept as it stood there: a lookup-events item, a
 * filter-log-events event, an Insights row, a CSV row, a CloudWatch Logs export line. `text` is
 * that holder's text as in the file with the event's value cut out at `at` (a value written as
 * `writtenValue` writes it, rebuilt from the event's JSON: stored once, not twice), or the
 * holder whole when `at` is WHOLE (a value written otherwise: `\u00e9` for `é`, an escaped `/`).
 */
export interface EventWrapper {
  text: string;
  at: number;
}

/** `at` of a wrapper kept whole, its event's value in it as written. */
export const WHOLE = -1;

/**
 * An event's JSON as a file of `format` (EvidenceFile.format, or the layout it was read as) holds
 * it in a value: a quoted CSV cell, the rest of a CloudWatch Logs export line, else a JSON string.
 */
export function writtenValue(format: string, json: string): string {
  if (format === 'csv' || format === 'cloudwatch-insights-csv') return `"${json.replaceAll('"', '""')}"`;
  if (format === 'cloudwatch-export') return json;
  return JSON.stringify(json);
}

/** The wrapper of an event whose JSON `json` stood in `holder` (its text as in the file), in a file of `format`. */
export function cutWrapper(format: string, holder: string, json: string): EventWrapper {
  const value = writtenValue(format, json);
  // Whichever place the value is cut from, putting it back there gives the holder exactly.
  const at = holder.indexOf(value);
  return at < 0 ? { text: holder, at: WHOLE } : { text: holder.slice(0, at) + holder.slice(at + value.length), at };
}

/** The holder of an event as it stood in its file, character for character. */
export function asInFile(format: string, wrapper: EventWrapper, json: string): string {
  return wrapper.at === WHOLE ? wrapper.text : wrapper.text.slice(0, wrapper.at) + writtenValue(format, json) + wrapper.text.slice(wrapper.at);
}
