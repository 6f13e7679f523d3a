import { describe, expect, it } from 'vitest';
import { jsonFault } from '../../../shared/jsonFault';
import { shallowJson } from '../../../shared/jsonDepth';

/** What JSON.parse throws on `text`. */
const thrown = (text: string): unknown => {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parses`);
};

describe('jsonFault', () => {
  it("takes V8's position out of its message, as a position in the text parsed", () => {
    const text = '{"a":1 "b":2}';
    expect(jsonFault(thrown(text), text)).toEqual({ message: "expected ',' or '}' after property value", at: 7 });
    expect(jsonFault(thrown('{"a":"bc'), '{"a":"bc')).toEqual({ message: 'unterminated string', at: 8 });
    expect(jsonFault(thrown('{"a":1'), '{"a":1')).toEqual({ message: "expected ',' or '}' after property value", at: 6 });
    expect(jsonFault(thrown('{"a":1}x'), '{"a":1}x')).toEqual({ message: 'unexpected non-whitespace character after JSON', at: 7 });
  });

  it('reads the wording of every Node version: with the line and column newer V8 adds, and without', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    for (const message of ["Expected ',' or '}' after property value in JSON at position 12 (line 3 column 3)", "Expected ',' or '}' after property value in JSON at position 12"]) {
      expect(jsonFault(new SyntaxError(message), text)).toEqual({ message: "expected ',' or '}' after property value", at: 12 });
    }
    expect(jsonFault(new SyntaxError('Unexpected end of JSON input'), '{"a":')).toEqual({ message: 'unexpected end of JSON input', at: 5 });
    // shallowJson's own wording.
    expect(jsonFault(new SyntaxError('unexpected "}" at position 4'), '[1, }')).toEqual({ message: 'unexpected "}"', at: 4 });
  });

  it("finds an unexpected token from V8's excerpt around it, wherever it is, and only where one place fits", () => {
    const middle = '{"eventName": "GetObject", "b": x, "eventSource": "s3"}';
    const start = '{"a": x, "eventSource": "s3.amazonaws.com"}';
    const end = '{"eventSource": "s3.amazonaws.com", "a": x}';
    for (const text of [middle, start, end, 'x']) expect(jsonFault(thrown(text), text)).toEqual({ message: "unexpected token 'x'", at: text.indexOf('x') });
    // The same ten characters either side twice: which one broke cannot be told from the message, which is kept as it is.
    const gap = ' '.repeat(12);
    const twice = `{"s":"${gap}x${gap}","v":[${gap}x${gap}]}`;
    const error = thrown(twice) as Error;
    expect(jsonFault(error, twice)).toEqual({ message: error.message.charAt(0).toLowerCase() + error.message.slice(1) });
  });
});

describe('shallowJson', () => {
  it('places a fault in a piece parsed apart at its position in the whole text', () => {
    const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
    const text = `{"a":${arrays(10)},"b":tru}`;
    const error = (() => {
      try {
        shallowJson(text, 5);
      } catch (caught) {
        return caught;
      }
    })();
    expect(jsonFault(error, text)).toEqual({ message: 'incomplete value', at: text.indexOf('}') });
  });
});
