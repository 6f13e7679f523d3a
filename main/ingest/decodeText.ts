import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How each encoding writes U+FFFD itself: a U+FFFD in the text over these bytes is genuine. */
const REPLACEMENT: Record<TextEncodingName, Buffer> = {
  'utf-8': Buffer.from([0xef, 0xbf, 0xbd]),
  'utf-16le': Buffer.from([0xfd, 0xff]),
  'utf-16be': Buffer.from([0xff, 0xfd]),
};
/** The most bytes a decoder holds back at the end of a chunk (a UTF-8 character's first three; a UTF-16 high surrogate and one byte). */
const MAX_HELD = 3;

/**
 * Turns a file's bytes into text, choosing the encoding from its first bytes (BOM, or the
 * zero bytes of UTF-16 JSON) and noting the first invalid sequence (bad UTF-8, a lone UTF-16
 * surrogate, a cut-off character): the text then shows U+FFFD there, and the file is flagged so
 * nothing is silently altered. A U+FFFD the file itself holds is not mistaken for one.
 */
export class TextDecoding {
  readonly encoding: TextEncodingName;
  readonly bomBytes: number;
  private readonly decoder: TextDecoder | StringDecoder;
  private bytesSeen = 0;
  private charsSeen = 0;
  /** BOM bytes still to skip: the first chunk may end inside the BOM. */
  private bomLeft: number;
  /** The last bytes seen: the decoder may still hold some of them. */
  private tail: Buffer = Buffer.alloc(0);
  /** Byte offset of the first invalid sequence, if any. */
  invalidAt: number | undefined;
  /** Offset in the decoded text of the U+FFFD that sequence shows as. */
  invalidChar: number | undefined;

  constructor(head: Buffer) {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) [this.encoding, this.bomBytes] = ['utf-8', 3];
    else if (head[0] === 0xff && head[1] === 0xfe) [this.encoding, this.bomBytes] = ['utf-16le', 2];
    else if (head[0] === 0xfe && head[1] === 0xff) [this.encoding, this.bomBytes] = ['utf-16be', 2];
    else if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[3] === 0) [this.encoding, this.bomBytes] = ['utf-16le', 0];
    else if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0) [this.encoding, this.bomBytes] = ['utf-16be', 0];
    else [this.encoding, this.bomBytes] = ['utf-8', 0];
    this.bomLeft = this.bomBytes;
    this.bytesSeen = this.bomBytes;
    this.decoder = this.encoding === 'utf-8' ? new StringDecoder('utf8') : new TextDecoder(this.encoding, { ignoreBOM: false });
  }

  decode(chunk: Buffer): string {
    let bytes = chunk;
    if (this.bomLeft > 0) {
      const skipped = Math.min(this.bomLeft, bytes.length);
      bytes = bytes.subarray(skipped);
      this.bomLeft -= skipped;
    }
    const text = this.decoder instanceof StringDecoder ? this.decoder.write(bytes) : this.decoder.decode(bytes, { stream: true });
    this.check(text, bytes);
    return text;
  }

  end(): string {
    const text = this.decoder instanceof StringDecoder ? this.decoder.end() : this.decoder.decode();
    this.check(text, Buffer.alloc(0));
    return text;
  }

  /** Bytes the given text takes in this encoding. */
  byteLength(text: string): number {
    return this.encoding === 'utf-8' ? Buffer.byteLength(text, 'utf8') : text.length * 2;
  }

  /**
   * Looks for the first invalid sequence behind `text`, decoded from `bytes` and what the decoder
   * held back before them. Each U+FFFD until then is placed exactly (every character before it
   * is genuine) and is genuine when the bytes there encode U+FFFD.
   */
  private check(text: string, bytes: Buffer): void {
    let at = this.invalidAt === undefined ? text.indexOf('\ufffd') : -1;
    if (at >= 0) {
      const held = this.held();
      const region = Buffer.concat([this.tail.subarray(this.tail.length - held), bytes]);
      const replacement = REPLACEMENT[this.encoding];
      let position = 0;
      let counted = 0;
      while (at >= 0) {
        position += this.byteLength(text.slice(counted, at));
        counted = at;
        if (!region.subarray(position, position + replacement.length).equals(replacement)) {
          this.invalidAt = this.bytesSeen - held + position;
          this.invalidChar = this.charsSeen + at;
          break;
        }
        at = text.indexOf('\ufffd', at + 1);
      }
    }
    this.bytesSeen += bytes.length;
    this.charsSeen += text.length;
    // A copy: the chunk's buffer may be reused once decoded.
    this.tail = Buffer.from(bytes.length >= MAX_HELD ? bytes.subarray(bytes.length - MAX_HELD) : Buffer.concat([this.tail, bytes]).subarray(-MAX_HELD));
  }

  /** How many of the bytes seen the decoder holds back, while all of them are valid: an unfinished character. */
  private held(): number {
    const tail = this.tail;
    if (this.encoding === 'utf-8') {
      for (let i = tail.length - 1; i >= 0; i--) {
        const byte = tail[i]!;
        if ((byte & 0xc0) === 0x80) continue;
        const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        return tail.length - i < needs ? tail.length - i : 0;
      }
      return 0;
    }
    const odd = (this.bytesSeen - this.bomBytes) % 2;
    const last = tail.length - odd - 2;
    if (last < 0) return odd;
    const unit = this.encoding === 'utf-16le' ? tail[last]! | (tail[last + 1]! << 8) : (tail[last]! << 8) | tail[last + 1]!;
    return odd + (unit >= 0xd800 && unit <= 0xdbff ? 2 : 0);
  }
}
