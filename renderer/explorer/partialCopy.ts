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

/** The name an ARN ends with (all of a value that is no ARN): what the console's "User name" column gives of an actor. */
const arnTail = (value: string): string => value.slice(value.lastIndexOf('/') + 1);

/**
 * How two CSV rows of one eventID stand beside each other (two exports of one call, no full event
 * in the case): each field both give a value for, as partialRowChecks tells it, `row`'s first. An
 * actor agrees with an ARN that ends with it, either way round (the console's User name beside a
 * Lake row's ARN).
 */
export function rowPairChecks(row: EventFields, other: EventFields, zone: 'utc' | 'local'): FieldCheck[] {
  const otherGives = ({ field }: FieldCheck): boolean => (field === 'time' ? !Number.isNaN(other.time) : field === 'readOnly' ? other.readOnly !== -1 : other[field] !== '');
  return partialRowChecks(row, other, undefined, zone)
    .filter(otherGives)
    .map((check) => (check.field === 'actor' && !check.agrees && (arnTail(check.row) === check.full || arnTail(check.full) === check.row) ? { ...check, agrees: true } : check));
}

/**
 * A partial copy as its box compares it: the row's fields, the full event's and its parsed text;
 * null for the end the case does not hold. With `bothRows`, `full` is another CSV row of the call
 * (see rowPairChecks), the one stored first of the two.
 */
export interface CopyPair {
  row: EventFields | null;
  full: EventFields | null;
  fullJson: unknown;
  bothRows?: boolean;
}

/** The fields a copy's two ends are compared on (partialRowChecks, or rowPairChecks for two rows); none when the case lacks one end. */
export function copyChecks({ row, full, fullJson, bothRows }: CopyPair, zone: 'utc' | 'local'): FieldCheck[] {
  if (!row || !full) return [];
  return bothRows ? rowPairChecks(row, full, zone) : partialRowChecks(row, full, fullJson, zone);
}

/**
 * `pairs` with those whose row disagrees with its full event first (see copyChecks), so that
 * a ≠ is never below the fold under agreeing rows; otherwise in the order given.
 */
export function disagreeingFirst<T extends CopyPair>(pairs: readonly T[]): T[] {
  const disagrees = (pair: T): boolean => copyChecks(pair, 'utc').some((check) => !check.agrees);
  return [...pairs.filter(disagrees), ...pairs.filter((pair) => !disagrees(pair))];
}
