import { boundedParseOrUndefined } from '../../shared/jsonDepth';
import { csvRowDetail } from './csvRowDetail';

/**
 * An IAM user's events that CloudTrail wrote without the user's ARN. A failed console sign-in has
 * none: its userIdentity is `{"type":"IAMUser","principalId":"AIDA…","accountId":"…","userName":"alice"}`
 * (principalId sometimes absent, userName sometimes absent), so its actor is the user name or the
 * principal ID, while the same user's other events are listed under `arn:aws:iam::ACCOUNT:user/alice`.
 * An actor pivot on the ARN takes these in too, by what they do say:
 * - type IAMUser, no ARN, the ARN's account as the identity's own accountId (never the event's
 *   recipient account: the identity's), and the ARN's user name as userName; or
 * - the same, without a userName, and a principalId that an event listed under the ARN carries.
 * Nothing else: not another account's user of that name, not a role session or federated user of
 * that name (another type), not an identity without type or account (a console Event history CSV
 * row gives only "User name", which is a role session's name for a role: it names no IAM user), and
 * never CloudTrail's HIDDEN_DUE_TO_SECURITY_REASONS, the userName of a sign-in with a user name no
 * user has (it is also a valid IAM user name, so a user called that must not take in every such sign-in).
 * Stored data is left as it is: no ARN is made up for an event.
 */

/** An IAM user as its ARN names it. */
export interface IamUser {
  arn: string;
  account: string;
  name: string;
}

/** The userName CloudTrail writes for a failed sign-in with a user name no user of the account has. */
export const HIDDEN_USER_NAME = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** `arn:PARTITION:iam::ACCOUNT:user[/path/]NAME`: IAM user names are `[\w+=,.@-]`, 1 to 64, never `/`. */
const IAM_USER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):user\/(?:[^:]*\/)?([\w+=,.@-]{1,64})$/;

/** An IAM user principal ID (`AIDA…`): what the actor is of an identity giving no ARN and no user name. */
export const USER_PRINCIPAL_ID = /^AIDA[A-Z0-9]{12,}$/;

/** The IAM user an actor's ARN names; undefined for any other actor (a role, a session, root, a name). */
export function iamUserOfArn(arn: string): IamUser | undefined {
  const found = IAM_USER_ARN.exec(arn);
  return found ? { arn, account: found[1]!, name: found[2]! } : undefined;
}

/** May an actor value (the listing's actor: ARN, else userName, else principalId…) be an event of `user` without its ARN? The column test that picks the events whose identity is then read. */
export const mayNameOnly = (actor: string, user: IamUser): boolean => actor === user.name || USER_PRINCIPAL_ID.test(actor);

type Identity = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What an IAM user's identity written without its ARN says of the user: type IAMUser, no ARN, its own accountId; undefined for any other identity. */
export interface WithoutArn {
  account: string;
  /** '' when not given. */
  name: string;
  principalId: string;
}

/** The identity as one of an IAM user's events without its ARN (type IAMUser, no ARN, an accountId of its own), undefined for any other. */
export function withoutArn(identity: unknown): WithoutArn | undefined {
  if (identity === null || typeof identity !== 'object' || Array.isArray(identity)) return undefined;
  const id = identity as Identity;
  const account = text(id['accountId']);
  if (text(id['type']) !== 'IAMUser' || text(id['arn']) !== '' || account === '') return undefined;
  return { account, name: text(id['userName']), principalId: text(id['principalId']) };
}

/**
 * How an identity without an ARN names `user`: by its userName, or by its principalId alone (which
 * an event under the ARN must vouch for); undefined when it does not name that user.
 */
export function namesOnly(identity: unknown, user: IamUser): { by: 'name' } | { by: 'principal'; principalId: string } | undefined {
  const id = withoutArn(identity);
  if (!id || id.account !== user.account) return undefined;
  if (id.name !== '') return id.name === user.name && id.name !== HIDDEN_USER_NAME ? { by: 'name' } : undefined;
  return USER_PRINCIPAL_ID.test(id.principalId) ? { by: 'principal', principalId: id.principalId } : undefined;
}

/**
 * The other way round: which of `users` (the IAM users whose ARNs the case lists) an identity
 * without an ARN may be, by namesOnly's rules, so that a pivot on each one's ARN takes its event in.
 * By user name: those it names (the same name under several IAM paths names each). By principal ID
 * alone: every user of its account is a candidate, and those under whose ARN an event gives that
 * ID are the ones (see principalIdUnder). None for any other identity.
 */
export function usersNamedBy(identity: unknown, users: readonly IamUser[]): { named: IamUser[] } | { principalId: string; candidates: IamUser[] } {
  const named: IamUser[] = [];
  const candidates: IamUser[] = [];
  let principalId = '';
  for (const user of users) {
    const match = namesOnly(identity, user);
    if (match?.by === 'name') named.push(user);
    else if (match?.by === 'principal') {
      candidates.push(user);
      principalId = match.principalId;
    }
  }
  return candidates.length > 0 ? { principalId, candidates } : { named };
}

/** The principal ID an event listed under `user`'s ARN gives for it, '' when none. */
export function principalIdUnder(identity: unknown, user: IamUser): string {
  if (identity === null || typeof identity !== 'object' || Array.isArray(identity)) return '';
  const id = identity as Identity;
  return text(id['arn']) === user.arn ? text(id['principalId']) : '';
}

/** An event's userIdentity from its stored text: the event's JSON, or a CSV row read with its file's header (`csvHeader`). */
export function identityOf(stored: string, csvHeader?: string): unknown {
  const event = boundedParseOrUndefined(stored) ?? (csvHeader === undefined ? undefined : csvRowDetail(csvHeader, stored)?.event);
  return event !== null && typeof event === 'object' && !Array.isArray(event) ? (event as Identity)['userIdentity'] : undefined;
}

/** What an actor pivot on an IAM user's ARN took in besides the events listed under it. */
export interface NameOnlyEvents {
  user: IamUser;
  /** Events naming the user by userName only, and by principal ID only (vouched for by an event under the ARN). */
  byName: number;
  byPrincipal: number;
  /** The principal IDs the latter gave. */
  principalIds: string[];
}

const counted = (n: number): string => `${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`;

/**
 * What the actor chip adds to its ARN when the pivot took in events without it, in plain words:
 * "with 1 event naming only alice (IAMUser, account 111122223333, no ARN)"; '' when it took in none.
 */
export function nameOnlyNote({ user, byName, byPrincipal, principalIds }: NameOnlyEvents): string {
  const parts = [...(byName > 0 ? [`${counted(byName)} naming only ${user.name}`] : []), ...(byPrincipal > 0 ? [`${counted(byPrincipal)} naming only its principal ID ${principalIds.join(', ')}`] : [])];
  return parts.length === 0 ? '' : `with ${parts.join(' and ')} (IAMUser, account ${user.account}, no ARN)`;
}
