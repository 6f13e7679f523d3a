import { memo } from 'react';
import { printableValue } from '../../shared/printable';
import type { EventFields } from '../query/queryProtocol';
import { Identifier } from './Identifier';
import { SelectOther } from './SelectOther';
import { partialRowChecks, type FieldCheck } from './partialCopy';

/** A value compared: an identifier wraps after its ':' and '/', a time where it has a space. */
const Value = ({ check, text }: { check: FieldCheck; text: string }) => (check.field === 'time' ? text : <Identifier text={printableValue(text)} />);

/**
 * A partial row (a CSV row giving some of an event's fields, as a CloudTrail Lake result of
 * selected columns) beside the full event of its eventID: where the other is, and each field the
 * row gives against the full event's. Agreeing, the two are one event read twice, not a
 * conflict; a field that differs is what tampering with either looks like.
 */
export const PartialCopyBox = memo(function PartialCopyBox({
  partialHere,
  row,
  full,
  fullJson,
  zone,
  place,
  onSelectThere,
  reveal,
}: {
  /** Whether the event shown is the row (else the full event). */
  partialHere: boolean;
  /** The row's and the full event's fields; null for the other when the case does not hold it. */
  row: EventFields | null;
  full: EventFields | null;
  fullJson: unknown;
  zone: 'utc' | 'local';
  place: string;
  onSelectThere?: () => void;
  reveal: { label: string; onClick(): void } | null;
}) {
  const checks = row && full ? partialRowChecks(row, full, fullJson, zone) : [];
  const disagreeing = checks.filter((check) => !check.agrees).length;
  const [rowName, fullName] = partialHere ? ['This row', 'The full event'] : ['The row', 'This event'];
  const title =
    disagreeing > 0 ? (partialHere ? '⚠ A CSV row that disagrees with the full event' : '⚠ A CSV row of this event disagrees with it')
    : partialHere ? 'A CSV row of an event the case holds whole'
    : 'A CSV row of this event';
  const verdict =
    !row || !full ? 'The other is not in this case: nothing to compare.'
    : disagreeing > 0 ? `The row disagrees with the full event on ${disagreeing} of the ${checks.length} fields it gives. Compare them before trusting either.`
    : `The ${checks.length === 1 ? 'field' : `${checks.length} fields`} the row gives agree with the full event's: one event, read twice.`;
  return (
    <section aria-label="Partial copy" className={`copy-box${disagreeing > 0 ? ' disagrees' : ''}`}>
      <h3>{title}</h3>
      <p>
        {partialHere ? 'This row gives some of an event’s fields (a CSV export’s columns); the full event with its eventID: ' : 'A row of a CSV export gives some of this event’s fields: '}
        <span className="mono">{place}</span>.
      </p>
      {onSelectThere && <SelectOther label={partialHere ? 'Select the full event' : 'Select the row'} onSelect={onSelectThere} reveal={reveal} />}
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
