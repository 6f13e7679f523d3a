import { memo } from 'react';
import { printableValue } from '../../shared/printable';
import { Identifier } from './Identifier';
import { SelectOther } from './SelectOther';
import { copyChecks, type CopyPair, type FieldCheck } from './partialCopy';

/** A value compared: an identifier wraps after its ':' and '/', a time where it has a space. */
const Value = ({ check, text }: { check: FieldCheck; text: string }) => (check.field === 'time' ? text : <Identifier text={printableValue(text)} />);

/** What the box says of a pair, by whether the event shown is the row and whether the other is a row too. */
function wording(partialHere: boolean, bothRows: boolean, compared: number, disagreeing: number, held: boolean) {
  if (bothRows) {
    return {
      title: disagreeing > 0 ? '⚠ Another CSV row of this call disagrees with this one' : 'Another CSV row of this call',
      lead: 'Another CSV export’s row gives this eventID, and the case holds no full event of it: one call, exported twice. The other row: ',
      select: 'Select the other row',
      names: ['This row', 'The other row'],
      verdict:
        !held ? 'The other is not in this case: nothing to compare.'
        : compared === 0 ? 'The two rows give no field in common: nothing to compare.'
        : disagreeing > 0 ? `The rows disagree on ${disagreeing} of the ${compared} fields both give. Compare them before trusting either.`
        : `The ${compared === 1 ? 'field' : `${compared} fields`} both rows give agree: one call, exported twice.`,
    };
  }
  return {
    title:
      disagreeing > 0 ? (partialHere ? '⚠ A CSV row that disagrees with the full event' : '⚠ A CSV row of this event disagrees with it')
      : partialHere ? 'A CSV row of an event the case holds whole'
      : 'A CSV row of this event',
    lead: partialHere ? 'This row gives some of an event’s fields (a CSV export’s columns); the full event with its eventID: ' : 'A row of a CSV export gives some of this event’s fields: ',
    select: partialHere ? 'Select the full event' : 'Select the row',
    names: partialHere ? ['This row', 'The full event'] : ['The row', 'This event'],
    verdict:
      !held ? 'The other is not in this case: nothing to compare.'
      : disagreeing > 0 ? `The row disagrees with the full event on ${disagreeing} of the ${compared} fields it gives. Compare them before trusting either.`
      : `The ${compared === 1 ? 'field' : `${compared} fields`} the row gives agree with the full event's: one event, read twice.`,
  };
}

/**
 * A partial row (a CSV row giving some of an event's fields, as a CloudTrail Lake result of
 * selected columns) beside the full event of its eventID, or, when the case holds none, beside
 * another CSV row of it: where the other is, and each field the row gives against the other's.
 * Agreeing, the two are one event read twice, not a conflict; a field that differs is what
 * tampering with either looks like.
 */
export const PartialCopyBox = memo(function PartialCopyBox({
  partialHere,
  pair,
  zone,
  place,
  onSelectThere,
  reveal,
}: {
  /** Whether the event shown is the row (else the full event). */
  partialHere: boolean;
  /** The row's and the full event's fields (or the other row's, with `bothRows`); null for the other when the case does not hold it. */
  pair: CopyPair;
  zone: 'utc' | 'local';
  place: string;
  onSelectThere?: () => void;
  reveal: { label: string; onClick(): void } | null;
}) {
  const checks = copyChecks(pair, zone);
  const disagreeing = checks.filter((check) => !check.agrees).length;
  const { title, lead, select, names, verdict } = wording(partialHere, pair.bothRows === true, checks.length, disagreeing, pair.row !== null && pair.full !== null);
  const [rowName, fullName] = names;
  return (
    <section aria-label="Partial copy" className={`copy-box${disagreeing > 0 ? ' disagrees' : ''}`}>
      <h3>{title}</h3>
      <p>
        {lead}
        <span className="mono">{place}</span>.
      </p>
      {onSelectThere && <SelectOther label={select} onSelect={onSelectThere} reveal={reveal} />}
      <p data-testid="copy-verdict">{verdict}</p>
      {checks.length > 0 && (
        <table className="copy-checks" aria-label="Fields compared">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">{rowName}</th>
              <th scope="col">{fullName}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((check) => (
              <tr key={check.label} className={check.agrees ? undefined : 'differs'}>
                <th scope="row">{check.agrees ? check.label : `≠ ${check.label}`}</th>
                {/* Written alike, the value is shown once, across both columns. */}
                {check.row === check.full ? (
                  <td className="mono" colSpan={2}>
                    <Value check={check} text={check.row} />
                  </td>
                ) : (
                  <>
                    <td className="mono">
                      <Value check={check} text={check.row} />
                    </td>
                    <td className="mono">{check.full === '' ? '—' : <Value check={check} text={check.full} />}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
