import { printableValue } from '../../shared/printable';
import { describeInsight } from './insight';

/** What an Insights event reports, beside its JSON: nothing for any other event. Every value is the evidence's text, shown as data. */
export function InsightDetails({ event }: { event: unknown }) {
  const insight = describeInsight(event);
  if (!insight) return null;
  return (
    <section aria-label="Insight" className="insight">
      <h3>Insight: unusual API activity</h3>
      <dl className="pairs">
        {insight.pairs.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={label === 'Shared event ID' ? 'mono' : undefined}>{printableValue(value)}</dd>
          </div>
        ))}
        {insight.attributions.map(({ label, values }) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <ul className="attributions">
                {values.map(({ value, average }, n) => (
                  <li key={n}>
                    <span className="mono">{printableValue(value)}</span>
                    {average && <span className="muted"> · {average} per minute</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
