import type { CairnEvent } from '../../shared/event';
import { parseEventTime, timeFraction } from '../../shared/eventTime';
import { signInResult } from '../../shared/signIn';

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A string-ish value as text; objects and absent values become ''. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function readOnlyFlag(value: unknown): number {
  if (value === true || value === 'true') return 1;
  if (value === false || value === 'false') return 0;
  return -1;
}

/** Where an event came from and its original text, which normalizing carries over as they are. */
export interface EventOrigin {
  file: number;
  index: number;
  flags: number;
  text: string;
}

/**
 * Extracts the fields Cairn filters on from one parsed CloudTrail event. The actor is the most
 * specific principal the event names: ARN, else user name, principal id, or invoking service; for
 * another account that made the request (type AWSAccount), its principal ID after that account
 * (`111122223333:AIDAEXAMPLE`: the ID alone would not say whose), or the account alone when it names
 * nothing else (an AwsVpceEvent's `{"type":"AWSAccount","principalId":""}`).
 * The error is the errorCode, or for a failed sign-in why it failed (see signInResult: its errorMessage, such as "Failed authentication", else "Failure"). An Insights
 * event, which has no eventName or eventSource of its own, takes those of the API it reports on
 * (insightDetails), so it lists and filters beside that API's calls.
 * Builds the whole event in one object literal: this runs for every event. Each field is read
 * where it is named, so that each read learns its own property (through a shared helper, all
 * reads went the slow, megamorphic way: 2% of a small-file scan). The keys read are none of
 * Object.prototype's, and JSON.parse makes a `__proto__` key an own property, so a plain read
 * finds only the event's own values.
 */
export function normalizeEvent(raw: unknown, origin: EventOrigin): CairnEvent {
  const event = asObject(raw) ?? {};
  const identity = asObject(event['userIdentity']) ?? {};
  const actorType = asText(identity['type']);
  const accountId = asText(identity['accountId']);
  const principalId = asText(identity['principalId']);
  const actor =
    asText(identity['arn']) ||
    asText(identity['userName']) ||
    (actorType === 'AWSAccount' && principalId && accountId ? `${accountId}:${principalId}` : principalId) ||
    asText(identity['invokedBy']) ||
    (actorType === 'AWSAccount' ? accountId : '');
  const eventTime = event['eventTime'];
  const time = parseEventTime(eventTime);
  const eventType = asText(event['eventType']);
  const eventName = asText(event['eventName']);
  // An Insights event names the API it reports on only in insightDetails; its eventType keeps it apart from the calls.
  const insight = eventName === '' ? asObject(event['insightDetails']) : undefined;
  const eventSource = asText(event['eventSource']) || (insight ? asText(insight['eventSource']) : '');
  return {
    time,
    timeFraction: timeFraction(eventTime, time),
    eventName: eventName || (insight ? asText(insight['eventName']) : ''),
    eventSource,
    actor,
    actorType,
    sourceIp: asText(event['sourceIPAddress']),
    region: asText(event['awsRegion']),
    account: asText(event['recipientAccountId']) || accountId,
    // A failed sign-in has no errorCode: it is listed by why it failed (its errorMessage, such as "Failed authentication").
    errorCode: asText(event['errorCode']) || (signInResult(event) === 'Failure' ? asText(event['errorMessage']) || 'Failure' : ''),
    accessKey: asText(identity['accessKeyId']),
    eventType,
    userAgent: asText(event['userAgent']),
    readOnly: readOnlyFlag(event['readOnly']),
    file: origin.file,
    index: origin.index,
    flags: origin.flags,
    text: origin.text,
  };
}
