import { describe, expect, it } from 'vitest';
import { compactForm } from '../../../../../main/ingest/formats/compactForm';

describe('compactForm', () => {
  it('drops the whitespace between tokens and keeps numbers as written', () => {
    const pretty = '{\r\n  "a" : [ 1 ,\t2.0E7 ],\n  "b": { "c": 0.0, "d": -0 },\n  "e": null }\n';
    expect(compactForm(pretty)).toBe('{"a":[1,2.0E7],"b":{"c":0.0,"d":-0},"e":null}');
  });

  it('keeps whitespace and quotes inside strings, and writes strings with escapes as JSON.stringify does', () => {
    const text = '{ "k": "a b\\" c", "caf\\u00e9": "x\\/y \\u2028 \\n \\\\", "t": "\\ud83d\\ude42" }';
    expect(compactForm(text)).toBe(`{"k":"a b\\" c","café":"x/y \u2028 \\n \\\\","t":"🙂"}`);
  });

  it('leaves a compact text without escapes as it is', () => {
    const text = '{"eventVersion":"1.08","userAgent":"aws-cli/2.0 Python","n":[1,2.50]}';
    expect(compactForm(text)).toBe(text);
  });
});
