import { formatCount, formatTime } from '../format';
import type { EventRow } from '../query/caseIndex';

/** The first events of the case in time order: when, what, who, from where. */
export function EventList({ rows, total }: { rows: EventRow[]; total: number }) {
  return (
    <section className="events" aria-label="Events">
      <div className="events-caption">
        {rows.length < total ? `First ${formatCount(rows.length)} of ${formatCount(total)} events, oldest first` : `${formatCount(total)} events, oldest first`}
      </div>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Event</th>
              <th scope="col">Actor</th>
              <th scope="col">Source IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.segment}:${row.row}`}>
                <td className="mono">{formatTime(row.time)}</td>
                <td>
                  <span className="event-name">{row.eventName || '—'}</span>
                  <span className="event-source">{row.eventSource.replace(/\.amazonaws\.com$/, '')}</span>
                </td>
                <td className="actor" title={row.actor}>
                  {row.actor || '—'}
                </td>
                <td className="mono">{row.sourceIp || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
