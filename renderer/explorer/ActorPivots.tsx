import { printableValue } from '../../shared/printable';
import { changeView, query } from '../cases/caseSession';
import { withoutArn } from '../query/iamUserAliases';
import type { EventRow, Filter } from '../query/queryProtocol';
import { useCairn } from '../store';
import { actorPivots } from './actorPivots';
import { useCaseAnswer } from './useCaseAnswer';

/**
 * The pane's pivots on who made the event (see actorPivots): for an IAM user's event written
 * without its ARN, the case is asked which users it names, and each is offered once known. A pivot
 * places its filters among `base`, the filters it starts from (see pivotBase).
 */
export function ActorPivots({ caseDb, row, identity, base }: { caseDb: string; row: EventRow; identity: unknown; base: readonly Filter[] }) {
  const asks = withoutArn(identity) !== undefined;
  const failure = 'Cannot find the user this event names';
  const named = useCaseAnswer(
    asks ? `${caseDb}:${row.segment}:${row.row}` : null,
    // Failed, the pivots are offered without the users it names, no longer awaited.
    () =>
      query.ask({ type: 'usersNamed', caseDb, segment: row.segment, row: row.row }).catch((error: Error) => {
        useCairn.getState().set({ error: `${failure}: ${error.message}` });
        return [];
      }),
    failure,
  );
  /** null while the case is asked. */
  const users = asks ? named : [];
  return (
    <div className="actor-pivots" aria-busy={users === null}>
      {actorPivots(row.actor, row.account, identity, users ?? []).map(({ label, shown, whole, filters }) => (
        <button type="button" key={`${label}:${whole}`} onClick={() => changeView({ filters: filters(base) })} title={printableValue(whole)}>
          {label}: <span className="mono">{printableValue(shown)}</span>
        </button>
      ))}
    </div>
  );
}
