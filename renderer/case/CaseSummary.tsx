import { csvRowsOfFullEvents } from '../../shared/counted';
import { CATCH_UP_INTERVAL_MS } from '../cases/caseSession';
import { formatCount, formatDuration, formatTime } from '../format';
import type { CaseOverview } from '../query/queryProtocol';

/** Why the count under a running import is behind the banner's: the case is read again every few seconds, not at each batch. */
const LISTED_SO_FAR = `What the listing holds: it catches up with the import every ${CATCH_UP_INTERVAL_MS / 1000} seconds, and with all of it when it ends. The import's line above counts the events stored as they are.`;

/**
 * The case at a glance: how many events (and how many of them are CSV rows of calls counted
 * already), over what span, from how much evidence. While an import runs, the count says it is what the
 * listing holds so far, which trails the events the import has stored (the banner's count), so that
 * the two figures side by side do not read as a discrepancy.
 */
export function CaseSummary({ overview, importing }: { overview: CaseOverview; importing: boolean }) {
  const { count, csvRowsOfFull, minTime, maxTime, minFraction, maxFraction, evidence } = overview;
  const span = minTime !== null && maxTime !== null ? formatDuration(maxTime - minTime) : '—';
  const stats: [string, string, string, string?][] = [
    [importing ? 'Events listed so far' : 'Events', formatCount(count), 'event-count', csvRowsOfFull > 0 ? csvRowsOfFullEvents(csvRowsOfFull, formatCount(csvRowsOfFull)) : undefined],
    ['First event (UTC)', formatTime(minTime, 'utc', minFraction), 'first-time'],
    ['Last event (UTC)', formatTime(maxTime, 'utc', maxFraction), 'last-time'],
    ['Span', span, 'span'],
    ['Evidence files', formatCount(evidence.files), 'file-count'],
  ];
  return (
    <section className="summary" aria-label="Case summary">
      {stats.map(([label, value, id, note]) => (
        <div className="stat" key={id}>
          <span className="stat-label" title={importing && id === 'event-count' ? LISTED_SO_FAR : undefined}>
            {label}
          </span>
          <span className="stat-value" data-testid={id}>
            {value}
          </span>
          {note && (
            <span className="count-note" data-testid={`${id}-note`}>
              {note}
            </span>
          )}
        </div>
      ))}
    </section>
  );
}
