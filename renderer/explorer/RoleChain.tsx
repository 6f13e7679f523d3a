import { printableValue } from '../../shared/printable';
import { query } from '../cases/caseSession';
import { formatTime, zoneLabel } from '../format';
import type { ExplorerView, Pivot } from '../query/queryProtocol';
import { shortArn } from './shortArn';
import { accessKeyKind } from './identity';
import { Identifier } from './Identifier';
import { useCaseAnswer } from './useCaseAnswer';

/**
 * How the session that signed an event came to be, from the case's own events: each credentials
 * call (AssumeRole…) that issued the key the next one signed with, first first, with a pivot to
 * everything each caller's key signed. For a temporary key whose issuing call the case lacks, says so.
 */
export function RoleChain({ caseDb, accessKey, time, account, view, onPivot }: { caseDb: string; accessKey: string; time: number; account: string; view: ExplorerView; onPivot(pivot: Pivot): void }) {
  // A user's long-term key is issued by no call: only a session's (or an unknown kind of) key has a chain to trace.
  const traced = accessKey !== '' && accessKeyKind(accessKey) !== 'long-term';
  const links = useCaseAnswer(traced ? JSON.stringify([caseDb, accessKey, time]) : null, () => query.ask({ type: 'roleChain', caseDb, accessKey, time }), 'Cannot trace the session');

  if (links === null || (links.length === 0 && accessKeyKind(accessKey) !== 'session')) return null;
  return (
    <section aria-label="Role chain">
      <h3>How this session came to be</h3>
      {links.length === 0 ? (
        <p className="chain-none">
          The call that issued this temporary key (<span className="mono">{printableValue(accessKey)}</span>) is not in this case.
        </p>
      ) : (
        <ol className="chain">
          {links.map((link) => (
            <li key={link.issued}>
              <span className="mono">{`${formatTime(link.time, view.zone, link.timeFraction)} ${zoneLabel(link.time, view.zone)}`.trim()}</span> {printableValue(link.eventName)}
              <div title={printableValue(link.caller)}>
                {link.caller ? <Identifier text={printableValue(shortArn(link.caller, account))} /> : 'a caller without an ARN'}
                {link.role && (
                  <>
                    {' '}
                    assumed{' '}
                    <span title={printableValue(link.role)}>
                      <Identifier text={printableValue(shortArn(link.role, account))} />
                    </span>
                  </>
                )}
                {link.session && (
                  <>
                    {' '}
                    as session <Identifier text={printableValue(link.session)} />
                  </>
                )}
              </div>
              <div className="chain-keys">
                {link.callerKey && (
                  <button type="button" className="link" onClick={() => onPivot({ field: 'accessKey', value: link.callerKey })}>
                    events signed with <span className="mono">{printableValue(link.callerKey)}</span>
                  </button>
                )}{' '}
                → issued <span className="mono">{printableValue(link.issued)}</span>
              </div>
              {link.warnings.map((warning) => (
                <div className="chain-warning" key={warning}>
                  ⚠ {warning}
                </div>
              ))}
            </li>
          ))}
          <li>this event, signed with <span className="mono">{printableValue(accessKey)}</span></li>
        </ol>
      )}
    </section>
  );
}
