import { CLOUDTRAIL_KEYS, cloudTrailStruct, lakeIdentity, RESOURCE_KEYS } from './lakeIdentity';
import { lakeValue } from './lakeValue';

/** Cell separators of CSV exports, by name: the comma, and the semicolon and tab that spreadsheet programs write (Excel saving CSV in locales whose decimal mark is a comma, and 'Unicode Text'). */
export const CSV_SEPARATORS = new Map([
  [',', 'a comma'],
  [';', 'a semicolon'],
  ['\t', 'a tab'],
]);

/** The separator of a CSV text, from its first line (its header): the one it holds most of, the comma when none. */
export function separatorOf(text: string): string {
  const header = text.slice(0, text.search(/[\r\n]|$/));
  let best = ',';
  let most = 0;
  for (const separator of CSV_SEPARATORS.keys()) {
    const count = header.split(separator).length - 1;
    if (count > most) [best, most] = [separator, count];
  }
  return best;
}

/** Header names (folded) of columns that hold the whole event's JSON: console Event history ("CloudTrail event") and Lake exports. */
export const EVENT_JSON_COLUMNS: ReadonlySet<string> = new Set(['cloudtrailevent', 'eventjson', 'event']);

/** Column names as CSV exports spell them, folded: lower case, no spaces, dots, dashes or underscores. */
export const foldColumn = (name: string): string => name.toLowerCase().replace(/[\s._-]/g, '');

/**
 * Header names (folded) of single fields, mapped to the CloudTrail keys they stand for. A Map, so
 * that a column called `constructor` or `__proto__` is an unknown column and not Object.prototype's.
 */
const FIELD_COLUMNS = new Map<string, string[]>([
  ['eventtime', ['eventTime']],
  ['eventname', ['eventName']],
  ['eventsource', ['eventSource']],
  ['eventid', ['eventID']],
  ['eventtype', ['eventType']],
  ['username', ['userIdentity', 'userName']],
  ['useridentityusername', ['userIdentity', 'userName']],
  ['useridentityarn', ['userIdentity', 'arn']],
  // Lake names the column of `SELECT useridentity.arn` after the field alone.
  ['arn', ['userIdentity', 'arn']],
  ['useridentityprincipalid', ['userIdentity', 'principalId']],
  ['useridentitytype', ['userIdentity', 'type']],
  ['useridentityaccountid', ['userIdentity', 'accountId']],
  ['awsaccesskey', ['userIdentity', 'accessKeyId']],
  ['accesskeyid', ['userIdentity', 'accessKeyId']],
  ['useridentityaccesskeyid', ['userIdentity', 'accessKeyId']],
  ['sourceipaddress', ['sourceIPAddress']],
  ['awsregion', ['awsRegion']],
  ['errorcode', ['errorCode']],
  ['readonly', ['readOnly']],
  ['useragent', ['userAgent']],
  ['recipientaccountid', ['recipientAccountId']],
  ['errormessage', ['errorMessage']],
  ['requestid', ['requestID']],
  ['eventversion', ['eventVersion']],
  ['apiversion', ['apiVersion']],
  ['managementevent', ['managementEvent']],
  ['eventcategory', ['eventCategory']],
  ['sharedeventid', ['sharedEventID']],
  ['vpcendpointid', ['vpcEndpointId']],
  ['sessioncredentialfromconsole', ['sessionCredentialFromConsole']],
]);

/**
 * Lake's columns written as maps (keys as the event wrote them) or structs (keys in lower case,
 * renamed by `names` to CloudTrail's: see cloudTrailStruct), by folded name, with the event key they stand for.
 */
interface ValueColumn {
  key: string;
  names?: ReadonlyMap<string, string>;
}
const LAKE_VALUE_COLUMNS = new Map<string, ValueColumn>([
  ['requestparameters', { key: 'requestParameters' }],
  ['responseelements', { key: 'responseElements' }],
  ['additionaleventdata', { key: 'additionalEventData' }],
  ['serviceeventdetails', { key: 'serviceEventDetails' }],
  ['resources', { key: 'resources', names: RESOURCE_KEYS }],
  ['tlsdetails', { key: 'tlsDetails', names: CLOUDTRAIL_KEYS }],
]);

/** Which columns of a CSV header make an event's fields: Lake's `useridentity` struct, and single fields (see csvEvent). */
export interface ColumnPlan {
  identityColumn: number;
  fields: [number, string[]][];
  /** Columns holding Lake's maps and structs (requestparameters, resources…), with the key each gives. */
  values: [number, ValueColumn][];
}

/** The plan of a header, its names folded (see foldColumn). */
export function columnPlan(folded: readonly string[]): ColumnPlan {
  return {
    identityColumn: folded.indexOf('useridentity'),
    fields: folded.flatMap((name, i): [number, string[]][] => {
      const path = FIELD_COLUMNS.get(name);
      return path ? [[i, path]] : [];
    }),
    values: folded.flatMap((name, i): [number, ValueColumn][] => {
      const column = LAKE_VALUE_COLUMNS.get(name);
      return column ? [[i, column]] : [];
    }),
  };
}

/** Sets the key at `path`, unless an earlier column gave it. */
function fillPath(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] ??= value;
}

/**
 * The event a CSV row of some of its fields stands for (a CloudTrail Lake result of selected
 * columns, a console CSV without the event's JSON): Lake's `useridentity` struct first (see
 * lakeIdentity), its maps and structs (request parameters, response elements, resources…: see
 * lakeValue), then the single fields; empty cells and unknown columns give nothing.
 */
export function csvEvent({ identityColumn, fields, values }: ColumnPlan, cells: readonly string[]): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const identity = identityColumn >= 0 ? lakeIdentity(cells[identityColumn] ?? '') : undefined;
  if (identity) event['userIdentity'] = identity;
  for (const [column, { key, names }] of values) {
    const value = lakeValue(cells[column] ?? '');
    if (value !== undefined && value !== null) event[key] = names ? cloudTrailStruct(value, names) : value;
  }
  for (const [column, path] of fields) if (cells[column] !== undefined && cells[column] !== '') fillPath(event, path, cells[column]!);
  return event;
}

/** Whether a column (its folded name) is one the CSV reader takes a CloudTrail field or the whole event from. */
export const isCloudTrailColumn = (folded: string): boolean => FIELD_COLUMNS.has(folded) || LAKE_VALUE_COLUMNS.has(folded) || folded === 'useridentity' || EVENT_JSON_COLUMNS.has(folded);

/** The columns (their places) of a header's plan that give an event's `key` (userIdentity, errorCode, responseElements…). */
export function columnsGiving({ identityColumn, fields, values }: ColumnPlan, key: string): number[] {
  const giving = [...(key === 'userIdentity' && identityColumn >= 0 ? [identityColumn] : []), ...fields.filter(([, path]) => path[0] === key).map(([column]) => column), ...values.filter(([, column]) => column.key === key).map(([column]) => column)];
  return [...new Set(giving)].sort((a, b) => a - b);
}
