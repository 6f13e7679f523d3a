import { asJson, objectAt, textAt } from '../query/jsonAt';

/** The eventType of a CloudTrail Insights event: a report of unusual API activity, not a call. */
export const INSIGHT_EVENT_TYPE = 'AwsCloudTrailInsight';

/**
 * How the listing and the detail heading name an event: an Insights event by the API it reports
 * on (normalized from insightDetails), marked as an Insight so it is not taken for a call; the name
 * comes first, so a narrow column still shows it.
 */
export function eventTitle(row: { eventName: string; eventType: string }): string {
  if (row.eventType !== INSIGHT_EVENT_TYPE) return row.eventName;
  return row.eventName ? `${row.eventName} (Insight)` : 'Insight';
}

/** One attribution list of an Insights event: the top values of an attribute in one period, with their averages per minute. */
export interface InsightAttribution {
  label: string;
  values: { value: string; average: string }[];
}

export interface InsightSummary {
  pairs: [string, string][];
  attributions: InsightAttribution[];
}

const STATES: Record<string, string> = { Start: 'Start (the unusual activity began)', End: 'End (the unusual activity ended)' };
const TYPES: Record<string, string> = { ApiCallRateInsight: 'API call rate (ApiCallRateInsight)', ApiErrorRateInsight: 'API error rate (ApiErrorRateInsight)' };
const ATTRIBUTES: Record<string, string> = { userIdentityArn: 'Top callers', userAgent: 'Top user agents', errorCode: 'Top error codes' };

/** A rate as written, to four significant digits: 0.0208333333 reads 0.02083. '' when it is no number. */
function rate(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Number(value.toPrecision(4))) : '';
}

/** A duration CloudTrail gives in minutes, with days beside it from a day on (a baseline is at least 10080: seven days). */
function minutes(value: string): string {
  if (value === '') return '';
  const days = Number(value) / 1440;
  return `${value} ${value === '1' ? 'minute' : 'minutes'}${days >= 1 ? ` (${Number(days.toPrecision(3))} ${days === 1 ? 'day' : 'days'})` : ''}`;
}

/** The `{value, average}` entries of one period, as text; entries without a value are left out. */
function attributed(list: unknown): InsightAttribution['values'] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const item = asJson(entry);
    const value = textAt(item, 'value');
    // CloudTrail writes the string "null" for calls that raised no error.
    return value === '' ? [] : [{ value: value === 'null' ? 'null (no error)' : value, average: rate(item?.['average']) }];
  });
}

/**
 * What an Insights event says, as an investigator reads it: its state, type, the API and service it
 * concerns, the baseline and unusual rates, its duration, the sharedEventID that ties its Start and
 * End, and the top callers, user agents and error codes of each period. Null for other events.
 */
export function describeInsight(event: unknown): InsightSummary | null {
  const top = asJson(event);
  const details = objectAt(event, 'insightDetails');
  if (textAt(top, 'eventType') !== INSIGHT_EVENT_TYPE && !details) return null;
  const context = objectAt(details, 'insightContext');
  const statistics = objectAt(context, 'statistics');
  const type = textAt(details, 'insightType');
  const unit = type === 'ApiErrorRateInsight' ? 'errors per minute' : 'calls per minute';
  const baseline = rate(objectAt(statistics, 'baseline')?.['average']);
  const unusual = rate(objectAt(statistics, 'insight')?.['average']);
  const state = textAt(details, 'state');
  const pairs: [string, string][] = [
    ['State', STATES[state] ?? state],
    ['Insight type', TYPES[type] ?? type],
    ['API', textAt(details, 'eventName')],
    ['Service', textAt(details, 'eventSource')],
    ['Error code', textAt(details, 'errorCode')],
    ['Baseline average', baseline && `${baseline} ${unit}`],
    ['Insight average', unusual && `${unusual} ${unit}`],
    ['Duration', minutes(textAt(statistics, 'insightDuration'))],
    ['Baseline period', minutes(textAt(statistics, 'baselineDuration'))],
    ['Shared event ID', textAt(top, 'sharedEventID')],
  ];
  const attributions = (Array.isArray(context?.['attributions']) ? (context['attributions'] as unknown[]) : []).flatMap((entry) => {
    const item = asJson(entry);
    const attribute = textAt(item, 'attribute');
    const label = ATTRIBUTES[attribute] ?? (attribute || 'Attribute');
    return [
      { label, values: attributed(item?.['insight']) },
      { label: `${label}, baseline`, values: attributed(item?.['baseline']) },
    ].filter(({ values }) => values.length > 0);
  });
  return { pairs: pairs.filter(([, value]) => value !== ''), attributions };
}
