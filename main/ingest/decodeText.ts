import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How each encoding writes U+FFFD itself: a U+FFFD in the text over these bytes is genuine. */
const REPLACEMENT: Record<TextEncodingName, Buffer> = {
  'utf-8': Buffer.from([0xef, 0xbf, 0xbd]),
  'utf-16le': Buffer.from([0xfd, 0xff]),
  'utf-16be': Buffer.from([0xff, 0xfd]),
};
/**
 * The bytes a UTF-8 sequence starting at `at` needs (0 when that byte cannot start one), and how
 * many of those present are a valid beginning of it. A decoder (WHATWG's, which Node's follows)
 * shows each maximal such beginning that is cut short as one U+FFFD, and any other bad byte as one.
 */
function utf8Prefix(bytes: Buffer, at: number): { needs: number; valid: number } {
  const lead = bytes[at]!;
  const needs = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (needs === 0) return { needs, valid: 0 };
  let valid = 1;
  for (; valid < needs && at + valid < bytes.length; valid++) {
    const byte = bytes[at + valid]!;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const [low, high] =
      valid > 1 ? [0x80, 0xbf]
      : lead === 0xe0 ? [0xa0, 0xbf]
      : lead === 0xed ? [0x80, 0x9f]
      : lead === 0xf0 ? [0x90, 0xbf]
      : lead === 0xf4 ? [0x80, 0x8f]
      : [0x80, 0xbf];
    if (byte < low || byte > high) break;
  }
  return { needs, valid };
}

/** The most bytes a decoder holds back at the end of a chunk (a UTF-8 character's first three; a UTF-16 high surrogate and one byte). */
const MAX_HELD = 3;

/**
 * Turns a file's bytes into text, choosing the encoding from its first bytes (BOM, or the
 * zero bytes of UTF-16 JSON) and noting the first invalid sequence (bad UTF-8, a lone UTF-16
 * surrogate, a cut-off character): the text then shows U+FFFD there, and the file is flagged so
 * nothing is silently altered. A U+FFFD the file itself holds is not mistaken for one. Every bad
 * sequence whose bytes differ in number from its U+FFFD's is noted too, so that offsets past it
 * count the file's bytes (see `driftBefore`); valid text notes nothing and costs nothing more.
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
  /**
   * Each U+FFFD standing for a number of bad bytes other than the bytes U+FFFD itself takes (a
   * lone Latin-1 `é` is one byte, its U+FFFD three): its offset in the text, and the bytes the
   * file has beyond the text's own from the start up to and including it (negative: fewer).
   * Empty for valid text. Those before `dropped` are forgotten, their sum kept in `droppedDrift`.
   */
  private shifts: { char: number; drift: number }[] = [];
  private dropped = 0;
  private droppedDrift = 0;

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
    let at = text.indexOf('\ufffd');
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
          if (this.invalidAt === undefined) {
            this.invalidAt = this.bytesSeen - held + position;
            this.invalidChar = this.charsSeen + at;
          }
          const length = this.invalidLength(region, position);
          if (length !== replacement.length) this.shifts.push({ char: this.charsSeen + at, drift: this.driftBefore(Infinity) + length - replacement.length });
          position += length;
          counted = at + 1;
        }
        at = text.indexOf('\ufffd', at + 1);
      }
    }
    this.bytesSeen += bytes.length;
    this.charsSeen += text.length;
    // A copy: the chunk's buffer may be reused once decoded.
    this.tail = Buffer.from(bytes.length >= MAX_HELD ? bytes.subarray(bytes.length - MAX_HELD) : Buffer.concat([this.tail, bytes]).subarray(-MAX_HELD));
  }

  /**
   * The bytes in the file beyond those of the text's own UTF-8 or UTF-16 (negative: fewer) before
   * the text's offset `char`, from the bad bytes shown as U+FFFD: 0 for valid text. Offsets of
   * forgotten U+FFFDs (see `forget`) are not asked for.
   */
  driftBefore(char: number): number {
    const shifts = this.shifts;
    let low = this.dropped;
    let high = shifts.length;
    // The last shift before `char`.
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (shifts[middle]!.char < char) low = middle + 1;
      else high = middle;
    }
    return low > this.dropped ? shifts[low - 1]!.drift : this.droppedDrift;
  }

  /** Forgets the U+FFFDs before the text's offset `char`, whose places will not be asked for: a file of bad bytes keeps memory bounded. */
  forget(char: number): void {
    const shifts = this.shifts;
    while (this.dropped < shifts.length && shifts[this.dropped]!.char < char) this.droppedDrift = shifts[this.dropped++]!.drift;
    if (this.dropped > 1024 && this.dropped * 2 > shifts.length) {
      shifts.splice(0, this.dropped);
      this.dropped = 0;
    }
  }

  /** The bad bytes at `position` of `region` that one U+FFFD stands for. */
  private invalidLength(region: Buffer, position: number): number {
    if (this.encoding !== 'utf-8') return Math.min(2, region.length - position);
    return Math.max(1, utf8Prefix(region, position).valid);
  }

  /**
   * How many of the bytes seen the decoder holds back: the last character's when its first byte
   * says more follow. Node's StringDecoder looks at that first byte only, so it holds `ED A0` (a
   * surrogate's, invalid) as it holds `E2 82`, and shows them once the next bytes come.
   */
  private held(): number {
    const tail = this.tail;
    if (this.encoding === 'utf-8') {
      for (let i = tail.length - 1; i >= 0; i--) {
        const byte = tail[i]!;
        if ((byte & 0xc0) === 0x80) continue;
        const needs = byte >= 0xf8 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
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
