/** One line of a line-oriented document: its text (no line ending), number from 1, and offset. */
export interface Line {
  text: string;
  line: number;
  offset: number;
}

/**
 * Splits streamed text into lines, holding at most one line in memory. A line longer than
 * `maxChars` is reported through `onTooLong` and skipped to its end, never buffered whole.
 */
export class LineSplitter {
  private buf = '';
  private base = 0;
  private line = 1;
  private skipping = false;

  constructor(
    private readonly maxChars: number,
    private readonly onTooLong: (line: number, offset: number) => void,
  ) {}

  /** Offset of the line not ended yet: the lines handed out next start there or after. */
  get pendingOffset(): number {
    return this.base;
  }

  /** The number of the line not ended yet when it holds text (a line cut short, at the end); undefined otherwise. */
  get openLine(): number | undefined {
    return !this.skipping && this.buf.trim() !== '' ? this.line : undefined;
  }

  push(chunk: string, out: Line[]): void {
    let s = this.buf + chunk;
    let start = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      if (this.skipping) this.skipping = false;
      else out.push({ text: s.charCodeAt(nl - 1) === 0x0d && nl > start ? s.slice(start, nl - 1) : s.slice(start, nl), line: this.line, offset: this.base + start });
      this.line++;
      start = nl + 1;
    }
    this.base += start;
    s = s.slice(start);
    if (!this.skipping && s.length > this.maxChars) {
      this.onTooLong(this.line, this.base);
      this.skipping = true;
    }
    if (this.skipping) {
      this.base += s.length;
      s = '';
    }
    this.buf = s;
  }

  finish(out: Line[]): void {
    if (!this.skipping && this.buf.length > 0) out.push({ text: this.buf.endsWith('\r') ? this.buf.slice(0, -1) : this.buf, line: this.line, offset: this.base });
    this.buf = '';
  }
}
