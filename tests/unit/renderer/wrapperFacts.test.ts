import { describe, expect, it } from 'vitest';
import { wrapperFacts } from '../../../renderer/explorer/wrapperFacts';

const event = '{"eventVersion":"1.08","eventID":"e1","eventTime":"2024-06-01T10:03:15Z"}';

describe('wrapperFacts', () => {
  it("names a filter-log-events event's fields but its message, CloudWatch's epoch milliseconds read as UTC beside them", () => {
    const wrapper = JSON.stringify({ logStreamName: '123456789012_CloudTrail_us-east-1', timestamp: 1717236195123, message: event, ingestionTime: 1717236255000, eventId: '3788' }, null, 4);
    expect(wrapperFacts('cloudwatch-log-events', wrapper, event, undefined)).toEqual({
      what: 'an event of aws logs filter-log-events output (CloudWatch Logs)',
      facts: [
        { name: 'logStreamName', value: '123456789012_CloudTrail_us-east-1' },
        { name: 'timestamp', value: '2024-06-01 10:03:15.123 UTC (1717236195123)' },
        { name: 'ingestionTime', value: '2024-06-01 10:04:15.000 UTC (1717236255000)' },
        { name: 'eventId', value: '3788' },
      ],
    });
  });

  it("names a lookup-events item's fields, CLI v1's epoch-seconds EventTime read as UTC, others as compact JSON; an item found in an NDJSON file alike", () => {
    const wrapper = JSON.stringify({ EventId: 'e1', EventTime: 1717236120.5, Username: 'alice\u202eecila', Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: 'Admin' }], CloudTrailEvent: event });
    expect(wrapperFacts('ndjson', wrapper, event, undefined)).toEqual({
      what: 'an item of aws cloudtrail lookup-events output',
      facts: [
        { name: 'EventId', value: 'e1' },
        { name: 'EventTime', value: '2024-06-01 10:02:00.500 UTC (1717236120.5)' },
        { name: 'Username', value: 'alice\u202eecila' },
        { name: 'Resources', value: '[{"ResourceType":"AWS::IAM::Role","ResourceName":"Admin"}]' },
      ],
    });
  });

  it('names a get-query-results row by its fields, an export line by its timestamp, a CSV row by its other cells', () => {
    const row = JSON.stringify([{ field: '@timestamp', value: '2024-06-01 10:03:15.123' }, { field: '@message', value: event }, { field: '@logStream', value: 's' }]);
    expect(wrapperFacts('cloudwatch-insights-results', row, event, undefined)).toEqual({
      what: 'a CloudWatch Logs Insights result row',
      facts: [{ name: '@timestamp', value: '2024-06-01 10:03:15.123' }, { name: '@logStream', value: 's' }],
    });
    expect(wrapperFacts('cloudwatch-export', `2024-06-01T10:03:15.123Z ${event}`, event, undefined)).toEqual({ what: 'a line of a CloudWatch Logs export', facts: [{ name: 'line’s timestamp', value: '2024-06-01T10:03:15.123Z' }] });
    expect(wrapperFacts('csv', `2024-06-01 10:03:15.000,"${event.replaceAll('"', '""')}",`, event, 'eventtime,eventjson,region')).toEqual({
      what: 'a row of a CSV export',
      facts: [{ name: 'eventtime', value: '2024-06-01 10:03:15.000' }, { name: 'region', value: '' }],
    });
  });
});
