import { describe, expect, it } from 'vitest';
import { recordTexts, type RecordText } from '../../../../main/ingest/recordTexts';

function scan(text: string): { records: RecordText[]; isTrail: boolean } {
  const records: RecordText[] = [];
  const generator = recordTexts(text);
  for (;;) {
    const next = generator.next();
    if (next.done) return { records, isTrail: next.value };
    records.push(next.value);
  }
}

describe('recordTexts', () => {
  it('returns each record exactly as written, with its offset', () => {
    const text = '{"Records": [ {"a": "x,]}\\"{"} ,\n  {\n "b" : [1, {"c": null}] }]}';
    const { records, isTrail } = scan(text);
    expect(isTrail).toBe(true);
    expect(records.map((r) => r.text)).toEqual(['{"a": "x,]}\\"{"}', '{\n "b" : [1, {"c": null}] }']);
    expect(records.map((r) => text.slice(r.offset, r.offset + r.text.length))).toEqual(records.map((r) => r.text));
  });

  it('skips other keys before Records, including ones holding "Records" text', () => {
    const { records } = scan('\ufeff{"note": {"Records": 1}, "s": "\\\\", "Records": [{"x":1}]}');
    expect(records.map((r) => r.text)).toEqual(['{"x":1}']);
  });

  it('tells a JSON object without Records apart', () => {
    expect(scan('{"Events": []}')).toEqual({ records: [], isTrail: false });
    expect(scan('{}')).toEqual({ records: [], isTrail: false });
  });

  it('reports where the structure breaks, after yielding what came before', () => {
    const generator = recordTexts('{"Records":[{"a":1},{"b":"unterminated}]}');
    expect(generator.next().value).toEqual({ text: '{"a":1}', offset: 12 });
    expect(() => generator.next()).toThrow(expect.objectContaining({ message: 'unterminated string', offset: 25 }));
    expect(() => scan('[1,2]')).toThrow(expect.objectContaining({ message: 'expected a JSON object', offset: 0 }));
  });
});
