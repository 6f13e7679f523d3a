import { describe, expect, it } from 'vitest';
import { JsonScanError, JsonSplitter, type JsonItem } from '../../../../../main/ingest/formats/jsonSplitter';

function split(text: string, chunkSize = text.length, maxChars = 1 << 20) {
  const splitter = new JsonSplitter(maxChars);
  const items: JsonItem[] = [];
  for (let i = 0; i < text.length; i += chunkSize) splitter.push(text.slice(i, i + chunkSize), items);
  const shape = splitter.finish(items);
  return { shape, items };
}

/** The items without the values parsed on the way (which depend on where chunks were cut). */
const found = ({ shape, items }: ReturnType<typeof split>) => ({ shape, items: items.map(({ text, offset, unread }) => (unread ? { text, offset, unread } : { text, offset })) });

/** Every way of cutting the text into equal chunks must give the same items. */
function splitEveryWay(text: string) {
  const whole = found(split(text));
  for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(found(split(text, size)), `chunks of ${size}`).toEqual(whole);
  return whole;
}

describe('JsonSplitter', () => {
  it('yields the elements of Records exactly as written, whatever the chunking', () => {
    const text = '\ufeff{"Records": [ {"a": "x,]}\\\\\\"{"} ,\n  {\n "b" : [1, {"c": null}], "d": "\\\\"}, 7, "s" ]}';
    const { shape, items } = splitEveryWay(text);
    expect(shape).toBe('records');
    expect(items.map((i) => i.text)).toEqual(['{"a": "x,]}\\\\\\"{"}', '{\n "b" : [1, {"c": null}], "d": "\\\\"}', '7', '"s"']);
    for (const item of items) expect(text.slice(item.offset, item.offset + item.text.length)).toBe(item.text);
  });

  it('reads lookup-events and filter-log-events arrays, skipping other keys around them', () => {
    const lookup = splitEveryWay('{"NextToken0": {"Events": [1]}, "Events": [{"CloudTrailEvent": "{\\"x\\":1}"}], "NextToken": "abc"}');
    expect(lookup.shape).toBe('lookup-events');
    expect(lookup.items.map((i) => i.text)).toEqual(['{"CloudTrailEvent": "{\\"x\\":1}"}']);
    const logs = splitEveryWay('{"events": [{"message": "m1"}, {"message": "m2"}], "searchedLogStreams": []}');
    expect(logs.shape).toBe('log-events');
    expect(logs.items).toHaveLength(2);
  });

  it('reads every array of events in a document, a key written twice or with escapes included, and says where the second starts', () => {
    const text = '{"Records": [{"a":1}], "x": [0], "Re\\u0063ords": [{"a":2}], "Events": [{"b":3}]}';
    for (const size of [1, 5, 100]) {
      const splitter = new JsonSplitter(1000);
      const items: JsonItem[] = [];
      for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size), items);
      expect(splitter.finish(items)).toBe('records');
      expect(items.map((i) => [i.text, i.shape])).toEqual([['{"a":1}', 'records'], ['{"a":2}', 'records'], ['{"b":3}', 'lookup-events']]);
      expect(splitter.anotherArray).toEqual({ key: 'Records', offset: 49 });
    }
    expect(text.slice(49, 50)).toBe('[');
    expect(() => split('{"Re\\x": []}')).toThrow(expect.objectContaining({ message: 'malformed key', offset: 1 }));
  });

  it('reads a root array and a single root object', () => {
    expect(splitEveryWay(' [ {"a":1} , {"b":[2]} ] ').items.map((i) => i.text)).toEqual(['{"a":1}', '{"b":[2]}']);
    const single = splitEveryWay('\n{"eventName": "X", "Records": 5}\n');
    expect(single).toEqual({ shape: 'object', items: [{ text: '{"eventName": "X", "Records": 5}', offset: 1 }] });
    expect(split('   ')).toEqual({ shape: 'empty', items: [] });
  });

  it('finds the ends of items written alike by their separator, proven by parsing, and scans the rest', () => {
    // Item 2 is found by `},{"eventVersion"`; item 3 holds that separator in a nested array, so its candidate
    // does not parse: it is scanned, and so is every item after it. The separator cannot occur inside a string.
    const items = [
      '{"eventVersion":"1"}',
      '{"eventVersion":"2","s":"},{\\"eventVersion\\""}',
      '{"eventVersion":"3","r":[{"eventVersion":"n"},{"eventVersion":"m"}]}',
      '{"eventVersion":"4"}',
    ];
    const text = `{"Records":[${items.join(',')}]}`;
    expect(splitEveryWay(text).items.map((item) => item.text)).toEqual(items);
    const whole = split(text).items;
    // Every item is parsed as it ends, a scanned one too (to tell damage: see the splitter's provenItem), and handed out with its value.
    expect(whole.map((item) => item.value)).toEqual(items.map((item) => JSON.parse(item)));
    expect(whole.map((item) => item.offset)).toEqual([12, 33, 80, 149]);
  });

  it('keeps only the current item in memory', () => {
    const splitter = new JsonSplitter(100);
    const items: JsonItem[] = [];
    splitter.push('{"Records":[', items);
    for (let i = 0; i < 1000; i++) splitter.push(`{"n":${i},"pad":"${'x'.repeat(50)}"},`, items);
    splitter.push('{"n":1000}]}', items);
    expect(splitter.finish(items)).toBe('records');
    expect(items).toHaveLength(1001);
  });

  it('passes over an item longer than the limit', () => {
    const long = `{"Records":[{"a":1},{"a":"${'x'.repeat(200)}\\\\"}, "${'y'.repeat(300)}",{"a":3}],"other":"${'z'.repeat(500)}"}`;
    for (const size of [1, 16, 64, 1000]) {
      expect(found(split(long, size, 100)), `chunks of ${size}`).toEqual({
        shape: 'records',
        items: [{ text: '{"a":1}', offset: 12 }, { text: '', offset: 20, unread: 'too long' }, { text: '', offset: 232, unread: 'too long' }, { text: '{"a":3}', offset: 535 }],
      });
    }
    // A root object is kept whole until it shows an array of events, as it may be the one event.
    expect(() => split(`{"a":"${'x'.repeat(200)}"}`, 16, 100)).toThrow(expect.objectContaining({ message: 'a JSON document longer than 100 characters before any array of events', offset: 0, malformed: false }));
  });

  it('passes over damage in an array of items that begin alike, to where the next item begins, whatever the chunking', () => {
    const skippedIn = (text: string, chunkSize: number) => {
      const splitter = new JsonSplitter(1000);
      const items: JsonItem[] = [];
      for (let i = 0; i < text.length; i += chunkSize) splitter.push(text.slice(i, i + chunkSize), items);
      expect(splitter.finish(items)).toBe('records');
      return { items: items.map((i) => [i.text, i.offset]), skipped: splitter.skipped };
    };
    const cases = [
      // A missing comma; a stray bracket between items; a string left open inside an item.
      ['{"Records":[{"a":1} {"a":2}]}', { offset: 20, fault: "expected ',' or ']'", faultAt: 20, resumedAt: 20 }, [['{"a":1}', 12], ['{"a":2}', 20]]],
      ['{"Records":[{"a":1},{"a":2}}},{"a":3}]}', { offset: 27, fault: "expected ',' or ']'", faultAt: 27, resumedAt: 30 }, [['{"a":1}', 12], ['{"a":2}', 20], ['{"a":3}', 30]]],
      ['{"Records":[{"a":1},{"a":"x,{"a":2},{"a":3}]}', { offset: 20, fault: 'an item that never ends', faultAt: 45, resumedAt: 28 }, [['{"a":1}', 12], ['{"a":2}', 28], ['{"a":3}', 36]]],
    ] as const;
    for (const [text, skip, items] of cases) {
      for (const size of [1, 3, 7, text.length]) expect(skippedIn(text, size), `${text} in chunks of ${size}`).toEqual({ items, skipped: [skip] });
    }
  });

  it('reports where the structure breaks, after giving what came before', () => {
    const splitter = new JsonSplitter(1000);
    const items: JsonItem[] = [];
    // Items that begin differently: no next item is found, and the rest is passed over (reported as such).
    splitter.push('{"Records":[{"a":1} {"b":2}]}', items);
    expect(splitter.finish(items)).toBe('records');
    expect(splitter.skipped).toEqual([{ offset: 20, fault: "expected ',' or ']'", faultAt: 20 }]);
    expect(items.map((i) => i.text)).toEqual(['{"a":1}']);
    expect(() => split('[1 2]')).toThrow(expect.objectContaining({ message: "expected ',' or ']'", offset: 3 }));
    expect(() => split('{"Records":[{"a":"open')).toThrow(expect.objectContaining({ message: 'the document ends before its JSON does' }));
    expect(() => split('{"a":1} x')).toThrow(expect.objectContaining({ message: 'unexpected content after the JSON document', offset: 8 }));
    expect(() => split('hello')).toThrow(expect.objectContaining({ message: 'expected a JSON object or array', offset: 0 }));
  });

  it('reads documents written one after another, each by its own shape', () => {
    const text = '{"Records":[{"a":1},{"a":2}]}{"Records":[{"a":3}]}\n{"b":4}\n  {\n  "b": 5\n}[{"c":6}] {"Events":[{"d":7}]}';
    const { shape, items } = splitEveryWay(text);
    expect(shape).toBe('records');
    expect(items.map((i) => i.text)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}', '{"b":4}', '{\n  "b": 5\n}', '{"c":6}', '{"d":7}']);
    for (const item of items) expect(text.slice(item.offset, item.offset + item.text.length)).toBe(item.text);
    expect(split(text).items.map((i) => i.shape)).toEqual(['records', 'records', 'records', 'object', 'object', 'array', 'lookup-events']);
  });
});

