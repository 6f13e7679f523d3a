import type { DictionaryField } from '../../shared/event';
import { accessKeyKind } from './identity';

/** Each field as the listing's filters name it, after the listing's columns. */
const FIELD_NAMES: Record<DictionaryField, string> = {
  eventName: 'Event',
  eventSource: 'Service',
  actor: 'Actor',
  actorType: 'Actor type',
  sourceIp: 'Source IP',
  region: 'Region',
  account: 'Account',
  errorCode: 'Error',
  accessKey: 'Access key',
  eventType: 'Event type',
  userAgent: 'User agent',
};

/** What a filter on `value` in `field` is named, on its chip and where it is offered (`Source IP`): a session's temporary key (`ASIA…`) is a `Session`. */
export const fieldName = (field: DictionaryField, value: string): string => (field === 'accessKey' && accessKeyKind(value) === 'session' ? 'Session' : FIELD_NAMES[field]);
