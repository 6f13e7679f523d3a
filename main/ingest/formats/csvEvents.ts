import { csvRecords, type BadRow } from './csvRecords';
import { lakeIdentity } from './lakeIdentity';

/** Column names as CSV exports spell them, folded: lower case, no spaces, dots, dashes or underscores. */
const fold = (name: string): string => name.toLowerCase().replace(/[\s._-]/g, '');

/** Header names (folded) that hold the whole event's JSON: console Event history and Lake exports. */
const EVENT_JSON_COLUMNS = new Set(['cloudtrailevent', 'eventjson', 'event']);

/** The column of a CloudWatch Logs Insights result that holds each log event's text: the event's JSON, in a trail's log group. */
const INSIGHTS_COLUMN = '@message';
/** The column of an Insights result giving each log event's time: the event's own time when its JSON gives none readable. */
const INSIGHTS_TIME_COLUMN = '@timestamp';

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
]);

/** One CSV row: its exact text, its line, and the event JSON it holds or stands for. */
export interface CsvRow {
  raw: string;
  line: number;
  /** The event's JSON text (the event column's cell, or built from the field columns). */
  eventText: string;
  /** True when the text was built from columns rather than found whole in a cell. */
  built: boolean;
  /** True when the text is an Insights row's `@message` cell, whatever it holds: it has no other source. */
  insights?: true;
  /** An Insights row's `@timestamp` cell, when it has one. */
  time?: string;
}

/** Sets the key at `path`, unless an earlier column gave it. */
function fillPath(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] ??= value;
}

/**
 * Reads CSV exports (console Event history downloads, CloudTrail Lake result files) with
 * columns matched by their header names. A column holding the event JSON gives the event as
 * it was; otherwise the event is assembled from the recognised columns, Lake's `useridentity`
 * struct first (see `lakeIdentity`), then the single fields it lacks. Unknown columns are
 * ignored; the row's own text is kept as its original. A CloudWatch Logs Insights result gives
 * each row's `@message` cell as it is, event or not. Rows that are not valid CSV go to `badRow`.
 */
export async function* csvRows(text: AsyncIterable<string>, maxChars: number, badRow: BadRow): AsyncGenerator<CsvRow> {
  let eventColumn = -1;
  let insightsColumn = -1;
  let insightsTimeColumn = -1;
  let identityColumn = -1;
  let fields: [number, string[]][] = [];
  let header = true;
  for await (const { cells, raw, line } of csvRecords(text, maxChars, badRow)) {
    if (header) {
      header = false;
      const folded = cells.map(fold);
      eventColumn = folded.findIndex((name) => EVENT_JSON_COLUMNS.has(name));
      insightsColumn = folded.indexOf(INSIGHTS_COLUMN);
      insightsTimeColumn = folded.indexOf(INSIGHTS_TIME_COLUMN);
      identityColumn = folded.indexOf('useridentity');
      fields = folded.flatMap((name, i): [number, string[]][] => {
        const path = FIELD_COLUMNS.get(name);
        return path ? [[i, path]] : [];
      });
      continue;
    }
    if (insightsColumn >= 0) {
      const time = insightsTimeColumn >= 0 ? cells[insightsTimeColumn] : undefined;
      yield time === undefined ? { raw, line, eventText: cells[insightsColumn] ?? '', built: false, insights: true } : { raw, line, eventText: cells[insightsColumn] ?? '', built: false, insights: true, time };
      continue;
    }
    const cell = eventColumn >= 0 ? cells[eventColumn] : undefined;
    if (cell !== undefined && cell.trim().startsWith('{')) {
      yield { raw, line, eventText: cell, built: false };
      continue;
    }
    const event: Record<string, unknown> = {};
    const identity = identityColumn >= 0 ? lakeIdentity(cells[identityColumn] ?? '') : undefined;
    if (identity) event['userIdentity'] = identity;
    for (const [column, path] of fields) if (cells[column] !== undefined && cells[column] !== '') fillPath(event, path, cells[column]!);
    yield { raw, line, eventText: JSON.stringify(event), built: true };
  }
}
