import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../../../main/ingest/formats/detectFormat';

const event = (n: number, extra = ''): string => `{"eventVersion":"1.08","eventID":"e-${n}","eventName":"GetObject"${extra}}`;
const long = event(1, `,"requestParameters":{"policy":"${'x'.repeat(300_000)}"}`);

describe('detectLayout: one JSON document or one object per line, however long the first line', () => {
  it('waits for the first line to end and the next to begin while more can be read', () => {
    expect(detectLayout(long.slice(0, 65_536), 'more')).toBeUndefined();
    expect(detectLayout(`${long}\n`, 'more')).toBeUndefined();
    expect(detectLayout(`${long}\n\n  \r\n`, 'more')).toBeUndefined();
    expect(detectLayout(`${long}\n${event(2).slice(0, 5)}`, 'more')).toBe('ndjson');
    expect(detectLayout(`${long}\r\n\n${event(2)}\n`, 'ended')).toBe('ndjson');
    // A line of one event, and nothing else, is a single document.
    expect(detectLayout(`${long}\n`, 'ended')).toBe('json');
    expect(detectLayout(long, 'ended')).toBe('json');
  });

  it('a malformed first line waits for the second to be whole', () => {
    const bad = `{"eventName": broken ${'x'.repeat(1000)}`;
    expect(detectLayout(`${bad}\n${long.slice(0, 70_000)}`, 'more')).toBeUndefined();
    expect(detectLayout(`${bad}\n${long}\n`, 'more')).toBe('ndjson');
    expect(detectLayout(`${bad}\n${bad}\n`, 'more')).toBe('json');
  });

  it('a root array of events settles it at once, wherever its key stands, so a trail file is not held', () => {
    expect(detectLayout('{"Records":[{"eventVersion":"1.08"', 'more')).toBe('json');
    expect(detectLayout('{\n  "Records": [\n    {', 'more')).toBe('json');
    expect(detectLayout('{"nextToken":"a\\"[","meta":{"events":[1]},"Ev\\u0065nts" : [{"EventId"', 'more')).toBe('json');
    // Keys of nested objects, and strings, do not count.
    expect(detectLayout('{"meta":{"events":[1,2', 'more')).toBeUndefined();
    expect(detectLayout('{"a":"Records","b":[1', 'more')).toBeUndefined();
    // A whole trail document on each line is a run of JSON documents, not one event per line.
    expect(detectLayout(`{"Records":[${event(1)}]}\n{"Records":[${event(2)}]}\n`)).toBe('json');
  });

  it('past the bound, a first line still open is read as lines (those after it are read), values one after another as JSON', () => {
    expect(detectLayout(long.slice(0, 100_000), 'bounded')).toBe('ndjson');
    expect(detectLayout(`${event(1)} ${event(2)} ${event(3)}`, 'bounded')).toBe('json');
  });

  it('pretty-printed events, one after another, are JSON; a head of padding alone waits', () => {
    const pretty = JSON.stringify(JSON.parse(event(1)), null, 2);
    expect(detectLayout(`${pretty}\n${pretty}\n`, 'more')).toBe('json');
    expect(detectLayout('\0'.repeat(70_000), 'more')).toBeUndefined();
    expect(detectLayout('\0'.repeat(70_000), 'ended')).toBe('json');
  });
});

describe('detectLayout: CSV', () => {
  it('a CloudWatch Logs Insights result by its @message column, whatever other fields it has', () => {
    for (const header of ['@timestamp,@message', '"@timestamp","@message","@logStream","@log"', '@message', '@timestamp,eventName,@message\r']) {
      expect(detectLayout(`${header}\n2024-01-02 03:04:05.678,"{""eventVersion"":""1.08""}"\n`)).toBe('cloudwatch-insights-csv');
    }
    expect(detectLayout('@timestamp,@messages\n')).toBe('unrecognised');
    expect(detectLayout('eventTime,eventName,eventJson\n')).toBe('csv');
  });
});

describe('detectLayout: get-query-results output', () => {
  it('is one JSON document as soon as its results array begins, however long its first line', () => {
    expect(detectLayout('{"results":[[{"field":"@timestamp","value":"2024-01-02 03:04:05.678"},{"field":"@message","value":"{\\"eventVersion', 'more')).toBe('json');
    expect(detectLayout('{\n    "results": [\n        [\n', 'more')).toBe('json');
  });
});
