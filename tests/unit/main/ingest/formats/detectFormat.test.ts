import { describe, expect, it } from 'vitest';
import { detectLayout, unrecognisedTable } from '../../../../../main/ingest/formats/detectFormat';

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

describe('detectLayout: a table is CloudTrail\'s by its columns, not by one of them', () => {
  it('reads every export Cairn supports, however narrow the selection', () => {
    const headers = [
      // The console's Event history, with and without its CloudTrail event column; as Excel saves it.
      'Event ID,Event time,User name,Event name,Resource type,Resource name,AWS access key,AWS region,Error code,Source IP address,Read-only,Event source,Request ID',
      '"Event name";"Event time";"User name";"Source IP address";"Event ID";"CloudTrail event"\r',
      // CloudTrail Lake: SELECT *, and selections down to two columns, the event's time or ID among them or not.
      'eventversion,useridentity,eventtime,eventsource,eventname,awsregion,sourceipaddress,useragent,errorcode,errormessage',
      'eventtime, eventname, sourceipaddress',
      'eventtime,eventname',
      'eventid,eventtime,arn,eventname,useridentity',
      'eventtime,eventname,_col2,bucket,key',
      'eventname,sourceipaddress',
      'eventsource\teventname',
      'eventTime,eventName,userIdentity.arn,sourceIPAddress,eventJson',
      'eventjson,eventjsonchecksum',
    ];
    expect(headers.map((header) => detectLayout(`${header}\nx\n`))).toEqual(headers.map(() => 'csv'));
    expect(detectLayout('eventjson\n"{""eventVersion"":""1.08""}"\n')).toBe('csv');
  });

  it('leaves a table that has a CloudTrail field or two among its own columns unrecognised, and says so', () => {
    const tables = [
      'index\trule_id\ttest_name\texpected_result\teventName',
      'eventName',
      'eventtime',
      'eventname,_col1',
      'UserName,Arn,CreateDate',
      'eventname,eventsource,rule,severity,owner',
      'readOnly,errorCode,awsRegion,count',
      'UserName,Arn',
    ];
    expect(tables.map((header) => detectLayout(`${header}\nx\n`))).toEqual(tables.map(() => 'unrecognised'));
    expect(tables.map((header) => unrecognisedTable(`\ufeff\r\n\n ${header}\r\nx\n`)?.line)).toEqual(tables.map(() => 3));
    expect(tables.map((header) => unrecognisedTable(`${header}\r\nx\n`)?.message)).toEqual([
      "not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (index, rule_id, test_name, expected_result, eventName), only eventName is a CloudTrail field",
      'not a CloudTrail export: a table whose rows are not CloudTrail events: its one column, eventName, is a single CloudTrail field',
      'not a CloudTrail export: a table whose rows are not CloudTrail events: its one column, eventtime, is a single CloudTrail field',
      'not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (eventname, _col1), only eventname is a CloudTrail field',
      "not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (UserName, Arn, CreateDate), only UserName and Arn are CloudTrail fields, neither of them an event's time, ID, name or source",
      "not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (eventname, eventsource, rule, severity, owner), only eventname and eventsource are CloudTrail fields, neither of them an event's time or ID",
      "not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (readOnly, errorCode, awsRegion, count), only readOnly, errorCode and awsRegion are CloudTrail fields, none of them an event's time, ID, name or source",
      "not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (UserName, Arn), all are CloudTrail fields, neither of them an event's time, ID, name or source",
    ]);
  });

  it('says nothing of its own for text with no CloudTrail field, nor for a lone event JSON column with no event after it', () => {
    expect(['Apache License\n', 'a,b,c\n1,2,3\n', 'eventjson\nnot a cell\n', ''].map((text) => [detectLayout(text), unrecognisedTable(text)])).toEqual([
      ['unrecognised', undefined], ['unrecognised', undefined], ['unrecognised', undefined], ['json', undefined],
    ]);
  });

  it('lists at most 12 columns of a wide table, and each name up to 64 characters', () => {
    const wide = ['eventName', ...Array.from({ length: 13 }, (_, i) => `c${i}`), 'x'.repeat(70)].join(',');
    expect(unrecognisedTable(wide)?.message).toBe('not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (eventName, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10… (15 columns)), only eventName is a CloudTrail field');
    const identity = ['username', 'arn', 'accesskeyid', 'useragent', 'awsregion', 'errorcode', 'errormessage', 'readonly', 'requestid', 'eventversion', 'apiversion', 'eventcategory', 'vpcendpointid'];
    expect(unrecognisedTable([...identity, ...identity.map((_, i) => `other${i}`)].join(','))?.message).toBe(
      "not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (username, arn, accesskeyid, useragent, awsregion, errorcode, errormessage, readonly, requestid, eventversion, apiversion, eventcategory… (26 columns)), only 13 are CloudTrail fields, none of them an event's time, ID, name or source",
    );
    expect(unrecognisedTable(`${'y'.repeat(70)},errorcode`)?.message).toBe(`not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (${'y'.repeat(64)}…, errorcode), only errorcode is a CloudTrail field`);
  });
});

describe('detectLayout: get-query-results output', () => {
  it('is one JSON document as soon as its results array begins, however long its first line', () => {
    expect(detectLayout('{"results":[[{"field":"@timestamp","value":"2024-01-02 03:04:05.678"},{"field":"@message","value":"{\\"eventVersion', 'more')).toBe('json');
    expect(detectLayout('{\n    "results": [\n        [\n', 'more')).toBe('json');
  });
});