describe('JsonSplitter, damage in a pretty-printed array', () => {
  /** Small events; the middle one holds a nested array of objects that begin as events do, indented deeper. */
  const events = [1, 2, 3, 4, 5].map((n) => ({
    eventVersion: '1.08',
    eventID: `id-${n}`,
    eventName: 'GetObject',
    userAgent: 'aws-cli/2.15',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${n}` },
    requestParameters: n === 3 ? { batch: [{ eventVersion: '1.08', note: 'n1' }, { eventVersion: '1.08', note: 'n2' }] } : { key: `k${n}` },
    resources: [{ ARN: `arn:aws:s3:::b/k${n}`, type: 'AWS::S3::Object' }],
  }));
  const layouts = [
    ['2 spaces', '  ', '\n'],
    ['4 spaces', '    ', '\n'],
    ['tabs', '\t', '\n'],
    ['CRLF', '  ', '\r\n'],
  ] as const;
  /** The document as JSON.stringify prints it, in pieces: its items' texts (as printed inside Records), what goes between them, what goes before and after. */
  const pieces = (indent: string, newline: string) => {
    const items = events.map((event) => JSON.stringify(event, null, indent).replaceAll('\n', newline + indent + indent));
    const between = `,${newline}${indent}${indent}`;
    const head = `{${newline}${indent}"Records": [${newline}${indent}${indent}`;
    const tail = `${newline}${indent}]${newline}}`;
    expect(head + items.join(between) + tail).toBe(JSON.stringify({ Records: events }, null, indent).replaceAll('\n', newline));
    return { items, between, head, tail };
  };
  /** Reads the text in chunks of every size; the items (text, offset), what was passed over, and the error that stopped reading, if any, must be the same. */
  const readEveryWay = (text: string) => {
    const read = (size: number) => {
      const splitter = new JsonSplitter(1 << 20);
      const items: JsonItem[] = [];
      let error: unknown;
      try {
        for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size), items);
        splitter.finish(items);
      } catch (thrown) {
        error = thrown instanceof JsonScanError ? { message: thrown.message, offset: thrown.offset } : thrown;
      }
      return { items: items.map((item) => [item.text, item.offset]), skipped: splitter.skipped, error };
    };
    const whole = read(text.length);
    for (const size of [1, 2, 7, 64, 1000]) expect(read(size), `chunks of ${size}`).toEqual(whole);
    return whole;
  };
  const overrun = 'an item still open where the next begins';

  for (const [name, indent, newline] of layouts) {
    it(`passes over damage in the middle item of an array indented with ${name}, to where the next item begins, whatever the chunking`, () => {
      const { items, between, head, tail } = pieces(indent, newline);
      const n = newline + indent + indent + indent;
      // Each case: the damaged text (items and what goes between them), the items kept, and what is passed over.
      type Case = { name: string; parts: string[]; kept: number[]; skip: (at: number[]) => object };
      const cases: Case[] = [
        // parts: item 0, between, item 1, between, item 2, between, item 3, between, item 4
        { name: 'a missing comma', parts: [items[0]!, between, items[1]!, between.slice(1), items[2]!, between, items[3]!, between, items[4]!], kept: [0, 1, 2, 3, 4], skip: (at) => ({ offset: at[4]!, fault: "expected ',' or ']'", faultAt: at[4]!, resumedAt: at[4]! }) },
        { name: 'stray brackets after an item', parts: [items[0]!, between, items[1]!, between, items[2]!, '}}', between, items[3]!, between, items[4]!], kept: [0, 1, 2, 3, 4], skip: (at) => ({ offset: at[5]!, fault: "expected ',' or ']'", faultAt: at[5]!, resumedAt: at[7]! }) },
        { name: 'stray text on a line of its own', parts: [items[0]!, between, items[1]!, between, items[2]!, between, '}}}' + n, items[3]!, between, items[4]!], kept: [0, 1, 2, 3, 4], skip: (at) => ({ offset: at[6]!, fault: 'expected a value', faultAt: at[6]!, resumedAt: at[7]! }) },
        { name: 'an item cut short in a string', parts: [items[0]!, between, items[1]!, between, items[2]!.slice(0, items[2]!.indexOf('GetObject') + 3), between, items[3]!, between, items[4]!], kept: [0, 1, 3, 4], skip: (at) => ({ offset: at[4]!, fault: overrun, faultAt: at[6]!, resumedAt: at[6]! }) },
        { name: 'an item cut short between values', parts: [items[0]!, between, items[1]!, between, items[2]!.slice(0, items[2]!.indexOf('"type"')), between, items[3]!, between, items[4]!], kept: [0, 1, 3, 4], skip: (at) => ({ offset: at[4]!, fault: overrun, faultAt: at[6]!, resumedAt: at[6]! }) },
        { name: 'an unescaped quote', parts: [items[0]!, between, items[1]!, between, items[2]!.replace('aws-cli/2.15', 'aws-cli "2.15'), between, items[3]!, between, items[4]!], kept: [0, 1, 3, 4], skip: (at) => ({ offset: at[4]!, fault: overrun, faultAt: at[6]!, resumedAt: at[6]! }) },
        // The nested objects after the damage begin as items do, but are indented deeper: they are not taken for items.
        { name: 'an unescaped quote in a nested array', parts: [items[0]!, between, items[1]!, between, items[2]!.replace('"n1"', '"n"1"'), between, items[3]!, between, items[4]!], kept: [0, 1, 3, 4], skip: (at) => ({ offset: at[4]!, fault: overrun, faultAt: at[6]!, resumedAt: at[6]! }) },
      ];
      for (const { name: damage, parts, kept, skip } of cases) {
        const text = head + parts.join('') + tail;
        // Where each part begins in the text.
        const at = parts.map((_, i) => head.length + parts.slice(0, i).join('').length);
        const itemAt = (i: number) => at[parts.indexOf(items[i]!)]!;
        const expected = { items: kept.map((i) => [items[i]!, itemAt(i)]), skipped: [skip(at)], error: undefined };
        expect(readEveryWay(text), damage).toEqual(expected);
        for (const [item, offset] of expected.items) expect(text.slice(offset as number, (offset as number) + (item as string).length)).toBe(item);
      }
    });
  }

  it('reads a damaged last item up to where the document ends, and a last item after a missing comma whole', () => {
    const { items, between, head, tail } = pieces('  ', '\n');
    const first = items.slice(0, 4).join(between);
    const quote = `${head}${first}${between}${items[4]!.replace('aws-cli/2.15', 'aws-cli "2.15')}${tail}`;
    const offsets = items.map((_, i) => head.length + items.slice(0, i).join(between).length + (i > 0 ? between.length : 0));
    expect(readEveryWay(quote)).toEqual({ items: items.slice(0, 4).map((item, i) => [item, offsets[i]]), skipped: [], error: { message: 'the document ends before its JSON does', offset: quote.length } });
    const comma = `${head}${first}${between.slice(1)}${items[4]}${tail}`;
    expect(readEveryWay(comma)).toEqual({ items: items.map((item, i) => [item, offsets[i]! - (i === 4 ? 1 : 0)]), skipped: [{ offset: offsets[4]! - 1, fault: "expected ',' or ']'", faultAt: offsets[4]! - 1, resumedAt: offsets[4]! - 1 }], error: undefined });
  });

  it('passes over damage in the first item, from which how items begin is learnt', () => {
    const { items, between, head, tail } = pieces('  ', '\n');
    const first = items[0]!.replace('aws-cli/2.15', 'aws-cli "2.15');
    const text = `${head}${[first, ...items.slice(1)].join(between)}${tail}`;
    const at = (i: number) => head.length + [first, ...items.slice(1, i)].join(between).length + between.length;
    expect(readEveryWay(text)).toEqual({ items: [1, 2, 3, 4].map((i) => [items[i], at(i)]), skipped: [{ offset: head.length, fault: overrun, faultAt: at(1), resumedAt: at(1) }], error: undefined });
  });

  it('passes over damage in a root array whose items begin with different keys, as jq -S prints them, and in one written on one line', () => {
    const sorted = [{ awsRegion: 'r', eventVersion: '1' }, { additionalEventData: { x: [{ awsRegion: 'nested' }] }, eventVersion: '2' }, { eventID: 'e', eventVersion: '3' }, { awsRegion: 'r', eventVersion: '4' }];
    const texts = sorted.map((item) => JSON.stringify(item, null, 2).replaceAll('\n', '\n  '));
    const damaged = texts.map((text, i) => (i === 1 ? text.replace('"nested"', '"nest"ed"') : text));
    const text = `[\n  ${damaged.join(',\n  ')}\n]\n`;
    const at = (i: number) => text.indexOf(damaged[i]!);
    expect(readEveryWay(text)).toEqual({ items: [0, 2, 3].map((i) => [texts[i], at(i)]), skipped: [{ offset: at(1), fault: overrun, faultAt: at(2), resumedAt: at(2) }], error: undefined });
    // On one line, with a space inside the braces: an item begins with `{`, any whitespace but a line break, and the first item's first key.
    const spaced = '[{ "eventVersion": "1", "x": { "eventVersion": 0 } }, { "eventVersion": "2" } { "eventVersion": "3" }, { "eventVersion": "4", "s": "a"b" }, {  "eventVersion": "5" }, {"eventVersion": "6"}]';
    const spacedAt = (item: string) => spaced.indexOf(item);
    expect(readEveryWay(spaced)).toEqual({
      items: ['{ "eventVersion": "1", "x": { "eventVersion": 0 } }', '{ "eventVersion": "2" }', '{ "eventVersion": "3" }', '{  "eventVersion": "5" }', '{"eventVersion": "6"}'].map((item) => [item, spacedAt(item)]),
      skipped: [
        { offset: spacedAt('{ "eventVersion": "3" }'), fault: "expected ',' or ']'", faultAt: spacedAt('{ "eventVersion": "3" }'), resumedAt: spacedAt('{ "eventVersion": "3" }') },
        { offset: spacedAt('{ "eventVersion": "4"'), fault: 'an item that never ends', faultAt: spaced.length, resumedAt: spacedAt('{  "eventVersion": "5" }') },
      ],
      error: undefined,
    });
  });

  it('passes over damage in get-query-results rows (arrays of field and value pairs), compact and indented, to where the next row begins', () => {
    // Each @message holds `[{` (escaped, inside a string): only a row begins with `[{"field"`, or `[` and an indented `{`.
    const rows = [0, 1, 2, 3].map((n) => [
      { field: '@timestamp', value: `2024-01-02 03:04:0${n}.000` },
      { field: '@message', value: JSON.stringify({ eventVersion: '1.08', resources: [{ ARN: `arn:aws:s3:::b${n}` }, { ARN: 'x' }] }) },
    ]);
    for (const indent of ['', '    ']) {
      const texts = rows.map((row) => JSON.stringify(row, null, indent).replaceAll('\n', `\n${indent}${indent}`));
      const [between, head, tail] = indent === '' ? [',', '{"results":[', '],"status":"Complete"}'] : [',\n        ', '{\n    "results": [\n        ', '\n    ],\n    "status": "Complete"\n}'];
      expect(head + texts.join(between) + tail).toBe(JSON.stringify({ results: rows, status: 'Complete' }, null, indent));
      const cut = texts[1]!.slice(0, texts[1]!.indexOf('b1') + 1);
      const quoted = texts[2]!.replace('03:04:02', '03:"04:02');
      const text = head + [texts[0]!, cut, quoted, texts[3]!].join(between) + tail;
      const at = (part: string) => text.indexOf(part);
      expect(readEveryWay(text), `indented by ${JSON.stringify(indent)}`).toEqual({
        items: [0, 3].map((i) => [texts[i], at(texts[i]!)]),
        skipped: [
          { offset: at(cut), fault: overrun, faultAt: at(quoted), resumedAt: at(quoted) },
          { offset: at(quoted), fault: overrun, faultAt: at(texts[3]!), resumedAt: at(texts[3]!) },
        ],
        error: undefined,
      });
    }
  });

  it('passes over a stray `]` that closes the array of events early, from it to where an item next begins, in a keyed array and a root array', () => {
    const [one, two, three] = ['{"eventVersion":"1"}', '{"eventVersion":"2"}', '{"eventVersion":"3"}'];
    const early = ", after a ']' that closed the array early";
    const keyed = `{"Records":[${one}],${two},${three}],"x":1}`;
    expect(readEveryWay(keyed)).toEqual({
      items: [one, two, three].map((item) => [item, keyed.indexOf(item)]),
      skipped: [{ offset: 32, fault: `expected a key${early}`, faultAt: 34, resumedAt: 34 }],
      error: undefined,
    });
    const root = `[${one}]] ${two}]`;
    expect(readEveryWay(root)).toEqual({ items: [[one, 1], [two, 24]], skipped: [{ offset: 21, fault: `unexpected content after the JSON document${early}`, faultAt: 22, resumedAt: 24 }], error: undefined });
    // Nothing to resume at: the rest is passed over, and the document ends there.
    expect(readEveryWay(`{"Records":[${one}]]}`)).toEqual({ items: [[one, 12]], skipped: [{ offset: 32, fault: `expected ',' or '}'${early}`, faultAt: 33 }], error: undefined });
    // A document after the array is no damage: `]` then a key, or another document.
    const sound = `{"Records":[${one}],"Events":[${two}]}\n[${three}]`;
    expect(readEveryWay(sound)).toEqual({ items: [one, two, three].map((item) => [item, sound.indexOf(item)]), skipped: [], error: undefined });
  });
});
