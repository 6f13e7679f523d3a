import { useEffect, useState } from 'react';
import { printableValue } from '../../shared/printable';
import { changeView, query } from '../cases/caseSession';
import { withoutArn } from '../query/iamUserAliases';
import type { EventRow, Filter } from '../query/queryProtocol';
import { useCairn } from '../store';
import { actorPivots } from './actorPivots';

/**
 * The pane's pivots on who made the event (see actorPivots): for an IAM user's event written
 * without its ARN, the case is asked which users it names, and each is offered once known. A pivot
 * places its filters among `base`, the filters it starts from (see pivotBase).
 */
export function ActorPivots({ caseDb, row, identity, base }: { caseDb: string; row: EventRow; identity: unknown; base: readonly Filter[] }) {
  const asks = withoutArn(identity) !== undefined;
  /** Which event the users found are of: an answer is shown for its own event only. */
  const event = `${caseDb}:${row.segment}:${row.row}`;
  const [found, setFound] = useState<{ event: string; users: string[] } | null>(null);
  /** null while the case is asked. */
  const users = !asks ? [] : found?.event === event ? found.users : null;
  useEffect(() => {
    if (!asks) return;
    let live = true;
    void query.ask({ type: 'usersNamed', caseDb, segment: row.segment, row: row.row }).then(
      (named) => live && setFound({ event, users: named }),
      (error: Error) => {
        if (live) setFound({ event, users: [] });
        useCairn.getState().set({ error: `Cannot find the user this event names: ${error.message}` });
      },
    );
    return () => {
      live = false;
    };
  }, [event, asks]);
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
