import { printableJson } from '../../shared/printable';
import { jsonDifferences, parseForComparison, type JsonDifference } from './jsonDifferences';

/** Differences listed at most; the rest are counted. */
const LISTED = 30;
const SHOWN_CHARS = 80;

/** A value as JSON, escaped as evidence text is, cut to a line. */
function shown(value: unknown): string {
  const text = printableJson(JSON.stringify(value) ?? 'undefined');
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 1)}…` : text;
}

const CHANGES: Record<JsonDifference['kind'], (difference: JsonDifference) => string> = {
  changed: ({ here, there }) => `${shown(here)} here, ${shown(there)} in the other`,
  onlyHere: ({ here }) => `only here: ${shown(here)}`,
  onlyThere: ({ there }) => `only in the other: ${shown(there)}`,
};

/** An event's text parsed for comparing; undefined when it is not JSON. */
function comparable(text: string): unknown {
  try {
    return parseForComparison(text);
  } catch {
    return undefined;
  }
}

/** What the differences say about the two copies, in a sentence. */
function verdict(differences: readonly JsonDifference[]): string {
  const changed = differences.filter((difference) => difference.kind === 'changed').length;
  if (differences.length === 0) return 'Both copies hold the same values, written differently (key order, spacing, escapes or number format): a reformatted copy, not a change.';
  if (changed === 0) return `Where both copies have a value, they agree; ${differences.length} ${differences.length === 1 ? 'value is' : 'values are'} in one copy only (a partial copy, such as a CSV export's columns):`;
  return `The copies disagree on ${changed} ${changed === 1 ? 'value' : 'values'}${differences.length > changed ? `, and ${differences.length - changed} ${differences.length - changed === 1 ? 'is' : 'are'} in one copy only` : ''}:`;
}

/**
 * The conflicting twin of an event beside it, the two compared from their texts: where it was
 * read, how they differ value by value (none, when only the layout differs; some missing, for a
 * partial copy; some changed, which is what tampering looks like), and its JSON.
 */
export function ConflictBox({ hereText, thereText, thereShown, place }: { hereText: string; thereText: string; thereShown: string; place: string }) {
  const [here, there] = [hereText, thereText].map(comparable);
  const bothJson = here !== undefined && there !== undefined;
  const differences = bothJson ? jsonDifferences(here, there) : [];
  return (
    <section aria-label="Conflict" className="conflict-box">
      <h3>⚠ Conflict: same eventID, different content</h3>
      <p>
        The other copy: <span className="mono">{place}</span>. Both are kept; compare them before trusting either.
      </p>
      <p data-testid="conflict-verdict">{bothJson ? verdict(differences) : 'One copy is not JSON (a row of a CSV export without the event\'s JSON, perhaps): compare them by eye.'}</p>
      {differences.length > 0 && (
        <ul className="differences" aria-label="Differences">
          {differences.slice(0, LISTED).map((difference) => (
            <li key={difference.path} className={difference.kind}>
              <span className="mono">{printableJson(difference.path)}</span>: {CHANGES[difference.kind](difference)}
            </li>
          ))}
          {differences.length > LISTED && <li>and {differences.length - LISTED} more</li>}
        </ul>
      )}
      <pre className="json">{thereShown}</pre>
    </section>
  );
}
