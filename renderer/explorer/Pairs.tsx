import { printable } from '../../shared/printable';
import { Identifier } from './Identifier';

/**
 * Labelled values from the evidence, as a definition list: each value printable (control and
 * bidirectional characters escaped), and those whose label is in `identifiers` (ARNs, addresses)
 * drawn as identifiers, which break only at their separators.
 */
export function Pairs({ pairs, identifiers }: { pairs: readonly (readonly [string, string])[]; identifiers: ReadonlySet<string> }) {
  return (
    <dl className="pairs">
      {pairs.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{identifiers.has(label) ? <Identifier text={printable(value)} /> : printable(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
