import { objectAt, textAt } from './jsonAt';
import { storedEvent } from './storedEvent';

/** The API calls that hand out temporary credentials: where a session's access key comes from. */
export const CREDENTIAL_CALLS = ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'AssumeRoot', 'GetSessionToken', 'GetFederationToken'] as const;

/** What a credentials call's event says: who asked, with which key, for what, and the key it issued. */
export interface Issue {
  /** The caller as the Actor column names it: ARN, else user name, principal id or invoking service. */
  caller: string;
  /** The access key the caller signed with ('' when none: SAML and web identity callers). */
  callerKey: string;
  /** The role assumed; '' for a session or federation token. */
  role: string;
  /** The session's name: roleSessionName, or a federation token's name. */
  session: string;
  /** The temporary access key issued. */
  issued: string;
}

/** A stored event that issued temporary credentials. */
export interface IssuingCall extends Issue {
  segment: number;
  row: number;
  eventName: string;
  time: number;
  timeFraction: number | undefined;
}

/** One hop of a role chain, with what does not add up about it. */
export interface ChainLink extends IssuingCall {
  /** e.g. that several calls issued the key, or that it was issued only after it was used. */
  warnings: string[];
}


/**
 * The credentials a credentials call's original text says it issued; null when it issued none (a
 * failed call) or is not JSON. A CSV row built from columns is read with its file's header
 * (`csvHeader`: see storedEvent), so a Lake row's responseelements give the key it issued.
 */
export function credentialsIssued(text: string, csvHeader?: string): Issue | null {
  const event = storedEvent(text, csvHeader);
  const issued = textAt(objectAt(objectAt(event, 'responseElements'), 'credentials'), 'accessKeyId');
  if (!issued) return null;
  const identity = objectAt(event, 'userIdentity');
  const request = objectAt(event, 'requestParameters');
  return {
    caller: textAt(identity, 'arn') || textAt(identity, 'userName') || textAt(identity, 'principalId') || textAt(identity, 'invokedBy'),
    callerKey: textAt(identity, 'accessKeyId'),
    role: textAt(request, 'roleArn'),
    session: textAt(request, 'roleSessionName') || textAt(request, 'name'),
    issued,
  };
}

/**
 * How the credentials signed with `key` at `time` came to be, first issuer first: each link issued
 * the key the next one's caller signed with, the last issued `key`. Of several calls that issued a
 * key (`issuers` holds each key's calls, oldest first), the link is the latest made by the time
 * the key was used, and says there were several; a key issued only after its use, and a call
 * signed with a key the chain itself issued (which credentials cannot be), are said too. Stops where
 * the case holds no issuer (a long-term key, or evidence that does not reach back so far), and at a
 * key seen before.
 */
export function chainOf(key: string, time: number, issuers: ReadonlyMap<string, readonly IssuingCall[]>): ChainLink[] {
  const links: ChainLink[] = [];
  const seen = new Set<string>();
  for (let at = time, next = key; next !== '' && !seen.has(next); ) {
    const calls = issuers.get(next);
    if (!calls) break;
    seen.add(next);
    const call = calls.filter((made) => !(made.time > at)).at(-1) ?? calls[0]!;
    const warnings: string[] = [];
    if (calls.length > 1) warnings.push(`${calls.length} calls in the case issued this key`);
    if (call.time > at) warnings.push('issued only after it was used');
    if (seen.has(call.callerKey)) warnings.push('signed with a key this chain issued: inconsistent, perhaps forged');
    links.unshift({ ...call, warnings });
    at = call.time;
    next = call.callerKey;
  }
  return links;
}
