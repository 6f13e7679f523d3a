import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Turns a file's bytes into text, choosing the encoding from its first bytes (BOM, or the
 * zero bytes of UTF-16 JSON) and noting the first invalid UTF-8 sequence: the text then shows
 * U+FFFD there, and the file is flagged so nothing is silently altered.
 */
export class TextDecoding {
  readonly encoding: TextEncodingName;
  readonly bomBytes: number;
  private readonly decoder: TextDecoder | StringDecoder;
  private bytesSeen = 0;
  private started = false;
  /** Byte offset of the first invalid UTF-8 sequence, if any. */
  invalidAt: number | undefined;

  constructor(head: Buffer) {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) [this.encoding, this.bomBytes] = ['utf-8', 3];
    else if (head[0] === 0xff && head[1] === 0xfe) [this.encoding, this.bomBytes] = ['utf-16le', 2];
    else if (head[0] === 0xfe && head[1] === 0xff) [this.encoding, this.bomBytes] = ['utf-16be', 2];
    else if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[3] === 0) [this.encoding, this.bomBytes] = ['utf-16le', 0];
    else if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0) [this.encoding, this.bomBytes] = ['utf-16be', 0];
    else [this.encoding, this.bomBytes] = ['utf-8', 0];
    this.decoder = this.encoding === 'utf-8' ? new StringDecoder('utf8') : new TextDecoder(this.encoding, { ignoreBOM: false });
  }

  decode(chunk: Buffer): string {
    let bytes = chunk;
    if (!this.started) {
      this.started = true;
      bytes = chunk.subarray(this.bomBytes);
      this.bytesSeen = this.bomBytes;
    }
    const text = this.decoder instanceof StringDecoder ? this.decoder.write(bytes) : this.decoder.decode(bytes, { stream: true });
    this.check(text);
    this.bytesSeen += bytes.length;
    return text;
  }

  end(): string {
    const text = this.decoder instanceof StringDecoder ? this.decoder.end() : this.decoder.decode();
    this.check(text);
    return text;
  }

  /** Bytes the given text takes in this encoding. */
  byteLength(text: string): number {
    return this.encoding === 'utf-8' ? Buffer.byteLength(text, 'utf8') : text.length * 2;
  }

  private check(text: string): void {
    if (this.invalidAt !== undefined || this.encoding !== 'utf-8') return;
    const at = text.indexOf('\ufffd');
    if (at >= 0) this.invalidAt = this.bytesSeen + Buffer.byteLength(text.slice(0, at), 'utf8');
  }
}
