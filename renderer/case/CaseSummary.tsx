import { csvRowsOfFullEvents } from '../../shared/counted';
import { formatCount, formatDuration, formatTime } from '../format';
import type { CaseOverview } from '../query/queryProtocol';

/** The case at a glance: how many events (and how many of them are CSV rows of events also held in full), over what span, from how much evidence. */
export function CaseSummary({ overview }: { overview: CaseOverview }) {
  const { count, csvRowsOfFull, minTime, maxTime, minFraction, maxFraction, evidence } = overview;
  const span = minTime !== null && maxTime !== null ? formatDuration(maxTime - minTime) : '—';
  const stats: [string, string, string, string?][] = [
    ['Events', formatCount(count), 'event-count', csvRowsOfFull > 0 ? csvRowsOfFullEvents(csvRowsOfFull, formatCount(csvRowsOfFull)) : undefined],
    ['First event (UTC)', formatTime(minTime, 'utc', minFraction), 'first-time'],
    ['Last event (UTC)', formatTime(maxTime, 'utc', maxFraction), 'last-time'],
    ['Span', span, 'span'],
    ['Evidence files', formatCount(evidence.files), 'file-count'],
  ];
  return (
    <section className="summary" aria-label="Case summary">
      {stats.map(([label, value, id, note]) => (
        <div className="stat" key={id}>
          <span className="stat-label">{label}</span>
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
