import { describe, expect, it } from 'vitest';
import { EVENT_FLAGS } from '../../../shared/event';
import { rawView } from '../../../renderer/explorer/eventFlags';

describe('rawView', () => {
  it("calls the raw text the file's own for JSON that stands in the file as it is", () => {
    expect(rawView(0, 'cloudtrail-records')).toEqual({ label: 'Raw (as in the file)', note: '' });
    expect(rawView(EVENT_FLAGS.conflict | EVENT_FLAGS.escapedSurrogates, 'ndjson')).toEqual({ label: 'Raw (as in the file)', note: '' });
  });

  it('says where the JSON of an event read out of a string or a CSV cell stood, and that the file writes it escaped', () => {
    const { unwrapped } = EVENT_FLAGS;
    expect(rawView(unwrapped, 'lookup-events')).toEqual({
      label: 'Raw (unescaped)',
      note: 'In the file, this JSON is the CloudTrailEvent string of an item of aws cloudtrail lookup-events output, written with its quotes escaped (\\"): it is shown as that string reads, and the raw view is that text, not the file’s characters.',
    });
    expect(rawView(unwrapped, 'cloudwatch-log-events').note).toBe(
      'In the file, this JSON is the message string of an event of aws logs filter-log-events output, written with its quotes escaped (\\"): it is shown as that string reads, and the raw view is that text, not the file’s characters.',
    );
    expect(rawView(unwrapped, 'cloudwatch-insights-json').note).toMatch(/^In the file, this JSON is the @message string of a CloudWatch Logs Insights result row, written with/);
    expect(rawView(unwrapped, 'cloudwatch-insights-results').note).toMatch(/^In the file, this JSON is the @message string of a CloudWatch Logs Insights result row, written with/);
    // Items outside their usual array (jq '.Events[]'): which string it was, the file's format does not tell.
    expect(rawView(unwrapped, 'json-array').note).toMatch(/^In the file, this JSON is a string of its item \(a lookup-events CloudTrailEvent, a log event’s message\), written with its quotes escaped/);
    expect(rawView(unwrapped | EVENT_FLAGS.invalidText, 'csv')).toEqual({
      label: 'Raw (unquoted)',
      note: 'In the file, this JSON is a cell of a CSV row, written with its quotes doubled (""): it is shown as that cell reads, and the raw view is that text, not the file’s characters.',
    });
    expect(rawView(unwrapped, 'cloudwatch-insights-csv').note).toMatch(/^In the file, this JSON is the @message cell of a CloudWatch Logs Insights CSV row, written with its quotes doubled/);
  });
});
