import type { CsvGap } from './csvGap';
import { eventOutcome } from './outcome';
import { Pairs } from './Pairs';

/** A value that is an address, wrapped at its separators rather than inside a word. */
const ADDRESSES: ReadonlySet<string> = new Set(['Signing in to']);

const TONE = { true: 'failed', false: 'succeeded', undefined: 'unsaid' } as const;

/**
 * Whether the call failed and why, said plainly near the top of the pane (see eventOutcome): a
 * failure in a box, a success as a quiet line; nothing for an Insights event. Every value is the
 * evidence's text, shown as data.
 */
export function OutcomeLine({ event, gapOf }: { event: unknown; gapOf?: (key: string) => CsvGap | undefined }) {
  const outcome = eventOutcome(event, gapOf);
  if (!outcome) return null;
  return (
    <section aria-label="Outcome" className={`outcome ${TONE[`${outcome.failed}`]}`}>
      <p className="outcome-summary">{outcome.summary}</p>
      {outcome.details.length > 0 && <Pairs pairs={outcome.details} identifiers={ADDRESSES} />}
    </section>
  );
}
