/** The API calls that hand out temporary credentials: where a session's access key comes from. */
export const CREDENTIAL_CALLS = ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetSessionToken', 'GetFederationToken'] as const;

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

/** One hop of a role chain: the stored event that issued temporary credentials. */
export interface ChainLink extends Issue {
  segment: number;
  row: number;
  eventName: string;
  time: number;
  timeFraction: number | undefined;
}

type Json = Record<string, unknown>;
const objectAt = (value: unknown, key: string): Json => {
  const inner = value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Json) : {};
};
const textAt = (value: Json, key: string): string => (typeof value[key] === 'string' ? value[key] : '');

/** The credentials a credentials call's original text says it issued; null when it issued none (a failed call) or is not JSON. */
export function credentialsIssued(text: string): Issue | null {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    return null;
  }
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
 * How the credentials signed with `key` came to be, first issuer first: each link issued the key
 * the next one's caller signed with, the last issued `key`. Stops where the case holds no issuer
 * (a long-term key, or evidence that does not reach back so far), and at a key seen before.
 */
export function chainOf(key: string, issuers: ReadonlyMap<string, ChainLink>): ChainLink[] {
  const links: ChainLink[] = [];
  const seen = new Set<string>();
  for (let link = issuers.get(key); link && !seen.has(link.issued); link = link.callerKey ? issuers.get(link.callerKey) : undefined) {
    seen.add(link.issued);
    links.unshift(link);
  }
  return links;
}
