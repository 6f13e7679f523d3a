import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { asInFile, WHOLE } from '../../shared/eventWrapper';
import { packFraction } from '../../shared/timeFraction';
import { ADMIN_SESSION_ARN, CONSOLE_CSV, LAKE_CSV } from '../fixtures/generators/csvExports';
import { INSIGHT_END, INSIGHT_START } from '../fixtures/generators/insightEvents';
import { CORPUS } from '../fixtures/generators/trailBundle';
import { eventJson, folder, placeIn, records, scan } from './scan';

const summary = (files: { path: string; format: string; events: number; issues: { severity: string; message: string; location: string }[] }[], dir: string) =>
  files.map((f) => ({ path: f.path.slice(dir.length + 1), format: f.format, events: f.events, issues: f.issues.map((i) => `${i.severity}: ${i.message} @ ${i.location}`) }));
const ids = (events: { text: string }[]): string[] => events.map((e) => (JSON.parse(e.text) as { eventID: string }).eventID.slice(-3));

describe('formats, detected from content whatever the file is called', () => {
  it('trail files, a JSON array, a single event and NDJSON', async () => {
    const dir = await folder({
      'a.json.gz': gzipSync(records([eventJson(1), eventJson(2)])),
      'b.data': `[${eventJson(3)},\n ${eventJson(4)}]`,
      'c.txt': `  ${eventJson(5)}\n`,
      'd.log': `${eventJson(6)}\n${eventJson(7)}\r\n\n${eventJson(8)}`,
    });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events])).toEqual([
      ['a.json.gz', 'cloudtrail-records', 2],
      ['b.data', 'json-array', 2],
      ['c.txt', 'json-event', 1],
      ['d.log', 'ndjson', 3],
    ]);
    expect(ids(events)).toEqual(['001', '002', '003', '004', '005', '006', '007', '008']);
    expect(events.map((e) => e.text)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => eventJson(n)));
    expect(events.filter((e) => e.file === 3).map((e) => e.index)).toEqual([0, 1, 2]);
  });

  it('a gzip file of several members (as `cat a.gz b.gz` makes) is one document', async () => {
    const texts = Array.from({ length: 300 }, (_, n) => eventJson(n + 1));
    const content = records(texts);
    const cut = content.length - 10;
    // The last member's trailer gives a size far below the whole: the output outgrows it.
    const dir = await folder({ 'joined.json.gz': Buffer.concat([gzipSync(content.slice(0, cut)), gzipSync(content.slice(cut))]) });
    const { files, events } = await scan([dir]);
    expect(files[0]).toMatchObject({ format: 'cloudtrail-records', events: 300, issues: [], contentSha256: createHash('sha256').update(content).digest('hex') });
    expect(events.map((e) => e.text)).toEqual(texts);
  });

  it('trail documents one after another (zcat of several files), jq streams, and NDJSON whose first line is bad or long', async () => {
    const e = Array.from({ length: 12 }, (_, i) => eventJson(i + 1));
    const long = eventJson(13, { requestParameters: { policy: 'x'.repeat(70_000) } });
    const pretty = [e[6]!, e[7]!].map((text) => JSON.stringify(JSON.parse(text), null, 2));
    const dir = await folder({
      'a-zcat.json.gz': gzipSync(records([e[0]!, e[1]!]) + records([e[2]!])),
      'b-zcat-lines.json': `${records([e[3]!])}\n${records([e[4]!, e[5]!])}\n`,
      'c-jq-stream.json': `${pretty.join('\n')}\n`,
      'd-first-bad.ndjson': `{"eventName": broken\n${e[8]}\n${e[9]}\n`,
      'e-first-long.ndjson': `${long}\n${e[10]}\n${e[11]}\n`,
    });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events, f.issues.map((i) => `${i.message} @ ${i.location}`)])).toEqual([
      ['a-zcat.json.gz', 'cloudtrail-records', 3, []],
      ['b-zcat-lines.json', 'cloudtrail-records', 3, []],
      ['c-jq-stream.json', 'json-event', 2, []],
      ['d-first-bad.ndjson', 'ndjson', 2, [expect.stringMatching(/^item 0: malformed JSON: .* @ line 1, byte 0$/)]],
      ['e-first-long.ndjson', 'ndjson', 3, []],
    ]);
    expect(events.map((event) => event.text)).toEqual([...e.slice(0, 6), ...pretty, e[8], e[9], long, e[10], e[11]]);
  });

  it('documents joined with their byte order marks (cat or copy /b of files PowerShell wrote, UTF-8 or UTF-16): every document is read', async () => {
    const e = Array.from({ length: 6 }, (_, i) => eventJson(i + 1));
    const lookup = (texts: string[]): string => JSON.stringify({ Events: texts.map((text) => ({ EventId: 'x', CloudTrailEvent: text })) }, null, 4).replaceAll('\n', '\r\n');
    const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const dir = await folder({
      'a-utf8.json': `\ufeff${records([e[0]!])}\r\n\ufeff${records([e[1]!, e[2]!])}\r\n`,
      'b-utf16.json': Buffer.concat([utf16(lookup([e[3]!])), utf16(lookup([e[4]!, e[5]!]))]),
    });
    const { files, events } = await scan([dir]);
    expect(summary(files, dir)).toEqual([
      { path: 'a-utf8.json', format: 'cloudtrail-records', events: 3, issues: [] },
      { path: 'b-utf16.json', format: 'lookup-events', events: 3, issues: ['warning: text is UTF-16LE, read as such @ '] },
    ]);
    expect(events.map((event) => event.text)).toEqual(e);
  });

  it('NDJSON whose first line is longer than the detection window: a bad line costs that line only, plain or gzipped', async () => {
    // A first line of about 200 KB, with two-byte characters so that byte and character offsets
    // differ; then 3 good lines, a bad one (line 5) and 2 good ones. Each file has its own events.
    const lines = (from: number): string[] => [
      eventJson(from, { requestParameters: { policyDocument: 'é'.repeat(100_000) } }),
      ...[1, 2, 3].map((n) => eventJson(from + n)),
      '{"eventVersion":"1.08","eventName": broken',
      ...[5, 6].map((n) => eventJson(from + n)),
    ];
    const [plain, zipped] = [lines(1), lines(101)];
    const text = (l: string[]): string => `${l.join('\n')}\n`;
    expect(Buffer.byteLength(plain[0]!)).toBeGreaterThan(200_000);
    const dir = await folder({ 'a.ndjson': text(plain), 'b.ndjson.gz': gzipSync(text(zipped)) });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.format, f.events, f.duplicates, f.issues.length])).toEqual([['ndjson', 6, 0, 1], ['ndjson', 6, 0, 1]]);
    // The gzipped file's offsets are of its decompressed content, and say so.
    for (const [file, l, of] of [[files[0]!, plain, ''], [files[1]!, zipped, ' of the decompressed content']] as const) {
      const badAt = Buffer.byteLength(text(l.slice(0, 4)));
      expect(file.issues[0]).toEqual({ severity: 'error', message: expect.stringMatching(/^item 4: malformed JSON: /), location: `line 5, byte ${badAt}${of}` });
    }
    const good = (l: string[]): string[] => [...l.slice(0, 4), ...l.slice(5)];
    expect(events.map((e) => e.text)).toEqual([...good(plain), ...good(zipped)]);
  });

  it('a malformed event is placed where it breaks in the file, in every format: never by the parser\'s position in the event alone', async () => {
    const [e1, e2, e3] = [eventJson(1), eventJson(2), eventJson(3)];
    // A value that is no JSON, a missing comma and a cut: each where V8 sees it, counted in the file's bytes (the é is two).
    const bad = e2.replace('"GetObject"', '"GetObjé", "n": x');
    const noComma = e2.replace('","eventName"', '" "eventName"');
    const cut = e2.slice(0, 60);
    const pretty = `${JSON.stringify({ Records: [e1, bad, e3].map((text) => JSON.parse(text.replace(' x', ' 0')) as unknown) }, null, 4)}\n`.replace('"n": 0', '"n": x');
    const prettyGz = gzipSync(pretty);
    const cell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const files = {
      'a-array.json': `[${e1},${bad},${e3}]`,
      'b-lines.ndjson': `${e1}\n${noComma}\n${e3}\n`,
      'c-export.log': [e1, cut, e3].map((text) => `2024-03-01T00:00:01.000Z ${text}`).join('\n'),
      'd-lookup.json': JSON.stringify({ Events: [e1, cut, e3].map((text, i) => ({ EventId: String(i), CloudTrailEvent: text })) }),
      'e-console.csv': ['Event ID,CloudTrail event', ...[e1, cut, e3].map((text, i) => `${i},${cell(text)}`)].join('\n'),
      'f-pretty.json': pretty,
      'g-pretty.json.gz': prettyGz,
    };
    const dir = await folder(files);
    const { files: read } = await scan([dir]);
    const byteOf = (text: string, part: string, from = 0): number => Buffer.byteLength(text.slice(0, text.indexOf(part, from)));
    const arrayText = files['a-array.json'];
    const exportText = files['c-export.log'];
    const lineStart = (text: string, line: number): number => Buffer.byteLength(text.split('\n').slice(0, line - 1).join('\n')) + 1;
    const prettyItem = pretty.lastIndexOf('{', pretty.indexOf('GetObj\u00e9'));
    // The same two events are read from every file: stored once, then duplicates.
    expect(summary(read.map((f) => ({ ...f, events: f.events + f.duplicates })), dir)).toEqual([
      { path: 'a-array.json', format: 'json-array', events: 2, issues: [`error: item 1: malformed JSON: unexpected token 'x' (byte ${byteOf(arrayText, ' x,') + 1}) @ byte ${byteOf(arrayText, bad)}`] },
      { path: 'b-lines.ndjson', format: 'ndjson', events: 2, issues: [`error: item 1: malformed JSON: expected ',' or '}' after property value (line 2, byte ${lineStart(files['b-lines.ndjson'], 2) + noComma.indexOf(' "eventName"') + 1}) @ line 2, byte ${lineStart(files['b-lines.ndjson'], 2)}`] },
      // The cut line ends the string it cuts: its end, after the time CloudWatch wrote before the event.
      { path: 'c-export.log', format: 'cloudwatch-export', events: 2, issues: [`error: item 1: malformed JSON: unterminated string (line 2, byte ${lineStart(exportText, 3) - 1}) @ line 2, byte ${lineStart(exportText, 2)}`] },
      // The event is a string's value, escapes undone: its fault is told in that string.
      { path: 'd-lookup.json', format: 'lookup-events', events: 2, issues: [`error: item 1: malformed JSON: unterminated string (character ${cut.length} of its CloudTrailEvent string) @ byte ${byteOf(files['d-lookup.json'], '{"EventId":"1"')}`] },
      // Likewise a cell's value, its quotes undoubled, named by its column.
      { path: 'e-console.csv', format: 'csv', events: 2, issues: [`error: item 1: malformed JSON: unterminated string (character ${cut.length} of its CloudTrail event cell) @ line 3`] },
      // A document written over many lines: the line too, as an editor counts them (of the decompressed text for gzip).
      { path: 'f-pretty.json', format: 'cloudtrail-records', events: 2, issues: [`error: item 1: malformed JSON: unexpected token 'x' (${placeIn(pretty, '"n": x', 5)}) @ ${placeIn(pretty, prettyItem)}`] },
      { path: 'g-pretty.json.gz', format: 'cloudtrail-records', events: 2, issues: [`error: item 1: malformed JSON: unexpected token 'x' (${placeIn(pretty, '"n": x', 5)} of the decompressed content) @ ${placeIn(pretty, prettyItem)} of the decompressed content`] },
    ]);
  });

  it('a trail document with its Records key written twice: the events of both arrays, and a warning', async () => {
    const text = `{"Records":[${eventJson(1)}],\n"Records":[${eventJson(2)},${eventJson(3)}]}`;
    const dir = await folder({ 'twice.json': text });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.format, f.events, f.issues])).toEqual([['cloudtrail-records', 3, [{
      severity: 'warning',
      message: 'more than one array of events in one document (the next is "Records"): the events of each are read; tools that keep one value per key, such as jq, see only some of them',
      location: placeIn(text, text.lastIndexOf('[{')),
    }]]]);
    expect(events.map((event) => event.text)).toEqual([eventJson(1), eventJson(2), eventJson(3)]);
  });

  it('a JSON document written over many lines gives the line of each problem with its byte, as an editor numbers it: plain, gzipped, with CRLF, past its first 64 KB', async () => {
    // 600 events pretty-printed as jq prints them (about 230 KB, the é two bytes), the last in a second Records array: one without a time,
    // two items not CloudTrail, one damaged (a comma missing); then zero padding, and stray text after the document.
    const items = Array.from({ length: 600 }, (_, i) => (i === 300 ? eventJson(i + 1, { eventTime: undefined }) : i === 450 || i === 451 ? '{"case":"notes"}' : eventJson(i + 1, { userAgent: 'café' })));
    const texts = items.map((text) => JSON.stringify(JSON.parse(text), null, 2).replaceAll('\n', '\n    '));
    texts[500] = texts[500]!.replace('",\n      "eventName"', '"\n      "eventName"');
    const document = `{\n  "Records": [\n    ${texts.slice(0, 599).join(',\n    ')}\n  ],\n  "Records": [\n    ${texts[599]}\n  ]\n}\n${'\u0000'.repeat(30)}\nleftover\n`;
    expect(document.length).toBeGreaterThan(3 * 64 * 1024);
    const crlf = (text: string): string => text.replaceAll('\n', '\r\n');
    const dir = await folder({ 'a-pretty.json': document, 'b-pretty.json.gz': gzipSync(document), 'c-crlf.json': crlf(document) });
    const { files: read } = await scan([dir]);
    // The same events in each file: stored once, then duplicates.
    const files = read.map((f) => ({ ...f, events: f.events + f.duplicates }));
    /** Each problem, where the file's text (LF or CRLF) places it. */
    const expected = (lineEnd: (text: string) => string, of = ''): string[] => {
      const text = lineEnd(document);
      const at = (part: string | number, plus = 0): string => `${placeIn(text, typeof part === 'string' ? lineEnd(part) : part, plus)}${of}`;
      const [damaged, untimed, notes] = [texts[500]!, texts[300]!, texts[450]!];
      // As read: the damaged event, the second array and the padding fall in the same piece of 64 KB, whose items are handed out after what the splitter met in it.
      return [
        `warning: more than one array of events in one document (the next is "Records"): the events of each are read; tools that keep one value per key, such as jq, see only some of them @ ${at(text.lastIndexOf('['))}`,
        `warning: zero padding: 30 NUL characters, as a preallocated file or an interrupted write or copy leaves; passed over (no events in it) @ ${at('\u0000')}`,
        `error: item 500: malformed JSON: expected ',' or '}' after property value (${at(text.indexOf('"eventName"', text.indexOf(lineEnd(damaged))))}) @ ${at(damaged)}`,
        `error: malformed JSON: unexpected content after the JSON document; the rest of the file is not read @ ${at('leftover')}`,
        `warning: 1 event has no readable time (no eventTime, or one in a form not read): kept, listed after the timed events @ ${at(untimed)}`,
        `warning: 2 items are not CloudTrail events and were skipped @ ${at(notes)}`,
      ];
    };
    expect(summary(files, dir)).toEqual([
      { path: 'a-pretty.json', format: 'cloudtrail-records', events: 597, issues: expected((text) => text) },
      { path: 'b-pretty.json.gz', format: 'cloudtrail-records', events: 597, issues: expected((text) => text, ' of the decompressed content') },
      { path: 'c-crlf.json', format: 'cloudtrail-records', events: 597, issues: expected(crlf) },
    ]);
  });

  it('lookup-events output: the CloudTrailEvent string is the event, EventTime in either form', async () => {
    const lookup = {
      Events: [
        { EventId: 'x1', EventName: 'GetObject', EventTime: 1709251201.0, CloudTrailEvent: eventJson(1) },
        { EventId: 'x2', EventName: 'GetObject', EventTime: '2024-03-01T00:00:02+00:00', CloudTrailEvent: eventJson(2) },
        { EventId: 'x3', EventName: 'Broken' },
      ],
      NextToken: 'abc',
    };
    const dir = await folder({ 'lookup.json': JSON.stringify(lookup, null, 2) });
    const { files, events } = await scan([dir]);
    expect(files[0]).toMatchObject({ format: 'lookup-events', events: 2 });
    const text = JSON.stringify(lookup, null, 2);
    expect(files[0]!.issues).toEqual([{ severity: 'error', message: 'item 2: no "CloudTrailEvent" string in this item', location: placeIn(text, text.lastIndexOf('{', text.indexOf('"x3"'))) }]);
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2)]);
    expect(events[0]!.time).toBe(Date.UTC(2024, 2, 1, 0, 0, 1));
  });

  it('lookup-events items outside their array (a root array, one per line), and EventTime for an event without its own time', async () => {
    const untimed = (n: number): string => eventJson(n, { eventTime: undefined });
    const item = (n: number, time: unknown) => ({ EventId: `x${n}`, EventTime: time, CloudTrailEvent: untimed(n) });
    const dir = await folder({
      'a.json': JSON.stringify({ Events: [item(1, 1709251201), item(2, '2024-03-01T00:00:02+00:00')] }),
      'b-array.json': JSON.stringify([item(3, 1709251203.5), { EventId: 'x4', CloudTrailEvent: eventJson(4) }]),
      'c-lines.ndjson': `${JSON.stringify(item(5, '2024-03-01 00:00:05'))}\n${JSON.stringify(item(6, 'not a time'))}\n`,
    });
    const { files, events } = await scan([dir]);
    // Item 6's EventTime is no time either: it is the file's one event without a time.
    const untimedIssue = { severity: 'warning', message: '1 event has no readable time (no eventTime, or one in a form not read): kept, listed after the timed events', location: `line 2, byte ${Buffer.byteLength(JSON.stringify(item(5, '2024-03-01 00:00:05'))) + 1}` };
    expect(files.map((f) => [f.format, f.events, f.issues])).toEqual([['lookup-events', 2, []], ['json-array', 2, []], ['ndjson', 2, [untimedIssue]]]);
    expect(events.map((e) => e.text)).toEqual([untimed(1), untimed(2), untimed(3), eventJson(4), untimed(5), untimed(6)]);
    expect(events.map((e) => e.time)).toEqual([1, 2, 3.5, 4, 5, NaN].map((s) => Date.UTC(2024, 2, 1) + s * 1000));
  });

  it('CloudWatch Logs exports and filter-log-events output', async () => {
    const dir = await folder({
      'export.txt': `2024-03-01T00:00:01.000Z ${eventJson(1)}\n2024-03-01 00:00:02.000 ${eventJson(2)}\n`,
      'filter.json': JSON.stringify({ events: [{ logStreamName: 's', timestamp: 1, message: eventJson(3) }, { message: 'not json' }], searchedLogStreams: [] }),
    });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.format, f.events])).toEqual([['cloudwatch-export', 2], ['cloudwatch-log-events', 1]]);
    expect(files[1]!.issues[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^item 1: malformed JSON: /) });
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2), eventJson(3)]);
  });

  it('flags an event whose JSON stood in its file as a string or a CSV cell: its text is that value unescaped, not the file\'s characters', async () => {
    const cell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const dir = await folder({
      'a-records.json': records([eventJson(1)]),
      'b-array.json': `[${eventJson(2)}]`,
      'c.ndjson': `${eventJson(3)}\n${eventJson(4)}\n`,
      'd-export.txt': `2024-03-01T00:00:05.000Z ${eventJson(5)}\n`,
      'e-lookup.json': JSON.stringify({ Events: [{ EventId: 'x6', CloudTrailEvent: eventJson(6) }] }, null, 4),
      'f-filter.json': JSON.stringify({ events: [{ logStreamName: 's', timestamp: 1, message: eventJson(7) }], searchedLogStreams: [] }),
      'g-jq-items.json': JSON.stringify([{ EventId: 'x8', CloudTrailEvent: eventJson(8) }]),
      'h-lake.csv': `eventjson\n${cell(eventJson(9))}\n`,
      'i-insights.csv': `@timestamp,@message\n2024-03-01 00:00:10.000,${cell(eventJson(10))}\n`,
    });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => f.format)).toEqual(['cloudtrail-records', 'json-array', 'ndjson', 'cloudwatch-export', 'lookup-events', 'cloudwatch-log-events', 'json-array', 'csv', 'cloudwatch-insights-csv']);
    expect(events.map((e) => e.text)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => eventJson(n)));
    expect(events.map((e) => e.flags)).toEqual([0, 0, 0, 0, 0, 32, 32, 32, 32, 32]);
  });

  it('keeps what held each event read out of a value as it stood in the file (an item, a CSV row, an export line), the value cut out where it reads back exactly; nothing for a trail file', async () => {
    const cell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const lookup = JSON.stringify({ Events: [{ EventId: 'x6', Username: 'alice', Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: 'Admin' }], CloudTrailEvent: eventJson(6) }] }, null, 4).replaceAll('\n', '\r\n');
    const filter = JSON.stringify({ events: [{ logStreamName: '111122223333_CloudTrail_us-east-1', timestamp: 1709251207000, message: eventJson(7), ingestionTime: 1709251267000, eventId: '37880' }], searchedLogStreams: [] });
    // A writer that escapes what JSON.stringify does not (Python's ensure_ascii, an escaped '/'): its item is kept whole.
    const accented = eventJson(8, { userAgent: 'café/1.0' });
    const python = `[{"EventId": "x8", "CloudTrailEvent": ${JSON.stringify(accented).replaceAll('é', '\\u00e9').replaceAll('/', '\\/')}}]`;
    const dir = await folder({
      'a-records.json': records([eventJson(1)]),
      'b.ndjson': `${eventJson(2)}\n`,
      'c-export.txt': `2024-03-01T00:00:05.000Z ${eventJson(5)}\r\n`,
      'd-lookup.json': lookup,
      'e-filter.json': filter,
      'f-python.json': python,
      'g-lake.csv': `eventtime,eventjson\r\n2024-03-01 00:00:09.000,${cell(eventJson(9))}\r\n`,
      'h-insights.csv': `@timestamp,@message,@logStream\n2024-03-01 00:00:10.000,${cell(eventJson(10))},s\n`,
    });
    const { files, events } = await scan([dir]);
    const lookupItem = lookup.slice(lookup.indexOf('{', lookup.indexOf('[')), lookup.lastIndexOf('}', lookup.lastIndexOf(']')) + 1);
    const filterItem = filter.slice(filter.indexOf('{"logStreamName"'), filter.indexOf('],"searchedLogStreams"'));
    expect(events.map((e) => e.text)).toEqual([eventJson(1), eventJson(2), eventJson(5), eventJson(6), eventJson(7), accented, eventJson(9), eventJson(10)]);
    expect(events.map((e) => e.wrapper)).toEqual([
      undefined,
      undefined,
      { text: '2024-03-01T00:00:05.000Z ', at: 25 },
      { text: lookupItem.replace(JSON.stringify(eventJson(6)), ''), at: lookupItem.indexOf('"CloudTrailEvent": ') + 19 },
      { text: filterItem.replace(JSON.stringify(eventJson(7)), ''), at: filterItem.indexOf('"message":') + 10 },
      { text: python.slice(1, -1), at: WHOLE },
      { text: '2024-03-01 00:00:09.000,', at: 24 },
      { text: '2024-03-01 00:00:10.000,,s', at: 24 },
    ]);
    expect(events.slice(2).map((e) => asInFile(files[e.file]!.format, e.wrapper!, e.text))).toEqual([
      `2024-03-01T00:00:05.000Z ${eventJson(5)}`,
      lookupItem,
      filterItem,
      python.slice(1, -1),
      `2024-03-01 00:00:09.000,${cell(eventJson(9))}`,
      `2024-03-01 00:00:10.000,${cell(eventJson(10))},s`,
    ]);
  });

  it('CloudWatch Logs Insights results, CSV and JSON, of a log group a trail delivers to: @message is the event, a row without one is an error of its own', async () => {
    const corpus = async (name: string): Promise<string[]> => (await readFile(join(CORPUS, 'panther-analysis', `${name}_cloudtrail.ndjson`), 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const [attacker, victim, enrichment] = [await corpus('compromised-root-creds.attacker'), await corpus('compromised-root-creds.victim'), await corpus('enrichment-example.attacker')];
    // Insights shows @timestamp as UTC, to the millisecond, with a space.
    const stamp = (text: string): string => new Date((JSON.parse(text) as { eventTime: string }).eventTime).toISOString().replace('T', ' ').replace('Z', '');
    const cell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const [plainText, otherJson] = ['START RequestId: 6bd3c4a1 Version: $LATEST', '{"level":"info","msg":"not an event"}'];
    const stream = '123456789012_CloudTrail_us-east-1';
    const csv = [
      '@timestamp,@message,@logStream,@log',
      ...attacker.slice(0, 5).map((text) => `${stamp(text)},${cell(text)},${stream},123456789012:aws-cloudtrail-logs`),
      `2024-01-02 03:04:05.678,${cell(plainText)},${stream},123456789012:aws-cloudtrail-logs`,
      ...attacker.slice(5).map((text) => `${stamp(text)},${cell(text)},${stream},123456789012:aws-cloudtrail-logs`),
      `2024-01-02 03:04:06.000,${cell(otherJson)},${stream},123456789012:aws-cloudtrail-logs`,
    ].join('\r\n');
    const twoColumns = ['@timestamp,@message', ...victim.map((text) => `${stamp(text)},${cell(text)}`)].join('\n');
    const rows = [
      ...enrichment.slice(0, 3).map((text) => ({ '@timestamp': stamp(text), '@message': text })),
      { '@timestamp': '2024-01-02 03:04:05.678', '@message': plainText },
      ...enrichment.slice(3).map((text) => ({ '@timestamp': stamp(text), '@message': text, '@logStream': stream })),
      { '@timestamp': '2024-01-02 03:04:06.000', '@message': otherJson },
    ];
    const json = JSON.stringify(rows, null, 2);
    const dir = await folder({ 'a-insights.csv': csv, 'b-insights.csv': twoColumns, 'c-insights.json': json });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events])).toEqual([
      ['a-insights.csv', 'cloudwatch-insights-csv', 12],
      ['b-insights.csv', 'cloudwatch-insights-csv', 4],
      ['c-insights.json', 'cloudwatch-insights-json', 7],
    ]);
    // Where the message stops being JSON is told in the cell or string that holds it, not by the parser's position in it alone.
    const notJson = (item: number, holder: string): string => `item ${item}: its @message is not a CloudTrail event (not JSON: unexpected token 'S' at character 0 of its @message ${holder})`;
    const notEvent = "its @message is not a CloudTrail event (JSON without CloudTrail's event fields)";
    // The row's item number (from 0) and the line it is on (the header is line 1), or its byte offset.
    expect(files[0]!.issues).toEqual([
      { severity: 'error', message: notJson(5, 'cell'), location: 'line 7' },
      { severity: 'error', message: `item 13: ${notEvent}`, location: 'line 15' },
    ]);
    expect(files[1]!.issues).toEqual([]);
    const rowAt = (message: string): string => placeIn(json, json.lastIndexOf('{', json.indexOf(JSON.stringify(message))));
    expect(files[2]!.issues).toEqual([
      { severity: 'error', message: notJson(3, 'string'), location: rowAt(plainText) },
      { severity: 'error', message: `item 8: ${notEvent}`, location: rowAt(otherJson) },
    ]);
    // Each event's original text is the corpus line byte for byte, as CSV unquoting or JSON decoding gives it back.
    expect(events.map((e) => e.text)).toEqual([...attacker, ...victim, ...enrichment]);
    expect(events.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 0, 1, 2, 3, 0, 1, 2, 4, 5, 6, 7]);
  });

  it('`aws logs get-query-results` output: each row\'s @message field is the event; a row with another message or none is an error of its own at its byte offset', async () => {
    const lines = async (name: string): Promise<string[]> => (await readFile(join(CORPUS, 'panther-analysis', `${name}_cloudtrail.ndjson`), 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const [corpus, victim] = [await lines('compromised-root-creds.attacker'), await lines('compromised-root-creds.victim')];
    const stamp = (text: string): string => new Date((JSON.parse(text) as { eventTime: string }).eventTime).toISOString().replace('T', ' ').replace('Z', '');
    const row = (fields: Record<string, string>): { field: string; value: string }[] => Object.entries(fields).map(([field, value]) => ({ field, value }));
    const ptr = (n: number): string => `CmAKJwojMTIzNDU2Nzg5MDEyOmF3cy1jbG91ZHRyYWlsLWxvZ3MQBxI1GhgCBmYp${n}`;
    const rows = [
      ...corpus.slice(0, 4).map((text, n) => row({ '@timestamp': stamp(text), '@message': text, '@ptr': ptr(n) })),
      row({ '@timestamp': '2024-01-02 03:04:05.678', '@message': 'START RequestId: 6bd3c4a1 Version: $LATEST', '@ptr': ptr(4) }),
      row({ '@timestamp': '2024-01-02 03:04:05.679', '@ptr': ptr(5) }),
      // Fields queried beside @message (eventName) leave it the event.
      ...corpus.slice(4, 8).map((text, n) => row({ '@timestamp': stamp(text), eventName: (JSON.parse(text) as { eventName: string }).eventName, '@message': text, '@ptr': ptr(6 + n) })),
      row({ '@timestamp': '2024-01-02 03:04:06.000', '@message': '{"level":"info","msg":"not an event"}', '@ptr': ptr(10) }),
      ...corpus.slice(8).map((text, n) => row({ '@timestamp': stamp(text), '@message': text, '@ptr': ptr(11 + n) })),
    ];
    // The AWS CLI prints its JSON output indented by 4 spaces; the statistics and status follow the rows.
    const output = JSON.stringify({ results: rows, statistics: { recordsMatched: 14.0, recordsScanned: 14.0, bytesScanned: 20480.0 }, status: 'Complete' }, null, 4);
    const compact = JSON.stringify({ status: 'Complete', results: victim.slice(0, 2).map((text, n) => row({ '@message': text, '@ptr': ptr(20 + n) })) });
    const dir = await folder({ 'a-results.json': output, 'b-results': compact, 'c-other.json': '{"results":[1,{"a":2}],"status":"Complete"}' });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events])).toEqual([
      ['a-results.json', 'cloudwatch-insights-results', 12],
      ['b-results', 'cloudwatch-insights-results', 2],
      ['c-other.json', 'cloudwatch-insights-results', 0],
    ]);
    const rowAt = (n: number): string => placeIn(output, output.lastIndexOf('[', output.indexOf(ptr(n))));
    expect(files[0]!.issues).toEqual([
      { severity: 'error', message: "item 4: its @message is not a CloudTrail event (not JSON: unexpected token 'S' at character 0 of its @message string)", location: rowAt(4) },
      { severity: 'error', message: 'item 5: no "@message" field in this row', location: rowAt(5) },
      { severity: 'error', message: "item 10: its @message is not a CloudTrail event (JSON without CloudTrail's event fields)", location: rowAt(10) },
    ]);
    expect(files[1]!.issues).toEqual([]);
    expect(files[2]!.issues).toEqual([{ severity: 'error', message: "valid JSON, but not CloudTrail: none of its 2 items has CloudTrail's event fields", location: 'byte 12' }]);
    // Each event's original text is the corpus line byte for byte, as decoding the JSON string gives it back.
    expect(events.map((e) => e.text)).toEqual([...corpus, ...victim.slice(0, 2)]);
    expect(events.map((e) => e.index)).toEqual([0, 1, 2, 3, 6, 7, 8, 9, 11, 12, 13, 14, 0, 1]);
  });

  it('`aws logs get-query-results` output damaged in a row (cut short, a stray quote, stray brackets after it): an error where, and every row after it read, pretty-printed and compact', async () => {
    const corpus = (await readFile(join(CORPUS, 'panther-analysis', 'compromised-root-creds.attacker_cloudtrail.ndjson'), 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const rows = corpus.map((text, n) => [
      { field: '@timestamp', value: `2024-01-02 03:04:${10 + n}.000` },
      { field: '@message', value: text },
      { field: '@ptr', value: `CmAKJwojMTIzNDU2Nzg5MDEy${n}` },
    ]);
    const statistics = { recordsMatched: rows.length, recordsScanned: rows.length, bytesScanned: 20480 };
    // As the AWS CLI prints it (4 spaces), and compact; each row's text in the document, and what joins them.
    const forms = {
      pretty: { texts: rows.map((row) => JSON.stringify(row, null, 4).replaceAll('\n', '\n        ')), head: '{\n    "results": [\n        ', between: ',\n        ', tail: `\n    ],\n    "statistics": ${JSON.stringify(statistics, null, 4).replaceAll('\n', '\n    ')},\n    "status": "Complete"\n}` },
      compact: { texts: rows.map((row) => JSON.stringify(row)), head: '{"results":[', between: ',', tail: `],"statistics":${JSON.stringify(statistics)},"status":"Complete"}` },
    };
    expect(forms.pretty.head + forms.pretty.texts.join(forms.pretty.between) + forms.pretty.tail).toBe(JSON.stringify({ results: rows, statistics, status: 'Complete' }, null, 4));
    expect(forms.compact.head + forms.compact.texts.join(forms.compact.between) + forms.compact.tail).toBe(JSON.stringify({ results: rows, statistics, status: 'Complete' }));
    for (const [name, { texts, head, between, tail }] of Object.entries(forms)) {
      // Row 2 cut inside its @message (an interrupted copy), a stray quote in row 5's @ptr, stray brackets after rows 8 to 10 (a `]` closes the array early).
      const cut = texts[2]!.slice(0, texts[2]!.indexOf('eventName') + 4);
      const quoted = texts[5]!.replace('CmAKJwoj', 'CmAK"Jwoj');
      const damaged = texts.map((text, n) => (n === 2 ? cut : n === 5 ? quoted : n === 8 ? `${text}}}` : n === 9 ? `${text}]]` : n === 10 ? `${text}]` : text));
      const text = head + damaged.join(between) + tail;
      // Where a part of the text begins, or `plus` characters after: by line and byte in the pretty-printed form, by byte alone in the compact one (all on line 1).
      const at = (part: string, plus = 0): string => placeIn(text, part, plus);
      const dir = await folder({ [`${name}.json`]: text });
      const { files, events } = await scan([dir]);
      const passedOver = (fault: string, faultAt: string, from: string, next: string): string =>
        `error: malformed JSON: ${fault} (${faultAt}); the damaged text is passed over, and reading goes on at ${next}, where the next row begins @ ${from}`;
      const after = (n: number, plus = 0): string => at(texts[n]!, texts[n]!.length + plus);
      const [cutAt, quoteAt] = [at(cut), at(quoted)];
      expect(summary(files, dir), name).toEqual([
        {
          path: `${name}.json`,
          format: 'cloudwatch-insights-results',
          events: corpus.length - 2,
          // Either form: a row that does not parse, with the next row's start inside it, is damaged up to there.
          issues: [
            passedOver('an item still open where the next begins', at(texts[3]!), cutAt, at(texts[3]!)),
            passedOver('an item still open where the next begins', at(texts[6]!), quoteAt, at(texts[6]!)),
            passedOver("expected ',' or ']'", after(8), after(8), at(texts[9]!)),
            passedOver("expected ',' or '}', after a ']' that closed the array early", after(9, 1), after(9), at(texts[10]!)),
            passedOver("expected a key, after a ']' that closed the array early", at(texts[11]!), after(10), at(texts[11]!)),
          ],
        },
      ]);
      expect(events.map((e) => e.text), name).toEqual(corpus.filter((_, n) => n !== 2 && n !== 5));
      // Numbered as read: a row passed over takes no number, as a damaged event passed over in a trail file takes none.
      expect(events.map((e) => e.index), name).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('an Insights JSON row that also holds event fields queried (`fields @message, eventName`) is a row, its @message the event', async () => {
    const event = eventJson(7);
    const dir = await folder({ 'rows.json': JSON.stringify([{ '@timestamp': '2024-03-01 00:00:07.000', eventName: 'GetObject', '@message': event }]) });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.format, f.events, f.issues])).toEqual([['cloudwatch-insights-json', 1, []]]);
    expect(events.map((e) => e.text)).toEqual([event]);
  });

  it('Insights rows, CSV, JSON and get-query-results: an event without a readable eventTime has the row\'s @timestamp as its time', async () => {
    // Each file's events differ (eventID from `base`): one without eventTime, one with an unreadable one, one with its own (2024-03-01T00:00:nnZ).
    const texts = (base: number): string[] => [eventJson(base + 1, { eventTime: undefined }), eventJson(base + 2, { eventTime: 'not a time' }), eventJson(base + 3)];
    const stamp = (i: number): string => `2024-01-02 03:04:0${i + 1}.678`;
    const cell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const csv = ['@timestamp,@message', ...texts(0).map((text, i) => `${stamp(i)},${cell(text)}`)].join('\n');
    const noTimeColumn = ['@message,@logStream', `${cell(texts(10)[0]!)},s`].join('\n');
    const json = JSON.stringify(texts(20).map((text, i) => ({ '@timestamp': stamp(i), '@message': text })));
    const results = JSON.stringify({ results: texts(30).map((text, i) => [{ field: '@timestamp', value: stamp(i) }, { field: '@message', value: text }]), status: 'Complete' });
    const dir = await folder({ 'a.csv': csv, 'b.csv': noTimeColumn, 'c.json': json, 'd.json': results });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.format, f.events, f.issues])).toEqual([
      ['cloudwatch-insights-csv', 3, []],
      ['cloudwatch-insights-csv', 1, [{ severity: 'warning', message: '1 event has no readable time (no eventTime, or one in a form not read): kept, listed after the timed events', location: 'line 2' }]],
      ['cloudwatch-insights-json', 3, []],
      ['cloudwatch-insights-results', 3, []],
    ]);
    const rowTimes = (base: number): number[] => [Date.UTC(2024, 0, 2, 3, 4, 1, 678), Date.UTC(2024, 0, 2, 3, 4, 2, 678), Date.UTC(2024, 2, 1, 0, 0, base + 3)];
    expect(events.map((e) => e.time)).toEqual([...rowTimes(0), NaN, ...rowTimes(20), ...rowTimes(30)]);
    // Three digits of fraction, as the @timestamp is written; an event's own whole-second time has none.
    const fractions = [packFraction(3, 0), packFraction(3, 0), 0];
    expect(events.map((e) => e.timeFraction ?? 0)).toEqual([...fractions, 0, ...fractions, ...fractions]);
  });

  it('console Event history CSV (columns by name) and CloudTrail Lake results', async () => {
    const consoleCsv = [
      'Event name,Event time,User name,Event source,AWS access key,AWS region,Error code,Source IP address,Event ID,Read-only',
      'ConsoleLogin,2024-03-01T10:00:00Z,alice,signin.amazonaws.com,,us-east-1,,198.51.100.7,e-1,false',
      '"PutObject","2024-03-01T10:05:00Z","bob","s3.amazonaws.com","AKIAEXAMPLE","eu-west-1","AccessDenied","198.51.100.8","e-2","false"',
    ].join('\r\n');
    const lake = ['eventTime,eventName,userIdentity.arn,sourceIPAddress,eventJson', `2024-03-01 11:00:00.000,GetObject,arn:aws:iam::1:user/u1,192.0.2.1,"${eventJson(1).replaceAll('"', '""')}"`].join('\n');
    const dir = await folder({ 'console.csv': consoleCsv, 'result_1.csv.gz': gzipSync(lake) });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.format, f.events, f.issues])).toEqual([['csv', 2, []], ['csv', 1, []]]);
    expect(events.map((e) => [e.eventName, e.actor, e.sourceIp, e.region, e.errorCode, e.accessKey, e.readOnly])).toEqual([
      ['ConsoleLogin', 'alice', '198.51.100.7', 'us-east-1', '', '', 0],
      ['PutObject', 'bob', '198.51.100.8', 'eu-west-1', 'AccessDenied', 'AKIAEXAMPLE', 0],
      ['GetObject', 'arn:aws:iam::111122223333:user/u1', '192.0.2.1', '', '', '', -1],
    ]);
    expect(events[0]!.text).toBe('ConsoleLogin,2024-03-01T10:00:00Z,alice,signin.amazonaws.com,,us-east-1,,198.51.100.7,e-1,false');
    expect(events[2]!.text).toBe(eventJson(1));
  });

  it('console Event history CSV as spreadsheet programs save it: semicolons (Excel in a locale with a decimal comma), tabs in UTF-16 (Unicode Text), a comma file whose cells hold semicolons', async () => {
    const header = ['Event name', 'Event time', 'User name', 'Source IP address', 'Event ID', 'CloudTrail event'];
    const row = (n: number, name: string, separator: string) => [name, `2024-03-01T10:00:0${n}Z`, 'alice', `198.51.100.${n}`, `e-${n}`, `"${eventJson(n, { eventName: name }).replaceAll('"', '""')}"`].join(separator);
    const semicolons = [header.join(';'), row(1, 'ConsoleLogin', ';'), row(2, 'GetObject', ';')].join('\r\n');
    const tabs = [header.join('\t'), row(3, 'PutObject', '\t')].join('\r\n');
    const commas = [`${header.join(',')},Resources`, `${row(4, 'DeleteObject', ',')},"a;b;c;d;e;f;g"`].join('\n');
    const dir = await folder({
      'a-semicolons.csv': semicolons,
      'b-unicode-text.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabs, 'utf16le')]),
      'c-commas.csv': commas,
      // A stray quote, in a semicolon file: its reason names the semicolon.
      'd-stray.csv': [header.join(';'), row(5, 'ListBuckets', ';'), `"x"y;${row(6, 'GetBucketAcl', ';').slice(2)}`, row(7, 'GetBucketPolicy', ';')].join('\n'),
    });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events, f.issues.map((i) => `${i.severity}: ${i.message} @ ${i.location}`)])).toEqual([
      ['a-semicolons.csv', 'csv', 2, []],
      ['b-unicode-text.txt', 'csv', 1, ['warning: text is UTF-16LE, read as such @ ']],
      ['c-commas.csv', 'csv', 1, []],
      ['d-stray.csv', 'csv', 2, ['error: CSV row not read: a quote inside a quoted cell is neither doubled nor followed by a semicolon or a line break; reading goes on from the next line @ line 3']],
    ]);
    expect(events.map((e) => e.text)).toEqual([1, 2, 3, 4].map((n) => eventJson(n, { eventName: ['ConsoleLogin', 'GetObject', 'PutObject', 'DeleteObject'][n - 1] })).concat([5, 7].map((n) => eventJson(n, { eventName: n === 5 ? 'ListBuckets' : 'GetBucketPolicy' }))));
  });

  it('CloudTrail Lake results of selected columns: eventjson alone, the useridentity struct, useridentity.arn', async () => {
    const cell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
    const role = 'arn:aws:iam::111122223333:role/Admin';
    const session = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';
    const assumed = `{type=AssumedRole, principalid=AROAEXAMPLE:alice, arn=${session}, accountid=111122223333, accesskeyid=ASIAEXAMPLE, username=null, sessioncontext={attributes={creationdate=2024-03-01 09:00:00.000, mfaauthenticated=false}, sessionissuer={type=Role, principalid=AROAEXAMPLE, arn=${role}, accountid=111122223333, username=Admin}}, invokedby=null, identityprovider=null}`;
    const user = '{type=IAMUser, principalid=AIDAEXAMPLE, arn=arn:aws:iam::444455556666:user/bob, accountid=444455556666, accesskeyid=AKIAEXAMPLE, username=bob, sessioncontext=null, invokedby=null}';
    const service = '{type=AWSService, principalid=null, arn=null, accountid=null, accesskeyid=null, username=null, sessioncontext=null, invokedby=AWS Internal}';
    const dir = await folder({
      'a/result_1.csv.gz': gzipSync(['eventjson', cell(eventJson(1)), cell(eventJson(2))].join('\n')),
      'b/result_1.csv.gz': gzipSync(['eventjson,eventjsonchecksum', `${cell(eventJson(3))},abc`].join('\r\n')),
      'c/result_1.csv.gz': gzipSync([
        'eventid,eventtime,arn,eventname,useridentity',
        `e-4,2025-01-21 17:49:47.000000000,${role},GetObject,"${assumed}"`,
        `e-5,2025-01-21 17:49:48.000000000,,PutObject,"${user}"`,
        `e-6,2025-01-21 17:49:49.000000000,,Decrypt,"${service}"`,
      ].join('\n')),
      'd/result_1.csv': ['eventtime,eventname,arn', `2025-01-21 17:50:00.000000000,ListBuckets,${session}`].join('\n'),
      'e/notes.txt': 'eventjson\nnot a cell',
    });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events, f.issues.map((i) => i.message)])).toEqual([
      ['a/result_1.csv.gz', 'csv', 2, []],
      ['b/result_1.csv.gz', 'csv', 1, []],
      ['c/result_1.csv.gz', 'csv', 3, []],
      ['d/result_1.csv', 'csv', 1, []],
      ['e/notes.txt', 'unrecognised', 0, ['not a CloudTrail export: the content is neither JSON, JSON lines, CloudWatch Logs lines nor CSV']],
    ]);
    expect(events.slice(0, 3).map((e) => e.text)).toEqual([eventJson(1), eventJson(2), eventJson(3)]);
    expect(events.slice(3).map((e) => [e.eventName, e.time, e.actor, e.actorType, e.account, e.accessKey])).toEqual([
      ['GetObject', Date.UTC(2025, 0, 21, 17, 49, 47), session, 'AssumedRole', '111122223333', 'ASIAEXAMPLE'],
      ['PutObject', Date.UTC(2025, 0, 21, 17, 49, 48), 'arn:aws:iam::444455556666:user/bob', 'IAMUser', '444455556666', 'AKIAEXAMPLE'],
      ['Decrypt', Date.UTC(2025, 0, 21, 17, 49, 49), 'AWS Internal', 'AWSService', '', ''],
      ['ListBuckets', Date.UTC(2025, 0, 21, 17, 50, 0), session, '', '', ''],
    ]);
  });

  it('a table with an eventName column among its own is no export: no events, an error naming its columns; narrow Lake selections are still read', async () => {
    const dir = await folder({
      'a/eventtime-eventname-ip.csv': ['eventtime, eventname, sourceipaddress', `2025-01-21 17:50:00.000,ListBuckets,${'192.0.2.1'}`].join('\n'),
      'b/eventname-ip.csv': ['eventname,sourceipaddress', 'GetCallerIdentity,192.0.2.2'].join('\n'),
      'c/eventtime-eventname.csv': ['eventtime,eventname', '2025-01-21 17:51:00.000,ConsoleLogin'].join('\n'),
      'd/names.csv': ['eventName', 'ConsoleLogin', 'GetObject'].join('\n'),
      'e/names-counted.csv': ['eventname,_col1', 'ConsoleLogin,3'].join('\n'),
      'f/rule-test-labels.tsv': await readFile(join(CORPUS, 'panther-analysis', 'rule-test-labels.tsv')),
    });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events, f.issues.map((i) => `${i.severity}: ${i.message} @ ${i.location}`)])).toEqual([
      ['a/eventtime-eventname-ip.csv', 'csv', 1, []],
      ['b/eventname-ip.csv', 'csv', 1, ['warning: 1 event has no readable time (no eventTime, or one in a form not read): kept, listed after the timed events @ line 2']],
      ['c/eventtime-eventname.csv', 'csv', 1, []],
      ['d/names.csv', 'unrecognised', 0, ['error: not a CloudTrail export: a table whose rows are not CloudTrail events: its one column, eventName, is a single CloudTrail field @ line 1']],
      ['e/names-counted.csv', 'unrecognised', 0, ['error: not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (eventname, _col1), only eventname is a CloudTrail field @ line 1']],
      ['f/rule-test-labels.tsv', 'unrecognised', 0, ['error: not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (index, rule_id, test_name, expected_result, eventName), only eventName is a CloudTrail field @ line 1']],
    ]);
    expect(events.map((e) => [e.eventName, e.time, e.sourceIp])).toEqual([
      ['ListBuckets', Date.UTC(2025, 0, 21, 17, 50), '192.0.2.1'],
      ['GetCallerIdentity', Number.NaN, '192.0.2.2'],
      ['ConsoleLogin', Date.UTC(2025, 0, 21, 17, 51), ''],
    ]);
  });

  it("CloudTrail Lake's SELECT * and the console's CSV: failed sign-ins, errors, read-only, actors and keys from their columns", async () => {
    const dir = await folder({ 'result_0a1b.csv.gz': gzipSync(LAKE_CSV), 'event_history.csv': CONSOLE_CSV });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events, f.issues.length])).toEqual([
      ['event_history.csv', 'csv', 20, 0],
      ['result_0a1b.csv.gz', 'csv', 31, 0],
    ]);
    const row = (name: string, at = 0) => events.filter((e) => e.eventName === name).sort((a, b) => a.time - b.time)[at]!;
    const fields = (e: (typeof events)[number]) => [e.eventName, new Date(e.time).toISOString(), e.actor, e.actorType, e.accessKey, e.errorCode, e.readOnly, e.sourceIp, e.account];
    expect([row('ConsoleLogin', 1), row('ConsoleLogin', 2), row('DeleteBucketPolicy', 1), row('GetObject'), row('ConsoleLogin', 0), row('StopLogging')].map(fields)).toEqual([
      // Lake's failed sign-in says so only in responseelements, as map text.
      ['ConsoleLogin', '2024-05-01T10:00:12.000Z', 'arn:aws:iam::111122223333:user/alice', 'IAMUser', '', 'Failed authentication', 0, '198.51.100.23', '111122223333'],
      ['ConsoleLogin', '2024-05-01T10:01:30.000Z', 'arn:aws:iam::111122223333:user/alice', 'IAMUser', '', '', 0, '198.51.100.23', '111122223333'],
      ['DeleteBucketPolicy', '2024-05-01T10:03:40.000Z', ADMIN_SESSION_ARN, 'AssumedRole', 'ASIAADMINSESSION0001', 'AccessDenied', 0, '198.51.100.23', '111122223333'],
      ['GetObject', '2024-05-01T10:04:00.117Z', ADMIN_SESSION_ARN, 'AssumedRole', 'ASIAADMINSESSION0001', '', 1, '198.51.100.23', '111122223333'],
      ['ConsoleLogin', '2024-05-01T09:55:00.000Z', 'alice', '', '', '', 0, '198.51.100.23', ''],
      ['StopLogging', '2024-05-01T09:52:00.000Z', 'carol', '', 'AKIANEW0000000000009', 'AccessDenied', 0, '198.51.100.23', ''],
    ]);
  });

  it('digest files are kept with their content and hashes, never counted as events', async () => {
    const digest = JSON.stringify({ awsAccountId: '111122223333', digestStartTime: '2024-03-01T00:00:00Z', digestEndTime: '2024-03-01T01:00:00Z', logFiles: [{ s3Object: 'AWSLogs/x.json.gz', hashValue: 'ab' }] });
    const key = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240301T010000Z.json.gz';
    const dir = await folder({ [key]: gzipSync(digest) });
    const { files, events, progress } = await scan([dir]);
    expect(events).toEqual([]);
    expect(progress.events).toBe(0);
    expect(files[0]).toMatchObject({ format: 'cloudtrail-digest', digest, s3Key: key, issues: [] });
  });

  it("CloudTrail Lake's sign file, delivered beside saved query results, is kept as a digest is, never an error", async () => {
    const sign = JSON.stringify({ version: '1.0', region: 'us-east-1', files: [{ fileHashValue: 'de85a48b', fileName: 'result_1.csv.gz' }], hashAlgorithm: 'SHA-256', signatureAlgorithm: 'SHA256withRSA', queryCompleteTime: '2022-05-10T22:06:30Z', hashSignature: '7664652a', publicKeyFingerprint: '67b9fa73' }, null, 1);
    const prefix = 'AWSLogs/111122223333/CloudTrail-Lake/Query/2022/05/10/0d5e-query';
    const dir = await folder({ [`${prefix}/result_sign.json`]: sign, [`${prefix}/result_1.csv.gz`]: gzipSync(`eventjson\n"${eventJson(1).replaceAll('"', '""')}"\n`) });
    const { files, progress } = await scan([dir]);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.format, f.events, f.digest, f.issues])).toEqual([
      [`${prefix}/result_1.csv.gz`, 'csv', 1, undefined, []],
      [`${prefix}/result_sign.json`, 'cloudtrail-lake-sign', 0, sign, []],
    ]);
    expect(progress).toMatchObject({ events: 1, errors: 0 });
  });

  it('every event type, Insights events without userIdentity included', async () => {
    const types = ['AwsApiCall', 'AwsConsoleSignIn', 'AwsServiceEvent', 'AwsConsoleAction', 'AwsVpceEvent'];
    const insight = JSON.stringify({ eventVersion: '1.08', eventTime: '2024-03-01T00:00:00Z', awsRegion: 'us-east-1', eventID: 'ins-1', eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight', insightDetails: { state: 'Start' } });
    const dir = await folder({ 'all.json': records([...types.map((eventType, n) => eventJson(n, { eventType })), insight]) });
    const { events } = await scan([dir]);
    expect(events.map((e) => [e.eventType, e.actor])).toEqual([...types.map((t, n) => [t, `arn:aws:iam::111122223333:user/u${n}`]), ['AwsCloudTrailInsight', '']]);
  });

  it('an Insights event delivered by a trail lists under the API it reports on, still an AwsCloudTrailInsight with no caller', async () => {
    const key = 'AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2024/06/01/123456789012_CloudTrail-Insight_us-east-1_20240601T1015Z_k3Zq.json.gz';
    const texts = [INSIGHT_START, INSIGHT_END].map((event) => JSON.stringify(event));
    const dir = await folder({ [`bucket/${key}`]: gzipSync(records(texts)) });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.format, f.s3Key, f.events, f.issues])).toEqual([['cloudtrail-records', key, 2, []]]);
    const common = { eventName: 'RunInstances', eventSource: 'ec2.amazonaws.com', actor: '', actorType: '', sourceIp: '', region: 'us-east-1', account: '123456789012', errorCode: '', accessKey: '', eventType: 'AwsCloudTrailInsight', userAgent: '', readOnly: -1, file: 0, flags: 0 };
    expect(events).toEqual([
      { ...common, time: Date.UTC(2024, 5, 1, 10, 4), timeFraction: 0, index: 0, text: texts[0] },
      { ...common, time: Date.UTC(2024, 5, 1, 10, 11), timeFraction: 0, index: 1, text: texts[1] },
    ]);
  });

  it('records the S3 key a folder layout shows', async () => {
    const key = 'AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2024/03/01/111122223333_CloudTrail_eu-west-1_20240301T0000Z_abc.json.gz';
    const dir = await folder({ [`bucket/${key}`]: gzipSync(records([eventJson(1)])), 'loose.json': records([eventJson(2)]) });
    const { files } = await scan([dir]);
    expect(files.map((f) => f.s3Key)).toEqual([key, '']);
  });
});

