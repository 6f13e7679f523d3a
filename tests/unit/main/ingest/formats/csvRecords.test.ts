import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../../../main/ingest/formats/csvRecords';

interface Read {
  records: [number, string[], string][];
  bad: [number, string][];
}

/** Reads `text` handed over in the given pieces: each record as [line, cells, raw], each bad row as [line, reason]. */
async function read(text: string, cuts: number[] = [], maxChars = 1000): Promise<Read> {
  const bad: [number, string][] = [];
  async function* pieces(): AsyncGenerator<string> {
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      yield text.slice(from, cut);
      from = cut;
    }
  }
  const records: Read['records'] = [];
  for await (const { line, cells, raw } of csvRecords(pieces(), maxChars, (reason, at) => bad.push([at, reason]))) records.push([line, cells, raw]);
  return { records, bad };
}

/** Every way of cutting `text` in two, and in pieces of one character (as decoded text comes: never inside a surrogate pair). */
function everyCut(text: string): number[][] {
  const at = Array.from({ length: text.length - 1 }, (_, i) => i + 1).filter((i) => !/[\udc00-\udfff]/.test(text[i]!));
  return [...at.map((i) => [i]), at];
}

const NOT_DOUBLED = 'CSV row not read: a quote inside a quoted cell is neither doubled nor followed by a comma or a line break';
const STILL_OPEN = 'CSV row not read: a quoted cell in it is still open where the file ends (cut short?); reading goes on from the next line';

describe('csvRecords', () => {
  it('gives each row its cells, its exact text and the line it starts on, however the text is cut', async () => {
    const text = 'a,b\r\n\r\nc,"d\r\n""é€😀"""\r\nf,\r\n';
    const whole = await read(text);
    expect(whole).toEqual({
      records: [[1, ['a', 'b'], 'a,b'], [3, ['c', 'd\r\n"é€😀"'], 'c,"d\r\n""é€😀"""'], [5, ['f', ''], 'f,']],
      bad: [],
    });
    for (const cuts of everyCut(text)) expect(await read(text, cuts)).toEqual(whole);
    expect(await read('x\ry\r\rz')).toEqual({ records: [[1, ['x'], 'x'], [2, ['y'], 'y'], [4, ['z'], 'z']], bad: [] });
  });

  it('keeps every complete row before a file cut short inside a quoted cell, and says where the cut row starts', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},"{""n"":${i}}"`);
    const { records, bad } = await read(['h,json', ...rows, '40,"{""n"":4'].join('\n'), [100, 700]);
    expect(records.map(([line, cells]) => [line, cells[1]])).toEqual([[1, 'json'], ...rows.map((_, i) => [i + 2, `{"n":${i}}`])]);
    expect(bad).toEqual([[42, STILL_OPEN]]);
  });

  it('reports a row whose quote is not closed and reads the rows after it', async () => {
    const text = 'h,json\n1,"{""n"":1}"\n2,"{oops\n3,"{""n"":3}"\n4,plain\n';
    const expected: Read = {
      records: [[1, ['h', 'json'], 'h,json'], [2, ['1', '{"n":1}'], '1,"{""n"":1}"'], [4, ['3', '{"n":3}'], '3,"{""n"":3}"'], [5, ['4', 'plain'], '4,plain']],
      bad: [[3, `${NOT_DOUBLED} (found on line 4); reading goes on from the next line`]],
    };
    expect(await read(text)).toEqual(expected);
    for (const cuts of everyCut(text)) expect(await read(text, cuts)).toEqual(expected);
    // With no quote after it, the open cell runs to the end of the file; the rows it took are read again.
    expect(await read('h\n"a\nb\nc\r\nd\n')).toEqual({ records: [[1, ['h'], 'h'], [3, ['b'], 'b'], [4, ['c'], 'c'], [5, ['d'], 'd']], bad: [[2, STILL_OPEN]] });
  });

  it('reports stray quotes, rows over the size limit and bad rows one after another, each on its own line', async () => {
    const text = 'h,v\r\nab"c,1\r\n"x"y,2\r\n"' + 'z'.repeat(30) + '",3\r\nok,4\r\n';
    const expected: Read = {
      records: [[1, ['h', 'v'], 'h,v'], [5, ['ok', '4'], 'ok,4']],
      bad: [
        [2, 'CSV row not read: a quote inside a cell that does not start with one; reading goes on from the next line'],
        [3, `${NOT_DOUBLED}; reading goes on from the next line`],
        [4, 'CSV row not read: longer than 20 characters; reading goes on from the next line'],
      ],
    };
    expect(await read(text, [], 20)).toEqual(expected);
    for (const cuts of everyCut(text)) expect(await read(text, cuts, 20)).toEqual(expected);
  });
});
