import { describe, expect, it } from 'vitest';
import { describeInsight, eventTitle } from '../../../renderer/explorer/insight';
import { INSIGHT_END, INSIGHT_SHARED_ID, INSIGHT_START } from '../../fixtures/generators/insightEvents';

describe('eventTitle', () => {
  it('marks an Insights event as an Insight about its API; other events keep their name', () => {
    expect(eventTitle({ eventName: 'RunInstances', eventType: 'AwsCloudTrailInsight' })).toBe('RunInstances (Insight)');
    expect(eventTitle({ eventName: '', eventType: 'AwsCloudTrailInsight' })).toBe('Insight');
    expect(eventTitle({ eventName: 'RunInstances', eventType: 'AwsApiCall' })).toBe('RunInstances');
    expect(eventTitle({ eventName: '', eventType: '' })).toBe('');
  });
});

describe('describeInsight', () => {
  it('reads an ending Insights event: state, type, API, rates, duration, the shared ID and each period\'s top values', () => {
    expect(describeInsight(INSIGHT_END)).toEqual({
      pairs: [
        ['State', 'End (the unusual activity ended)'],
        ['Insight type', 'API call rate (ApiCallRateInsight)'],
        ['API', 'RunInstances'],
        ['Service', 'ec2.amazonaws.com'],
        ['Baseline average', '0.02083 calls per minute'],
        ['Insight average', '9.286 calls per minute'],
        ['Duration', '7 minutes'],
        ['Baseline period', '10080 minutes (7 days)'],
        ['Shared event ID', INSIGHT_SHARED_ID],
      ],
      attributions: [
        { label: 'Top callers', values: [{ value: 'arn:aws:sts::123456789012:assumed-role/ci-deploy', average: '8.786' }, { value: 'arn:aws:iam::123456789012:user/alice', average: '0.5' }] },
        { label: 'Top callers, baseline', values: [{ value: 'arn:aws:iam::123456789012:user/alice', average: '0.02083' }] },
        { label: 'Top user agents', values: [{ value: 'Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#5.15 md/arch#x86_64 lang/python#3.11.6', average: '9.286' }] },
        { label: 'Top user agents, baseline', values: [{ value: 'AWS Internal', average: '0.02083' }] },
        { label: 'Top error codes', values: [{ value: 'null (no error)', average: '9.286' }] },
        { label: 'Top error codes, baseline', values: [{ value: 'null (no error)', average: '0.02083' }] },
      ],
    });
    expect(describeInsight(INSIGHT_START)?.pairs.map(([label]) => label)).not.toContain('Duration');
  });

  it('an error rate Insight counts errors and names its error code', () => {
    const event = { eventType: 'AwsCloudTrailInsight', insightDetails: { state: 'Start', eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', insightType: 'ApiErrorRateInsight', errorCode: 'AccessDenied', insightContext: { statistics: { baseline: { average: 0 }, insight: { average: 3 }, insightDuration: 1, baselineDuration: 11336 } } } };
    expect(describeInsight(event)).toEqual({
      pairs: [
        ['State', 'Start (the unusual activity began)'],
        ['Insight type', 'API error rate (ApiErrorRateInsight)'],
        ['API', 'CreateAccessKey'],
        ['Service', 'iam.amazonaws.com'],
        ['Error code', 'AccessDenied'],
        ['Baseline average', '0 errors per minute'],
        ['Insight average', '3 errors per minute'],
        ['Duration', '1 minute'],
        ['Baseline period', '11336 minutes (7.87 days)'],
      ],
      attributions: [],
    });
  });

  it('is null for an API call, and reads hostile shapes as absent', () => {
    expect(describeInsight({ eventType: 'AwsApiCall', eventName: 'RunInstances' })).toBeNull();
    expect(describeInsight(null)).toBeNull();
    expect(describeInsight([INSIGHT_END])).toBeNull();
    const hostile = { eventType: 'AwsCloudTrailInsight', insightDetails: { state: { x: 1 }, insightContext: { statistics: { insight: { average: '1e9' } }, attributions: [null, 'x', { attribute: '<b>x</b>', insight: [{ value: '<img src=x>', average: Infinity }, { average: 2 }] }] } } };
    expect(describeInsight(hostile)).toEqual({ pairs: [], attributions: [{ label: '<b>x</b>', values: [{ value: '<img src=x>', average: '' }] }] });
  });
});
