import { describe, expect, it } from 'vitest';
import { TextDecoding } from '../../../../main/ingest/decodeText';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

/** Decodes `content` cut into the given chunks: the text, and the decoding that read it. */
function decoded(content: Buffer, cuts: number[] = []): { text: string; decoding: TextDecoding } {
  const decoding = new TextDecoding(content.subarray(0, 4));
  let text = '';
  let from = 0;
  for (const cut of [...cuts, content.length]) {
    text += decoding.decode(content.subarray(from, cut));
    from = cut;
  }
  text += decoding.end();
  return { text, decoding };
}

/** Decodes `content` cut into the given chunks: the text, and where the first invalid sequence is. */
function decode(content: Buffer, cuts: number[] = []): { text: string; encoding: string; invalidAt: number | undefined } {
  const { text, decoding } = decoded(content, cuts);
  return { text, encoding: decoding.encoding, invalidAt: decoding.invalidAt };
}

const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('TextDecoding: where the first invalid sequence is', () => {
  it('takes a U+FFFD the file holds for what it is, in UTF-8 and UTF-16, whole or cut between chunks', () => {
    const utf8 = bytes('{"a":"x', [0xef, 0xbf, 0xbd], 'y"}');
    expect(decode(utf8)).toEqual({ text: '{"a":"x\ufffdy"}', encoding: 'utf-8', invalidAt: undefined });
    for (const cut of [7, 8, 9]) expect(decode(utf8, [cut]).invalidAt).toBeUndefined();
    expect(decode(utf16le('{"a":"\ufffd"}'), [13])).toEqual({ text: '{"a":"\ufffd"}', encoding: 'utf-16le', invalidAt: undefined });
    expect(decode(utf16be('{"a":"\ufffd"}'), [13])).toEqual({ text: '{"a":"\ufffd"}', encoding: 'utf-16be', invalidAt: undefined });
  });

  it('places a bad UTF-8 byte after genuine U+FFFDs and other characters, whole or cut', () => {
    // 'é' and '€' take 2 and 3 bytes; the bad byte 0xff is at byte 15.
    const content = bytes('{"a":"é€', [0xef, 0xbf, 0xbd], 'x', [0xff], '"}');
    expect(content.indexOf(0xff)).toBe(15);
    for (const cuts of [[], [8], [12], [14], [16], [17], [1, 2, 3, 9, 10, 11, 13, 15]]) expect(decode(content, cuts)).toMatchObject({ invalidAt: 15, text: '{"a":"é€\ufffdx\ufffd"}' });
  });

  it('places a UTF-8 character cut short, in the middle of the text or at its end', () => {
    expect(decode(bytes('{"a":"', [0xe2, 0x82], 'x"}'), [7]).invalidAt).toBe(6);
    expect(decode(bytes('{"a":"', [0xe2, 0x82], 'x"}')).invalidAt).toBe(6);
    expect(decode(bytes('{"a":"x"}', [0xe2, 0x82]), [10]).invalidAt).toBe(9);
  });

  it('places a lone UTF-16 surrogate, and a last odd byte, after a BOM', () => {
    const bom = Buffer.from([0xff, 0xfe]);
    const lone = Buffer.concat([bom, utf16le('{"a":"\ufffd'), Buffer.from([0x00, 0xd8]), utf16le('x"}')]);
    expect(decode(lone)).toEqual({ text: '{"a":"\ufffd\ufffdx"}', encoding: 'utf-16le', invalidAt: 16 });
    expect(decode(lone, [17]).invalidAt).toBe(16);
    expect(decode(Buffer.concat([utf16be('{"a":"x"}'), Buffer.from([0x00])]), [5]).invalidAt).toBe(18);
  });

  it('finds the same wherever the chunks are cut, past characters of every width', () => {
    const contents = [
      bytes('{"a":"é€😀', [0xef, 0xbf, 0xbd], '😀"}'),
      bytes('{"a":"é€😀', [0xef, 0xbf, 0xbd], '😀', [0xf0, 0x9f], '"}'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{"a":"é😀\ufffd😀"}')]),
      Buffer.concat([utf16le('{"a":"é😀\ufffd'), Buffer.from([0x3d, 0xd8]), utf16le('x"}')]),
      Buffer.concat([utf16be('{"a":"é😀\ufffd😀"}'), Buffer.from([0xd8])]),
    ];
    expect(contents.map((content) => decode(content).invalidAt)).toEqual([undefined, 22, undefined, 20, 28]);
    for (const content of contents) {
      const whole = decode(content);
      for (let cut = 1; cut < content.length; cut++) expect([cut, decode(content, [cut])]).toEqual([cut, whole]);
    }
  });
});

describe('TextDecoding: the bytes bad sequences take, for the offsets of what follows them', () => {
  /** Decodes `content` cut at `cuts`; for each marker letter, the byte the decoding places it at, from its character offset. */
  function placed(content: Buffer, markers: string, cuts: number[] = []): number[] {
    const { text, decoding } = decoded(content, cuts);
    return [...markers].map((marker) => {
      const char = text.indexOf(marker);
      return decoding.bomBytes + decoding.byteLength(text.slice(0, char)) + decoding.driftBefore(char);
    });
  }
  const at = (content: Buffer, markers: string): number[] => [...markers].map((marker) => content.indexOf(marker.charCodeAt(0)));

  it('places each letter after bad UTF-8 of every kind at its byte in the file, whole or cut anywhere', () => {
    // Each bad sequence shows as U+FFFD (or several), which takes 3 bytes, not the sequence's own.
    const content = bytes(
      [0xef, 0xbb, 0xbf], '{"a":"', [0xe9], 'A', [0xe2, 0x82], 'B', [0xf0, 0x9f, 0x98], 'C', [0x80, 0x80], 'D', [0xed, 0xa0, 0x80], 'E',
      [0xf4, 0x90], 'F', [0xc0, 0xaf], 'G', [0xef, 0xbf, 0xbd], 'H', 'é€😀', [0xff], 'I', [0xe1, 0x80, 0xe1], 'J', [0xe1], '"}',
    );
    const markers = 'ABCDEFGHIJ';
    expect(placed(content, markers)).toEqual(at(content, markers));
    for (let cut = 1; cut < content.length; cut++) expect([cut, placed(content, markers, [cut])]).toEqual([cut, at(content, markers)]);
    for (let cut = 1; cut + 2 < content.length; cut++) expect([cut, placed(content, markers, [cut, cut + 1, cut + 2])]).toEqual([cut, at(content, markers)]);
  });

  it('places UTF-16 by its own bytes, two a unit after the BOM: a lone surrogate takes as many bytes as its U+FFFD', () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{"a":"é😀A'), Buffer.from([0x00, 0xd8]), utf16le('B\ufffdC"}')]);
    expect(placed(content, 'ABC')).toEqual([20, 24, 28]);
    expect(at(content, 'ABC')).toEqual([20, 24, 28]);
    for (let cut = 1; cut < content.length; cut++) expect(placed(content, 'ABC', [cut])).toEqual([20, 24, 28]);
  });

  it('forgets the places it will not be asked for, keeping their sum', () => {
    const content = bytes('x', ...Array.from({ length: 3000 }, () => [0xe9]), 'A', [0xe9], 'B');
    const decoding = new TextDecoding(content.subarray(0, 4));
    const text = decoding.decode(content) + decoding.end();
    decoding.forget(text.indexOf('A'));
    expect(decoding.byteLength(text.slice(0, text.indexOf('B'))) + decoding.driftBefore(text.indexOf('B'))).toBe(content.indexOf('B'));
    expect(decoding.byteLength(text.slice(0, text.indexOf('A'))) + decoding.driftBefore(text.indexOf('A'))).toBe(content.indexOf('A'));
  });
});
