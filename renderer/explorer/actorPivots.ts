import { printableValue } from '../../shared/printable';
import { iamUserOfArn, withoutArn } from '../query/iamUserAliases';
import { isPivot, type Filter } from '../query/queryProtocol';
import { pivotedFilters } from './pivotedFilters';
import { shortArn } from './shortArn';

/** A pivot the detail pane offers on who made an event: its button's words (printable), the value it shows (whole on hover), and the listing's filters once pressed. */
export interface ActorPivot {
  label: string;
  shown: string;
  whole: string;
  filters(current: readonly Filter[]): Filter[];
}

/**
 * The actor pivots for an event whose actor is `actor`, listed under `account` (the Account column:
 * recipientAccountId, else the identity's account), whose userIdentity is `identity`, given `users`:
 * the IAM user ARNs the case lists that an identity without an ARN names (see usersNamedBy).
 * - Any actor: all events with it, as written.
 * - An IAM user's identity without an ARN (a failed console sign-in naming only `alice` or a
 *   principal ID), listed under its own account: the actor's events in that account, an Account
 *   filter beside the Actor one, since the text `alice` alone is every account's alice. That filter
 *   is the pivot's own: the next actor pivot takes it away with the Actor one (see pivotedFilters).
 * - Each IAM user it names: that user's ARN, whose pivot lists its events with and without the ARN.
 *   The ARN names its account, so an Account filter of that account is removed: it would only hide
 *   the user's calls recorded in another account (a cross-account call's copy).
 */
export function actorPivots(actor: string, account: string, identity: unknown, users: readonly string[]): ActorPivot[] {
  if (actor === '') return [];
  const named = withoutArn(identity);
  const inAccount = named !== undefined && named.account === account;
  const byActor: ActorPivot = {
    label: inAccount ? `this actor in account ${printableValue(account)}` : 'this actor',
    shown: actor,
    whole: actor,
    filters: (current) => pivotedFilters(current, [{ field: 'actor', value: actor }, ...(inAccount ? [{ field: 'account' as const, value: account, withActor: true as const }] : [])]),
  };
  const byUser = (named ? users : []).map(
    (arn): ActorPivot => ({
      label: 'this user',
      shown: shortArn(arn, account),
      whole: arn,
      filters: (current) => pivotedFilters(current, [{ field: 'actor', value: arn }], (filter) => isPivot(filter) && filter.field === 'account' && filter.value === iamUserOfArn(arn)?.account),
    }),
  );
  return [byActor, ...byUser];
}
