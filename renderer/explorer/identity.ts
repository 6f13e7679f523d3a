import { printableValue } from '../../shared/printable';
import { formatWrittenTime } from '../format';
import { asJson, objectAt, textAt, type Json } from '../query/jsonAt';
import { INSIGHT_EVENT_TYPE } from './insight';

/**
 * What an access key id says about the credentials. An `ASIA…` key is temporary and issued once
 * per session (an assumed role, a federation or session token), so its events are that session's;
 * an `AKIA…` key is a user's long-term key, used across many sessions.
 */
export function accessKeyKind(key: string): 'session' | 'long-term' | 'unknown' {
  return key.startsWith('ASIA') ? 'session' : key.startsWith('AKIA') ? 'long-term' : 'unknown';
}

/**
 * Whether the signer used MFA: a session says so in its attributes; a console sign-in
 * (ConsoleLogin) starts none yet and says so in additionalEventData.MFAUsed ("Yes"/"No"), so a
 * root sign-in without MFA shows as plainly as an API call without it.
 */
function mfaOf(event: unknown, attributes: Json | undefined): string {
  const said = textAt(attributes, 'mfaAuthenticated') || textAt(objectAt(event, 'additionalEventData'), 'MFAUsed').toLowerCase();
  return said === 'true' || said === 'yes' ? 'yes' : said === 'false' || said === 'no' ? 'no' : '';
}

const KEY_NOTES = { session: ' (temporary: a session)', 'long-term': ' (long-term key)', unknown: '' };

/**
 * Why an event names no one: an Insights event reports on others' calls and has no caller by
 * design; any other record without userIdentity is worth a second look, an API call above all.
 */
function missingIdentity(eventType: string): string {
  if (eventType === INSIGHT_EVENT_TYPE) return 'none by design: an Insights event is CloudTrail\'s report of unusual activity (its top callers are under Insight)';
  if (eventType === 'AwsApiCall') return 'none: this API call\'s record has no userIdentity, which is unusual';
  return 'none: this record has no userIdentity';
}

/** The labels of describeIdentity whose values are identifiers (ARNs, keys, ids), wrapped at their separators rather than as words. */
export const IDENTIFIERS: ReadonlySet<string> = new Set(['Principal', 'User name', 'Access key', 'MFA device', 'Session name', 'Session issuer', 'Source identity', 'Federated by', 'Identity store user']);

/**
 * Who acted, as an investigator reads a CloudTrail userIdentity: label and value pairs, only those
 * present; times in `zone`, as the pane shows the event's. A value made of several (a key and what it
 * is, an issuer's type and ARN) has each made a printableValue, whose ends would not show inside it.
 */
export function describeIdentity(event: unknown, zone: 'utc' | 'local' = 'utc'): [string, string][] {
  const identity = objectAt(event, 'userIdentity');
  if (!identity) {
    return [['Identity', missingIdentity(textAt(asJson(event), 'eventType'))]];
  }
  const session = objectAt(identity, 'sessionContext');
  const attributes = objectAt(session, 'attributes');
  const issuer = objectAt(session, 'sessionIssuer');
  const key = textAt(identity, 'accessKeyId');
  const type = textAt(identity, 'type');
  const arn = textAt(identity, 'arn');
  const created = textAt(attributes, 'creationDate');
  const sessionName = type === 'AssumedRole' && arn.includes('/') ? arn.slice(arn.lastIndexOf('/') + 1) : '';
  const pairs: [string, string][] = [
    ['Type', type],
    ['Principal', arn || textAt(identity, 'principalId')],
    ['User name', textAt(identity, 'userName')],
    ['Account', textAt(identity, 'accountId')],
    ['Access key', key ? `${printableValue(key)}${KEY_NOTES[accessKeyKind(key)]}` : ''],
    ['Authenticated with MFA', mfaOf(event, attributes)],
    ['MFA device', textAt(objectAt(event, 'additionalEventData'), 'MFAIdentifier')],
    ['Session created', created && formatWrittenTime(created, zone)],
    ['Session name', sessionName],
    ['Session issuer', issuer ? [textAt(issuer, 'type'), textAt(issuer, 'arn') || textAt(issuer, 'userName')].filter(Boolean).map(printableValue).join(' ') : ''],
    ['Source identity', textAt(session, 'sourceIdentity')],
    ['Federated by', textAt(objectAt(session, 'webIdFederationData'), 'federatedProvider')],
    ['Invoked by (service)', textAt(identity, 'invokedBy')],
    ['Identity store user', textAt(objectAt(identity, 'onBehalfOf'), 'userId')],
  ];
  return pairs.filter(([, value]) => value !== '');
}
