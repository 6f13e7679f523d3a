import type { DictionaryField } from '../../shared/event';
import { formatTime } from '../format';
import { asJson, objectAt } from '../query/jsonAt';
import type { EventFields } from '../query/queryProtocol';

/** A field a partial row gives a value for, beside the full event's, and whether the two agree. */
export interface FieldCheck {
  field: DictionaryField | 'time' | 'readOnly';
  label: string;
  row: string;
  full: string;
  agrees: boolean;
}

const TEXT_FIELDS: [DictionaryField, string][] = [
  ['eventName', 'Event name'],
  ['eventSource', 'Event source'],
  ['actor', 'Actor'],
  ['actorType', 'Actor type'],
  ['sourceIp', 'Source IP'],
  ['region', 'Region'],
  ['account', 'Account'],
  ['errorCode', 'Error'],
  ['accessKey', 'Access key'],
  ['eventType', 'Event type'],
  ['userAgent', 'User agent'],
];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const yesNo = (readOnly: number): string => (readOnly === 1 ? 'yes' : 'no');

/**
 * The values of the full event that a row's field may have been read from. A row's actor and
 * account are the first of several keys its columns held (an ARN, else a user name…; the
 * recipient account, else the identity's), which need not be the one the full event's are: the
 * row agrees when its value is any of those the full event holds. The console's "User name"
 * column is the name its ARN ends with (a user's name, a role session's).
 */
function sources(field: DictionaryField, full: EventFields, fullJson: unknown): string[] {
  const event = asJson(fullJson);
  const identity = objectAt(fullJson, 'userIdentity');
  if (field === 'actor') {
    const arn = text(identity?.['arn']);
    return [full.actor, arn.slice(arn.lastIndexOf('/') + 1), ...['arn', 'userName', 'principalId', 'invokedBy'].map((key) => text(identity?.[key]))];
  }
  if (field === 'account') return [full.account, text(event?.['recipientAccountId']), text(identity?.['accountId'])];
  return [full[field]];
}

/**
 * How a partial row (a CSV row built from some of an event's columns) stands beside the full event
 * of its eventID: each field the row gives a value for, with the full event's, and whether they
 * agree. Times agree to the millisecond; fields the row leaves empty are not compared (a column
 * not selected cannot be told from an empty one). `fullJson` is the full event's parsed text.
 */
export function partialRowChecks(row: EventFields, full: EventFields, fullJson: unknown, zone: 'utc' | 'local'): FieldCheck[] {
  const checks: FieldCheck[] = [];
  if (!Number.isNaN(row.time)) {
    checks.push({ field: 'time', label: 'Time', row: formatTime(row.time, zone, row.timeFraction), full: formatTime(full.time, zone, full.timeFraction), agrees: row.time === full.time });
  }
  for (const [field, label] of TEXT_FIELDS) {
    if (row[field] === '') continue;
    checks.push({ field, label, row: row[field], full: full[field], agrees: sources(field, full, fullJson).includes(row[field]) });
  }
  if (row.readOnly !== -1) checks.push({ field: 'readOnly', label: 'Read-only', row: yesNo(row.readOnly), full: full.readOnly === -1 ? '' : yesNo(full.readOnly), agrees: row.readOnly === full.readOnly });
  return checks;
}

/** A partial copy as its box compares it: the row's fields, the full event's and its parsed text; null for the end the case does not hold. */
export interface CopyPair {
  row: EventFields | null;
  full: EventFields | null;
  fullJson: unknown;
}

/**
 * `pairs` with those whose row disagrees with its full event first (see partialRowChecks), so that
 * a ≠ is never below the fold under agreeing rows; otherwise in the order given.
 */
export function disagreeingFirst<T extends CopyPair>(pairs: readonly T[]): T[] {
  const disagrees = ({ row, full, fullJson }: T): boolean => row !== null && full !== null && partialRowChecks(row, full, fullJson, 'utc').some((check) => !check.agrees);
  return [...pairs.filter(disagrees), ...pairs.filter((pair) => !disagrees(pair))];
}