describe('duplicates and conflicts', () => {
  it('stores the same event once however often it arrives, and keeps both sides of a conflict', async () => {
    const tampered = eventJson(2, { sourceIPAddress: '203.0.113.66' });
    const dir = await folder({
      'a.json': records([eventJson(1), eventJson(2), eventJson(3)]),
      'b.ndjson': `${eventJson(1)}\n${eventJson(3)}\n`,
      'c.json': records([tampered, eventJson(4)]),
      'd.json': records([JSON.stringify({ eventName: 'NoId', eventTime: '2024-01-01T00:00:00Z' }), JSON.stringify({ eventName: 'NoId', eventTime: '2024-01-01T00:00:00Z' })]),
    });
    const { files, events, conflicts, progress } = await scan([dir]);
    expect(files.map((f) => [f.events, f.duplicates, f.conflicts])).toEqual([[3, 0, 0], [0, 2, 0], [2, 0, 1], [1, 1, 0]]);
    expect(progress).toMatchObject({ events: 6, duplicates: 3, conflicts: 1 });
    expect(events.filter((e) => e.flags & 1).map((e) => e.text)).toEqual([tampered]);
    expect(conflicts).toEqual([{ type: 'conflict', job: 'job-test', eventId: '00000000-0000-0000-0000-000000000002', first: { file: 0, index: 1 }, second: { file: 2, index: 0 } }]);
  });

  it('links the rows of a Lake result of selected columns to the full events of their eventIDs, read before or after, never as conflicts', async () => {
    const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
    const lake = (rows: number[]) => ['eventTime,eventName,eventID,sourceIPAddress', ...rows.map((n) => `2024-03-01 00:00:0${n}.000,GetObject,${id(n)},192.0.2.${n}`)].join('\n');
    const dir = await folder({
      // Read in this order: a row before its full event (1), after it (2), a row again (1), one whose value differs (3), one with no full event (4).
      'a.csv': lake([1]),
      'b.json': records([eventJson(1), eventJson(2), eventJson(3)]),
      'c.csv': lake([2, 1, 4]),
      'd.csv': lake([3]).replace('192.0.2.3', '198.51.100.7'),
    });
    const { files, progress, messages } = await scan([dir]);
    expect(files.map((f) => [f.format, f.events, f.duplicates, f.conflicts])).toEqual([['csv', 1, 0, 0], ['cloudtrail-records', 3, 0, 0], ['csv', 2, 1, 0], ['csv', 1, 0, 0]]);
    expect(progress).toMatchObject({ events: 7, duplicates: 1, conflicts: 0 });
    // Each CSV file keeps its header line, by which the app reads a row again cell by cell.
    expect(files.map((f) => f.csvHeader)).toEqual(['eventTime,eventName,eventID,sourceIPAddress', undefined, 'eventTime,eventName,eventID,sourceIPAddress', 'eventTime,eventName,eventID,sourceIPAddress']);
    // Whether the row's values agree is the app's to tell: the one with another source IP is linked as the others are.
    expect(messages.filter((m) => m.type === 'copy')).toEqual([
      { type: 'copy', job: 'job-test', eventId: id(1), first: { file: 0, index: 0 }, second: { file: 1, index: 0 }, partial: 'first' },
      { type: 'copy', job: 'job-test', eventId: id(2), first: { file: 1, index: 1 }, second: { file: 2, index: 0 }, partial: 'second' },
      { type: 'copy', job: 'job-test', eventId: id(3), first: { file: 1, index: 2 }, second: { file: 3, index: 0 }, partial: 'second' },
    ]);
  });

  it('takes a copy written differently (pretty-printed, spaced, escaped) for a duplicate, and a changed value in it for a conflict', async () => {
    const original = eventJson(1, { userAgent: 'café/1.0' });
    const value = JSON.parse(original) as Record<string, unknown>;
    const pretty = JSON.stringify(value, null, 2);
    const spaced = JSON.stringify(value).replaceAll('":', '": ').replaceAll(',"', ', "');
    const escaped = original.replace('é', '\\u00e9').replace('café/', 'café\\/');
    const lookup = JSON.stringify({ Events: [{ EventId: value['eventID'], CloudTrailEvent: original }] });
    const changed = JSON.stringify({ ...value, sourceIPAddress: '203.0.113.66' }, null, 2);
    const dir = await folder({ 'a.json': records([original]), 'b.json': `[${pretty}]`, 'c.ndjson': `${spaced}\n${escaped}\n`, 'd.json': lookup, 'e.json': `[${changed}]` });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.events, f.duplicates, f.conflicts])).toEqual([[1, 0, 0], [0, 1, 0], [0, 2, 0], [0, 1, 0], [1, 0, 1]]);
    expect(events.map((e) => e.text)).toEqual([original, changed]);
  });

  it('compares numbers as written: a pretty copy that keeps 0.0 and 2.0E7 (as S3 data events hold them) is a duplicate', async () => {
    const floats = (text: string) => text.replace('"@in"', '0.0').replace('"@out"', '2.0E7');
    const extra = { additionalEventData: { bytesTransferredIn: '@in', bytesTransferredOut: '@out' } };
    const original = floats(eventJson(1, extra));
    const pretty = floats(JSON.stringify(JSON.parse(eventJson(1, extra)), null, 2));
    expect(pretty).toContain('"bytesTransferredIn": 0.0,\n');
    const lookup = JSON.stringify({ Events: [{ EventId: '00000000-0000-0000-0000-000000000001', CloudTrailEvent: original }] });
    const dir = await folder({ 'a.json': records([original]), 'b.json': `[${pretty}]`, 'c.json': lookup });
    const { files, events } = await scan([dir]);
    expect(files.map((f) => [f.events, f.duplicates, f.conflicts])).toEqual([[1, 0, 0], [0, 1, 0], [0, 1, 0]]);
    expect(events.map((e) => e.text)).toEqual([original]);
  });
});
