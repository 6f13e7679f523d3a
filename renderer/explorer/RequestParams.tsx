import type { ParamFilter } from '../query/queryProtocol';
import { flattenParams, formatParamPath, formatParamValue } from './flattenParams';

/** Entries listed before the rest is left to the JSON below: some requests carry thousands. */
const LISTED = 200;
/** Characters of a value shown; the filter always holds the whole value. */
const VALUE_CHARS = 160;

/**
 * The event's request parameters, one scalar leaf a line, each a pivot to every event holding that
 * value at that path; `asText` when they were read from a CSV row, whose values are all text.
 * `unsaid`, in place of them, says why a CSV row gives none (see gapText).
 */
export function RequestParams({ event, asText = false, unsaid, onPivot }: { event: unknown; asText?: boolean; unsaid?: string | undefined; onPivot(filter: ParamFilter): void }) {
  const entries = unsaid === undefined ? flattenParams(event) : [];
  return (
    <section aria-label="Request parameters">
      <h3>Request parameters</h3>
      {entries.length === 0 && <p className="muted">{unsaid ?? 'None recorded.'}</p>}
      {entries.length > 0 && (
      <ul className="params">
        {entries.slice(0, LISTED).map(({ path, value }) => {
          const name = formatParamPath(path);
          const text = asText && typeof value === 'string';
          const shown = formatParamValue(value, VALUE_CHARS, text);
          return (
            <li key={JSON.stringify(path)}>
              <span className="mono param-path">{name}</span>
              <span className="mono param-value" title={formatParamValue(value, Infinity, text)}>
                {shown}
              </span>
              <button type="button" className="link" aria-label={`Events with ${name} = ${shown}`} title="Show all events with this value here" onClick={() => onPivot({ kind: 'param', path, value, ...(text && { asText: true }) })}>
                events with this value
              </button>
            </li>
          );
        })}
      </ul>
      )}
      {entries.length > LISTED && <p className="muted">…and {entries.length - LISTED} more in the original JSON.</p>}
    </section>
  );
}
