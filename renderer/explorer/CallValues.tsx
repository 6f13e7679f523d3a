import { printableValue } from '../../shared/printable';
import { query } from '../cases/caseSession';
import type { CallPart, Filter, Pivot } from '../query/queryProtocol';
import { flattenParams, formatParamPath, formatParamValue } from './flattenParams';
import { Identifier } from './Identifier';
import { identityPivotOf } from './valuePivots';
import { useCaseAnswer } from './useCaseAnswer';

/** Entries listed before the rest is left to the JSON below: some requests carry thousands. */
const LISTED = 200;
/** Characters of a value shown; the filter always holds the whole value. */
const VALUE_CHARS = 160;

const HEADINGS: Record<CallPart, string> = { requestParameters: 'Request parameters', responseElements: 'Response elements' };

/**
 * Those of `candidates` whose value the case holds in their column; null while first asked. Asked
 * again as the case is read (an import adds events, which may sign with a key no event had signed with).
 */
function useHeldPivots(caseDb: string, candidates: Pivot[]): Pivot[] | null {
  const held = useCaseAnswer(candidates.length === 0 ? null : JSON.stringify([caseDb, candidates]), () => query.ask({ type: 'pivotsHeld', caseDb, pivots: candidates }), "Cannot tell which values the case's events hold");
  return candidates.length === 0 ? [] : held;
}

/**
 * What the call was given (requestParameters) or returned (responseElements, `part`), one scalar
 * leaf a line, each a pivot to every event holding that value at that path of that part; `asText`
 * when they were read from a CSV row, whose values are all text. `unsaid`, in place of them, says
 * why a CSV row gives none (see gapText). Values wrap as identifiers do (an ARN after its `/`). A value that is an access key ID or an ARN the case lists
 * as a key or an actor is also a pivot to the events signed with it or made by it; a key no event
 * was signed with says so.
 */
export function CallValues({ caseDb, part, event, asText = false, unsaid, onPivot }: { caseDb: string; part: CallPart; event: unknown; asText?: boolean; unsaid?: string | undefined; onPivot(filter: Filter): void }) {
  const entries = unsaid === undefined ? flattenParams(event, part) : [];
  const listed = entries.slice(0, LISTED);
  const candidates = listed.flatMap(({ value }) => identityPivotOf(value) ?? []);
  const held = useHeldPivots(caseDb, candidates);
  const heading = HEADINGS[part];
  return (
    <section aria-label={heading} aria-busy={held === null}>
      <h3>{heading}</h3>
      {entries.length === 0 && <p className="muted">{unsaid ?? 'None recorded.'}</p>}
      {entries.length > 0 && (
      <ul className="params">
        {listed.map(({ path, value }) => {
          const name = formatParamPath(path);
          const text = asText && typeof value === 'string';
          const shown = formatParamValue(value, VALUE_CHARS, text);
          const identity = identityPivotOf(value);
          const listing = identity && held?.some(({ field, value: heldValue }) => field === identity.field && heldValue === identity.value);
          const whole = identity && printableValue(identity.value);
          return (
            <li key={JSON.stringify(path)}>
              <span className="mono param-path">{name}</span>
              <span className="mono param-value" title={formatParamValue(value, Infinity, text)}>
                <Identifier text={shown} />
              </span>
              <button
                type="button"
                className="link"
                aria-label={`Events with ${name} = ${shown}`}
                title="Show all events with this value here"
                onClick={() => onPivot({ kind: 'param', ...(part === 'responseElements' && { of: part }), path, value, ...(text && { asText: true }) })}
              >
                events with this value
              </button>
              {identity && listing && (
                <button type="button" className="link param-more" aria-label={`Events ${identity.field === 'accessKey' ? 'signed with the key' : 'by the actor'} ${whole}`} title={whole} onClick={() => onPivot(identity)}>
                  {identity.field === 'accessKey' ? 'events signed with this key' : 'events by this actor'}
                </button>
              )}
              {identity?.field === 'accessKey' && listing === false && <span className="muted param-more">no event in the case was signed with it (userIdentity.accessKeyId)</span>}
            </li>
          );
        })}
      </ul>
      )}
      {entries.length > LISTED && <p className="muted">…and {entries.length - LISTED} more in the original JSON.</p>}
    </section>
  );
}
