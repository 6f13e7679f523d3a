import { describe, expect, it } from 'vitest';
import { JsonSplitter, type JsonItem } from '../../../../../main/ingest/formats/jsonSplitter';

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
    expect(whole.map((item) => item.value)).toEqual([undefined, { eventVersion: '2', s: '},{"eventVersion"' }, undefined, undefined]);
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
