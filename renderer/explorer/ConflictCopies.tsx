import { useId, useMemo, useState } from 'react';
import { printableJson, printableValue } from '../../shared/printable';
import type { OtherEvent } from '../query/queryProtocol';
import { compareCopies } from './compareCopies';
import { ConflictBox } from './ConflictBox';
import { conflictSummary, copyCount, summaryFindings } from './conflictSummary';

/** Values the summary names at most; the rest are counted. */
const VALUES_NAMED = 3;

/** Where an event stored elsewhere in the case is. */
type OtherAt = NonNullable<OtherEvent['at']>;

/**
 * An event's conflicting copies, first thing in its detail (a conflict may be tampering). The only
 * other copy is compared in its box (ConflictBox). Several (a badly merged or tampered bundle,
 * sample data reusing one eventID) are summed up in one box (how many, the values they differ on,
 * and in how many copies) and compared one by one on request, so that the event's own facts stay
 * in reach below.
 */
export function ConflictCopies({
  eventId,
  hereText,
  partners,
  shownTexts,
  placeOf,
  selectOther,
  revealOf,
}: {
  /** This event's eventID, when it has one as a string. */
  eventId: string | undefined;
  hereText: string;
  /** The other full copies of its eventID that differ from it. */
  partners: readonly OtherEvent[];
  /** Each copy's text as the pane shows it. */
  shownTexts: readonly string[];
  placeOf(partner: OtherEvent): string;
  selectOther(at: OtherAt): () => void;
  revealOf(at: OtherAt | null): { label: string; onClick(): void } | null;
}) {
  const [comparing, setComparing] = useState(false);
  const boxesId = useId();
  // Compared once per event, not on every render of the pane (a keystroke in the note).
  const comparisons = useMemo(() => partners.map((partner) => compareCopies(hereText, partner.text)), [hereText, partners]);
  const boxes = partners.map((partner, i) => (
    <ConflictBox
      key={placeOf(partner)}
      comparison={comparisons[i]!}
      thereShown={shownTexts[i]!}
      place={placeOf(partner)}
      nth={i + 1}
      others={partners.length}
      onSelectThere={partner.at ? selectOther(partner.at) : undefined}
      reveal={revealOf(partner.at)}
    />
  ));
  if (partners.length < 2) return boxes;
  const summary = conflictSummary(comparisons);
  // One value more is named rather than counted: 'and 1 more value' would take its room.
  const named = summary.values.slice(0, summary.values.length === VALUES_NAMED + 1 ? undefined : VALUES_NAMED);
  const unnamed = summary.values.length - named.length;
  return (
    <>
      <section aria-label="Conflict" className="conflict-box conflict-summary">
        <h3>⚠ Conflict: {partners.length} other copies</h3>
        <p data-testid="conflict-summary">
          {partners.length} other events have {eventId === undefined ? 'its eventID' : <>eventID <span className="mono">{printableValue(eventId)}</span></>}, each with different content. All are kept; compare them before trusting any.
        </p>
        {named.length > 0 && (
          <p data-testid="conflict-values">
            They differ on{' '}
            {named.map(({ path, copies: n }, i) => (
              <span key={path}>
                {i > 0 && ', '}
                <span className="mono">{printableJson(path)}</span> ({i === 0 ? copyCount(n) : n})
              </span>
            ))}
            {unnamed > 0 ? ` and ${unnamed} more values.` : '.'}
          </p>
        )}
        {summaryFindings(summary).map((finding) => (
          <p key={finding}>{finding}</p>
        ))}
        <button type="button" aria-expanded={comparing} aria-controls={boxesId} onClick={() => setComparing(!comparing)}>
          <span aria-hidden="true">{comparing ? '▾ ' : '▸ '}</span>
          Compare the copies one by one
        </button>
      </section>
      <div id={boxesId} className="conflict-copies" hidden={!comparing}>
        {comparing && boxes}
      </div>
    </>
  );
}
