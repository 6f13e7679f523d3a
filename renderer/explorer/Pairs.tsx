import { printableValue } from '../../shared/printable';
import { Identifier } from './Identifier';

/**
 * Labelled values from the evidence, as a definition list: each value a printableValue (control,
 * bidirectional and invisible characters escaped, and the whitespace at its ends), and those whose
 * label is in `identifiers` (ARNs, addresses) drawn as identifiers, which break only at their
 * separators.
 */
export function Pairs({ pairs, identifiers }: { pairs: readonly (readonly [string, string])[]; identifiers: ReadonlySet<string> }) {
  return (
    <dl className="pairs">
      {pairs.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{identifiers.has(label) ? <Identifier text={printableValue(value)} /> : printableValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
