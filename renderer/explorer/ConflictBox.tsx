import { memo } from 'react';
import { printableJson } from '../../shared/printable';
import type { CopyComparison } from './compareCopies';
import { JsonText } from './JsonText';
import { SelectOther } from './SelectOther';
import type { JsonDifference } from './jsonDifferences';

/** Differences listed at most; the rest are counted. */
const LISTED = 30;
/** Occurrences of a duplicate key shown at most; the rest are counted. */
const OCCURRENCES = 5;
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

/** A duplicate key's occurrences, in the order written. */
function occurrences(values: readonly unknown[]): string {
  const listed = values.slice(0, OCCURRENCES).map(shown).join(', then ');
  return values.length > OCCURRENCES ? `${listed}, and ${values.length - OCCURRENCES} more` : listed;
}

/** What the differences say about the two copies, in a sentence. */
function valuesVerdict(differences: readonly JsonDifference[]): string {
  const changed = differences.filter((difference) => difference.kind === 'changed').length;
  if (differences.length === 0) return 'Both copies hold the same values, written differently (key order, spacing, escapes or number format): a reformatted copy, not a change.';
  if (changed === 0) return `Where both copies have a value, they agree; ${differences.length} ${differences.length === 1 ? 'value is' : 'values are'} in one copy only (a partial copy, such as a CSV export's columns):`;
  return `The copies disagree on ${changed} ${changed === 1 ? 'value' : 'values'}${differences.length > changed ? `, and ${differences.length - changed} ${differences.length - changed === 1 ? 'is' : 'are'} in one copy only` : ''}:`;
}

/**
 * The verdict, led by any key written twice: such a copy is never "the same values", since
 * which occurrence counts depends on the reader; the values compared are those JSON.parse keeps.
 */
function verdict(differences: readonly JsonDifference[], repeatedHere: number, repeatedThere: number): string {
  const repeated = repeatedHere + repeatedThere;
  if (repeated === 0) return valuesVerdict(differences);
  const where = repeatedHere === 0 ? 'the other copy' : repeatedThere === 0 ? 'this copy' : 'both copies';
  const lead = `${repeated === 1 ? 'A key is' : `${repeated} keys are`} written more than once in one object in ${where}: readers differ on which occurrence they take (JavaScript the last, others the first), so it can read as two different events.`;
  const values = differences.length === 0 ? 'Taking the last occurrence, nothing else differs:' : `Taking the last occurrence, ${valuesVerdict(differences).replace(/^./, (first) => first.toLowerCase())}`;
  return `${lead} ${values}`;
}

/**
 * A conflicting copy of an event beside it (the `nth` of its `others`, one box each), the two
 * compared (see compareCopies): where it was read, how they differ value by value (none, when only
 * the layout differs; some missing, for a partial copy; some changed, which is what tampering looks
 * like), and its JSON (folded when there are several, so that every box is in reach). The only
 * other copy is the conflict itself; one of several is named by its place among them, which the
 * summary above them introduces (ConflictCopies).
 */
export const ConflictBox = memo(function ConflictBox({
  comparison,
  thereShown,
  place,
  nth,
  others,
  onSelectThere,
  reveal,
}: {
  comparison: CopyComparison;
  thereShown: string;
  place: string;
  nth: number;
  others: number;
  /** Selects the other copy in the listing; absent when the case does not hold it. */
  onSelectThere?: () => void;
  /** The other copy was asked for and the listing's filters leave it out: how to widen the listing to it and select it. */
  reveal: { label: string; onClick(): void } | null;
}) {
  const { byText, differences, repeatedHere, repeatedThere } = comparison;
  const lines = [
    ...repeatedHere.map((duplicate) => ({ path: duplicate.path, text: `written ${duplicate.values.length} times here: ${occurrences(duplicate.values)}`, kind: 'duplicate' })),
    ...repeatedThere.map((duplicate) => ({ path: duplicate.path, text: `written ${duplicate.values.length} times in the other: ${occurrences(duplicate.values)}`, kind: 'duplicate' })),
    ...differences.map((difference) => ({ path: difference.path, text: CHANGES[difference.kind](difference), kind: difference.kind })),
  ];
  const name = others === 1 ? 'Conflict' : `Other copy ${nth} of ${others}`;
  // Its box scrolls past a few hundred pixels: focusable, and named, so that the keyboard can scroll it too.
  const json = (
    <pre className="json" tabIndex={0} role="region" aria-label={others === 1 ? 'JSON of the other copy' : `JSON of other copy ${nth} of ${others}`}>
      <JsonText text={thereShown} />
    </pre>
  );
  return (
    <section aria-label={name} className="conflict-box">
      <h3>{others === 1 ? '⚠ Conflict: same eventID, different content' : name}</h3>
      {others === 1 ?
        <p>
          The other copy: <span className="mono">{place}</span>. Both are kept; compare them before trusting either.
        </p>
      : <p>
          Read from <span className="mono">{place}</span>.
        </p>
      }
      {onSelectThere && <SelectOther label={others === 1 ? 'Select the other copy' : `Select other copy ${nth}`} onSelect={onSelectThere} reveal={reveal} />}
      <p data-testid="conflict-verdict">{byText ?? verdict(differences, repeatedHere.length, repeatedThere.length)}</p>
      {lines.length > 0 && (
        <ul className="differences" aria-label="Differences">
          {lines.slice(0, LISTED).map((line, i) => (
            <li key={i} className={line.kind}>
              <span className="mono">{printableJson(line.path)}</span>: {line.text}
            </li>
          ))}
          {lines.length > LISTED && <li>and {lines.length - LISTED} more</li>}
        </ul>
      )}
      {/* Beside other copies, each JSON waits behind its box's summary: the next box stays in reach. */}
      {others === 1 ? json : (
        <details className="copy-json">
          <summary>Its JSON</summary>
          {json}
        </details>
      )}
    </section>
  );
});
