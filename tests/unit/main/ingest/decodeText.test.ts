import { describe, expect, it } from 'vitest';
import { TextDecoding } from '../../../../main/ingest/decodeText';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

/** Decodes `content` cut into the given chunks: the text, and where the first invalid sequence is. */
function decode(content: Buffer, cuts: number[] = []): { text: string; encoding: string; invalidAt: number | undefined } {
  const decoding = new TextDecoding(content.subarray(0, 4));
  let text = '';
  let from = 0;
  for (const cut of [...cuts, content.length]) {
    text += decoding.decode(content.subarray(from, cut));
    from = cut;
  }
  text += decoding.end();
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
