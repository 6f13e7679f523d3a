import type { CairnEvent } from '../../shared/event';
import { parseEventTime } from './eventTime';

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/**
 * A string-ish property as text; objects and absent values become ''. The keys read here are
 * none of Object.prototype's, and JSON.parse makes a `__proto__` key an own property, so a
 * plain read finds only the event's own values.
 */
function text(obj: JsonObject | undefined, key: string): string {
  if (!obj) return '';
  const value = obj[key];
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
 * specific principal the event names: ARN, else user name, principal id, or invoking service.
 * Builds the whole event in one object literal: this runs for every event.
 */
export function normalizeEvent(raw: unknown, origin: EventOrigin): CairnEvent {
  const event = asObject(raw);
  const identity = asObject(event?.['userIdentity']);
  const actor =
    text(identity, 'arn') || text(identity, 'userName') || text(identity, 'principalId') || text(identity, 'invokedBy');
  return {
    time: parseEventTime(event?.['eventTime']),
    eventName: text(event, 'eventName'),
    eventSource: text(event, 'eventSource'),
    actor,
    actorType: text(identity, 'type'),
    sourceIp: text(event, 'sourceIPAddress'),
    region: text(event, 'awsRegion'),
    account: text(event, 'recipientAccountId') || text(identity, 'accountId'),
    errorCode: text(event, 'errorCode'),
    accessKey: text(identity, 'accessKeyId'),
    eventType: text(event, 'eventType'),
    userAgent: text(event, 'userAgent'),
    readOnly: readOnlyFlag(event?.['readOnly']),
    file: origin.file,
    index: origin.index,
    flags: origin.flags,
    text: origin.text,
  };
}
