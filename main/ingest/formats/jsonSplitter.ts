import { stringClose } from '../../../shared/jsonDepth';

/** A problem that stops the reading of a JSON text, at a character offset of the document: malformed JSON, unless said otherwise. */
export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly malformed = true,
  ) {
    super(message);
  }
}

/**
 * Which array of the root object holds the items, by its key: `results` is `aws logs
 * get-query-results` output, each item a row of `{"field","value"}` pairs.
 */
export const ITEM_ARRAYS = { Records: 'records', Events: 'lookup-events', events: 'log-events', results: 'insights-results' } as const;
export type ItemArrayKind = (typeof ITEM_ARRAYS)[keyof typeof ITEM_ARRAYS];

/** What the document turned out to be: items of a keyed array, of a root array, or one object. */
export type DocumentShape = ItemArrayKind | 'array' | 'object' | 'empty';

/** One item, as its exact source text, where it starts in the document (characters), and the shape of the JSON document holding it. */
export interface JsonItem {
  text: string;
  offset: number;
  shape: Exclude<DocumentShape, 'empty'>;
  /** Longer than the size limit: its text is then empty, and it is reported, not parsed. */
  unread?: 'too long';
  /** Its parsed value, when finding its end meant parsing it (see JsonSplitter's `separator` and `provenItem`). */
  value?: unknown;
}

const enum Phase {
  Start,
  RootKey,
  RootColon,
  RootValue,
  AfterRootValue,
  Items,
  AfterItem,
  /** Passing over damaged text in an array of events, to where the next event begins. */
  Skipping,
  Done,
}

/**
 * Damaged text in an array of events, passed over: from `offset` (where the damaged item or the
 * text that broke the array begins) to `resumedAt` (where the next event begins; undefined if
 * none does before the document ends). `fault` says what broke, `faultAt` where it was found.
 */
export interface SkippedText {
  offset: number;
  fault: string;
  faultAt: number;
  resumedAt?: number;
}

/** NUL characters (zero bytes, as a preallocated file or an interrupted copy holds) where JSON allows whitespace: from `offset`, `count` of them. */
export interface ZeroPadding {
  offset: number;
  count: number;
}

const WS = 0x20;
const isWs = (c: number): boolean => c === WS || c === 0x0a || c === 0x0d || c === 0x09;

/** Whitespace allowed between an item's `{` and its first key beyond the learnt indentation: trailing spaces, CR, blank lines. */
const GAP_SLACK = 64;

/**
 * How each item of an array of events begins, learnt from the first item: its `{`, the
 * whitespace after it, and its first key (`{"eventVersion"` as CloudTrail writes it, or
 * `{\n    "eventVersion"` pretty-printed). After damage, reading goes on where an item next
 * begins so. Written compactly, that is the same text. Pretty-printed, the whitespace may differ
 * (CRLF, trailing spaces, blank lines) but for the indentation of the first key's line, which
 * tells the array's items from objects nested in them (indented further): any first key will do
 * (`jq -S` sorts each event's keys), unless the items are not indented. Written on one line
 * (`{ "eventVersion"`), any whitespace without a line break will do, before the same key. As a
 * string cannot hold a line break, an indented item start is never inside a string of sound
 * JSON: an item still open past one was damaged (see JsonSplitter's `provenItem`).
 * An item that is an array of objects (a `get-query-results` row, `[{"field"`) begins with its
 * `[`, and its first object's `{` and first key stand for the key: indented, the `{` on the
 * line after the `[`, indented as in the first item.
 */
class ItemStart {
  /** The compact form (`{"eventVersion"`), when the items are written so. */
  readonly compact: string | undefined;
  /** Pretty-printed: the indentation of the first key's line; undefined for no line break. */
  readonly indent: string | undefined;
  /** Whether an item start is told from an object nested in an item by its indentation alone (see `find`). */
  readonly indented: boolean;
  /** Characters from an item start's `{` to the end of its key, at most. */
  readonly reach: number;
  /** What ends an item: `}`, or `]` for an array. */
  readonly close: '}' | ']';

  constructor(
    readonly open: '{' | '[',
    private readonly key: string,
    gap: string,
  ) {
    const line = gap.lastIndexOf('\n');
    this.close = open === '[' ? ']' : '}';
    this.compact = gap === '' ? `${open}${key}` : undefined;
    this.indent = line >= 0 ? gap.slice(line + 1) : undefined;
    this.indented = this.indent !== undefined && this.indent !== '';
    this.reach = this.compact?.length ?? 1 + (this.indent?.length ?? 0) + GAP_SLACK + key.length;
  }

  /** How the item `text` (or its beginning) begins, if it is an object whose first key (shown whole) follows its `{` and some whitespace, or an array whose first item is such an object. */
  static of(text: string): ItemStart | undefined {
    const open = text[0];
    if (open !== '{' && open !== '[') return undefined;
    let at = 1;
    while (at < text.length && isWs(text.charCodeAt(at))) at++;
    const keyFrom = at;
    if (open === '[') {
      if (text.charCodeAt(at) !== 0x7b) return undefined;
      at++;
      while (at < text.length && isWs(text.charCodeAt(at))) at++;
    }
    if (text.charCodeAt(at) !== 0x22) return undefined;
    const close = stringClose(text, at + 1);
    return close < 0 ? undefined : new ItemStart(open, text.slice(keyFrom, close + 1), text.slice(1, keyFrom));
  }

  /** Where (the `{` or `[`) an item next begins in `s`, at `from` or after, the start whole in `s`; -1 if nowhere. */
  find(s: string, from: number): number {
    from = Math.max(from, 0);
    if (this.compact !== undefined) return s.indexOf(this.compact, from);
    const longest = this.reach - 1 - this.key.length;
    for (let open = s.indexOf(this.open, from); open >= 0; open = s.indexOf(this.open, open + 1)) {
      // The whitespace after the `{`, to the key; where its last line begins.
      let at = open + 1;
      let line = -1;
      for (; at < s.length && at - open <= longest; at++) {
        const c = s.charCodeAt(at);
        if (c === 0x0a) line = at + 1;
        else if (c !== WS && c !== 0x0d && c !== 0x09) break;
      }
      if (this.indent === undefined ? line >= 0 : line < 0 || at - line !== this.indent.length || !s.startsWith(this.indent, line)) continue;
      // Indented, the key's line (an array's first object's) tells an item of the array from an object nested in one, whatever its first key.
      if (this.indented ? s.charCodeAt(at) === this.key.charCodeAt(0) : s.startsWith(this.key, at)) return open;
    }
    return -1;
  }
}

/**
 * Splits a streamed JSON document into items, keeping each item's text exactly as written:
 * the elements of the root object's `Records`, `Events`, `events` or `results` array, the elements of a
 * root array, or the root object itself. Documents written one after another (`zcat *.json.gz`,
 * `jq` output) are read in turn. Memory holds one item at a time (up to `maxChars`), whatever
 * the document's size: a longer item is passed over and handed out as such. Structural faults
 * throw JsonScanError with their offset.
 */
export class JsonSplitter {
  private buf = '';
  /** Document offset of buf[0]. */
  private base = 0;
  private pos = 0;
  private phase = Phase.Start;
  private shapeSeen: DocumentShape = 'empty';
  /** What the items being read are: the kind of the array holding them. */
  private itemShape: JsonItem['shape'] = 'array';
  /** The first array of events after the first in one document (a repeated key, or another kind), if any. */
  anotherArray: { key: string; offset: number } | undefined;
  /** The first document's shape, once another follows it. */
  private firstShape: DocumentShape | undefined;
  private rootArray = false;
  private key = '';
  /** Resumable scan of the current value: where it started, depth and string state at `pos`. */
  private valueStart = -1;
  private depth = 0;
  private inString = false;
  /** Document offset of the item being passed over because it is longer than `maxChars`; -1 if none. */
  private tooLongFrom = -1;
  /**
   * How one item ends and the next begins when items are written alike, as in trail files
   * (`},{"eventVersion"`): learnt from the first item, it finds each next item's end with one
   * search instead of a scan. A candidate counts only if JSON.parse takes it whole, which proves
   * it is exactly the item; the first candidate that fails turns this off ('') for the document.
   */
  private separator: string | undefined;
  private lastItemChars = 0;
  /** How each item of this array of events begins, from the first item: after damage, reading goes on where it is next found. */
  private itemStart: ItemStart | undefined;
  /** Document offset up to which the open item was searched for a pretty-printed item start inside it (see `overrun`). */
  private overrunChecked = 0;
  /**
   * Document offset of the `]` that closed the array of events, until a key or the document's
   * end follows it; -1 otherwise. Text that breaks there (`]]`, `], [`: a stray bracket after a
   * row) closed the array early: it is passed over as damage inside the array, from that `]` to
   * where an item next begins.
   */
  private arrayClosedAt = -1;
  /** The damage being passed over (phase Skipping). */
  private skipping: SkippedText | undefined;
  /** Damaged text passed over, for the reader to report and clear. */
  readonly skipped: SkippedText[] = [];
  /** The run of NUL characters (zero padding) being passed over between values, NULs counted; whitespace may break it up. */
  private padding: ZeroPadding | undefined;
  /** Runs of zero padding passed over and ended, for the reader to report and clear. */
  readonly paddings: ZeroPadding[] = [];

  constructor(private readonly maxChars: number) {}

  /** The shape of the first document (of the only one, mostly). */
  get shape(): DocumentShape {
    return this.firstShape ?? this.shapeSeen;
  }

  /** Adds text and appends the items it completes to `out`. */
  push(chunk: string, out: JsonItem[]): void {
    const cut = this.keepFrom();
    if (cut > 0) {
      this.buf = this.buf.slice(cut);
      this.base += cut;
      this.pos -= cut;
    }
    this.buf += chunk;
    this.runMending(out);
    if (this.phase === Phase.Done || this.buf.length - this.keepFrom() <= this.maxChars) return;
    if (this.phase === Phase.Items && this.valueStart >= 0) this.tooLongFrom = this.valueStart;
    else throw new JsonScanError(`a JSON document longer than ${this.maxChars} characters before any array of events`, this.base, false);
  }

  /** Document offset of the oldest text an item or an error handed out later can point to. */
  get oldestOffset(): number {
    const kept = this.tooLongFrom >= 0 ? this.tooLongFrom : this.base + this.keepFrom();
    return Math.min(kept, this.padding?.offset ?? Infinity, this.skipping?.offset ?? Infinity, this.arrayClosedAt < 0 ? Infinity : this.arrayClosedAt);
  }

  /** Ends the document: the root object, if it was a single object, is the one item. */
  finish(out: JsonItem[]): DocumentShape {
    this.runMending(out);
    // An item that runs to the end, while others begin inside it: it was damaged, not cut short.
    while (this.phase === Phase.Items && this.valueStart >= 0 && this.itemStart && this.itemStart.find(this.buf, this.valueStart - this.base + 1) >= 0) {
      this.skipFrom(new JsonScanError('an item that never ends', this.base + this.buf.length));
      this.runMending(out);
    }
    if (this.skipping) {
      this.skipped.push(this.skipping);
      this.skipping = undefined;
      this.phase = Phase.Done;
    }
    this.endPadding();
    if (this.phase === Phase.Start) return 'empty';
    if (this.phase !== Phase.Done) throw new JsonScanError('the document ends before its JSON does', this.base + this.buf.length);
    return this.shape;
  }

  /** Offset in the buffer before which nothing is needed any more. */
  private keepFrom(): number {
    if (this.phase === Phase.Start || this.phase === Phase.Skipping) return this.pos;
    // Until a root object shows an item array, it may itself be the one item: keep all of it.
    if (this.shapeSeen === 'empty' && !this.rootArray) return 0;
    // Only items' text is handed out: other values of the root object, and items too long, are scanned over.
    if (this.valueStart < 0 || this.phase === Phase.RootValue || this.tooLongFrom >= 0) return this.pos;
    return this.valueStart - this.base;
  }

  /** Passes over whitespace and zero padding; true if a character follows in the text received. */
  private skipWs(): boolean {
    const s = this.buf;
    let i = this.pos;
    for (;;) {
      while (i < s.length && isWs(s.charCodeAt(i))) i++;
      if (i === s.length || s.charCodeAt(i) !== 0) break;
      const from = i;
      while (i < s.length && s.charCodeAt(i) === 0) i++;
      if (this.padding) this.padding.count += i - from;
      else this.padding = { offset: this.base + from, count: i - from };
    }
    this.pos = i;
    if (i === s.length) return false;
    this.endPadding();
    return true;
  }

  private endPadding(): void {
    if (this.padding) this.paddings.push(this.padding);
    this.padding = undefined;
  }

  private fail(message: string, at = this.pos): never {
    throw new JsonScanError(message, this.base + at);
  }

  /** Runs the scan; a structural fault inside an array of events is passed over (see skipFrom) rather than thrown. */
  private runMending(out: JsonItem[]): void {
    for (;;) {
      try {
        this.run(out);
        // An indented item still open past where the next begins is damaged: found as soon as the text shows it, whatever its length.
        if (this.phase !== Phase.Items || this.valueStart < 0 || !this.itemStart?.indented || this.tooLongFrom >= 0) return;
        const next = this.overrun(Math.max(this.valueStart, this.overrunChecked - this.itemStart.reach) - this.base + 1);
        if (next < 0) {
          this.overrunChecked = this.base + this.buf.length;
          return;
        }
        this.fail(OVERRUN, next);
      } catch (error) {
        if (!(error instanceof JsonScanError) || !this.skipFrom(error)) throw error;
      }
    }
  }

  /** Where an indented item begins (see ItemStart) in the open item's text scanned so far, searched from `from`; -1 if nowhere. */
  private overrun(from: number): number {
    const next = this.itemStart!.find(this.buf, from);
    return next >= 0 && next < this.pos ? next : -1;
  }

  /**
   * Starts passing over damaged text in an array of events whose items begin alike (see
   * `itemStart`): from the damaged item's start, or from where the text broke between items,
   * to where an item next begins. False where that cannot be told (other faults, other layouts).
   */
  private skipFrom(fault: JsonScanError): boolean {
    const closedEarly = this.arrayClosedAt >= 0 && (this.phase === Phase.AfterRootValue || this.phase === Phase.RootKey || this.phase === Phase.Done);
    if (!fault.malformed || !this.itemStart || (this.phase !== Phase.Items && this.phase !== Phase.AfterItem && !closedEarly)) return false;
    // A damaged item is passed over from after its start; text that broke the array, from where it begins (the `]` that closed it early).
    const inItem = this.valueStart >= 0;
    const from = inItem ? this.valueStart : this.base + this.pos;
    this.skipping = closedEarly ? { offset: this.arrayClosedAt, fault: `${fault.message}, after a ']' that closed the array early`, faultAt: fault.offset } : { offset: from, fault: fault.message, faultAt: fault.offset };
    this.arrayClosedAt = -1;
    this.overrunChecked = 0;
    this.pos = from - this.base + (inItem ? 1 : 0);
    this.valueStart = -1;
    this.tooLongFrom = -1;
    this.inString = false;
    this.phase = Phase.Skipping;
    return true;
  }

  private run(out: JsonItem[]): void {
    for (;;) {
      // Read again each turn: a next document starts on a buffer cut to it.
      const s = this.buf;
      switch (this.phase) {
        case Phase.Start: {
          if (this.pos === 0 && this.base === 0 && s.charCodeAt(0) === 0xfeff) this.pos = 1;
          if (!this.skipWs()) return;
          const c = s[this.pos];
          if (c === '[') {
            this.rootArray = true;
            this.shapeSeen = 'array';
            this.itemShape = 'array';
            this.phase = Phase.Items;
          } else if (c === '{') this.phase = Phase.RootKey;
          else this.fail('expected a JSON object or array');
          this.pos++;
          break;
        }
        case Phase.RootKey: {
          if (!this.skipWs()) return;
          if (s[this.pos] === '}') {
            this.arrayClosedAt = -1;
            this.pos++;
            this.endRoot(out);
            break;
          }
          if (s[this.pos] !== '"') this.fail('expected a key');
          this.arrayClosedAt = -1;
          const end = stringEnd(s, this.pos);
          if (end < 0) return;
          this.key = s.slice(this.pos + 1, end - 1);
          if (this.key.includes('\\')) this.key = unescapeKey(this.key) ?? this.fail('malformed key');
          this.pos = end;
          this.phase = Phase.RootColon;
          break;
        }
        case Phase.RootColon:
          if (!this.skipWs()) return;
          if (s[this.pos] !== ':') this.fail("expected ':'");
          this.pos++;
          this.phase = Phase.RootValue;
          break;
        case Phase.RootValue: {
          if (!this.skipWs()) return;
          const kind = Object.hasOwn(ITEM_ARRAYS, this.key) ? ITEM_ARRAYS[this.key as keyof typeof ITEM_ARRAYS] : undefined;
          if (kind && this.valueStart < 0 && s[this.pos] === '[') {
            // Every array of events is read: a key written twice, or two kinds in one document, loses nothing.
            if (this.shapeSeen === 'empty') this.shapeSeen = kind;
            else this.anotherArray ??= { key: this.key, offset: this.base + this.pos };
            this.itemShape = kind;
            this.pos++;
            this.phase = Phase.Items;
            break;
          }
          if (this.scanValue() < 0) return;
          this.phase = Phase.AfterRootValue;
          break;
        }
        case Phase.AfterRootValue:
          if (!this.skipWs()) return;
          if (s[this.pos] === ',') this.phase = Phase.RootKey;
          else if (s[this.pos] === '}') {
            this.arrayClosedAt = -1;
            this.pos++;
            this.endRoot(out);
            break;
          } else this.fail("expected ',' or '}'");
          this.pos++;
          break;
        case Phase.Items: {
          if (!this.skipWs()) return;
          if (s[this.pos] === ']' && this.valueStart < 0) {
            this.arrayClosedAt = this.base + this.pos++;
            this.phase = this.rootArray ? Phase.Done : Phase.AfterRootValue;
            break;
          }
          // How items begin is learnt as soon as the first shows its first key, so that damage in it is passed over too.
          if (this.separator === undefined && this.itemStart === undefined) this.itemStart = ItemStart.of(s.slice(this.valueStart >= 0 ? this.valueStart - this.base : this.pos));
          const quick = this.valueStart < 0 && this.separator ? this.itemBySeparator() : undefined;
          if (quick) out.push(quick);
          else {
            const start = this.valueStart >= 0 ? this.valueStart : this.base + this.pos;
            if (this.scanValue() < 0) return;
            const shape = this.itemShape;
            const tooLong = this.tooLongFrom >= 0 || this.base + this.pos - start > this.maxChars;
            this.tooLongFrom = -1;
            if (tooLong) out.push({ text: '', offset: start, shape, unread: 'too long' });
            else {
              const text = s.slice(start - this.base, this.pos);
              this.learnSeparator(text);
              out.push(this.itemStart ? this.provenItem(text, start) : { text, offset: start, shape });
            }
          }
          this.phase = Phase.AfterItem;
          break;
        }
        case Phase.AfterItem:
          if (!this.skipWs()) return;
          if (s[this.pos] === ',') {
            this.pos++;
            this.phase = Phase.Items;
          } else if (s[this.pos] === ']') this.phase = Phase.Items;
          else this.fail("expected ',' or ']'");
          if (s[this.pos] === ']') {
            this.arrayClosedAt = this.base + this.pos++;
            this.phase = this.rootArray ? Phase.Done : Phase.AfterRootValue;
          }
          break;
        case Phase.Skipping: {
          const next = this.itemStart!.find(s, this.pos);
          if (next < 0) {
            this.pos = Math.max(this.pos, s.length - this.itemStart!.reach + 1);
            return;
          }
          this.skipped.push({ ...this.skipping!, resumedAt: this.base + next });
          this.skipping = undefined;
          this.pos = next;
          this.phase = Phase.Items;
          break;
        }
        case Phase.Done:
          if (!this.skipWs()) return;
          // Files joined whole (cat, copy /b) keep each one's byte order mark in front of its document.
          if (s.charCodeAt(this.pos) === 0xfeff) {
            this.pos++;
            break;
          }
          if (s[this.pos] !== '{' && s[this.pos] !== '[') this.fail('unexpected content after the JSON document');
          this.arrayClosedAt = -1;
          this.nextDocument();
          break;
      }
    }
  }

  /**
   * An item of an array whose items begin alike (see ItemStart), scanned to its end: parsed, its
   * value handed out (the reader parses it once, here or there). One that does not parse may
   * have run on past where the next item begins, its scan misled by a stray quote or a cut: that
   * is damage, passed over from its start. Any other is handed out as it is, for the reader to
   * report. Compact items are checked here only, once they end: `{"eventVersion"` may begin an
   * object nested in a sound event, so only a failed parse shows damage.
   */
  private provenItem(text: string, offset: number): JsonItem {
    try {
      return { text, offset, shape: this.itemShape, value: JSON.parse(text) };
    } catch {
      const next = this.overrun(offset - this.base + 1);
      if (next < 0) return { text, offset, shape: this.itemShape };
      this.valueStart = offset;
      this.fail(OVERRUN, next);
    }
  }

  private learnSeparator(item: string): void {
    this.lastItemChars = item.length;
    if (this.separator !== undefined) return;
    this.itemStart = ItemStart.of(item);
    this.separator = this.itemStart?.compact ? `${this.itemStart.close},${this.itemStart.compact}` : '';
  }

  /** The object item at `pos` if the separator ends it (see `separator`); undefined to scan it instead. */
  private itemBySeparator(): JsonItem | undefined {
    const s = this.buf;
    if (s[this.pos] !== this.itemStart?.open) return undefined;
    const end = s.indexOf(this.separator!, this.pos);
    if (end < 0) {
      // Normal when the item runs past this chunk or is the last; with plenty of text left, the items differ.
      if (s.length - this.pos > 2 * this.lastItemChars) this.separator = '';
      return undefined;
    }
    const text = s.slice(this.pos, end + 1);
    if (text.length > this.maxChars) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.separator = '';
      return undefined;
    }
    const offset = this.base + this.pos;
    this.pos = end + 1;
    this.lastItemChars = text.length;
    return { text, offset, shape: this.itemShape, value };
  }

  /** Starts on the document beginning at `pos`, with the buffer cut to it. */
  private nextDocument(): void {
    this.firstShape ??= this.shapeSeen;
    this.buf = this.buf.slice(this.pos);
    this.base += this.pos;
    this.pos = 0;
    this.phase = Phase.Start;
    this.shapeSeen = 'empty';
    this.rootArray = false;
    this.key = '';
    this.separator = undefined;
    this.itemStart = undefined;
  }

  private endRoot(out: JsonItem[]): void {
    this.phase = Phase.Done;
    if (this.shapeSeen === 'empty') {
      this.shapeSeen = 'object';
      const start = this.buf.indexOf('{');
      const text = this.buf.slice(start, this.pos);
      out.push(text.length > this.maxChars ? { text: '', offset: this.base + start, shape: 'object', unread: 'too long' } : { text, offset: this.base + start, shape: 'object' });
    }
  }

  /**
   * Advances over one JSON value from `pos`, resuming where the last call stopped. Returns the
   * end offset in the buffer, or -1 when the value continues past the text received so far.
   */
  private scanValue(): number {
    const s = this.buf;
    let i = this.pos;
    if (this.valueStart < 0) {
      this.valueStart = this.base + i;
      this.depth = 0;
      this.inString = false;
      const c = s[i];
      if (c !== '{' && c !== '[' && c !== '"') {
        let j = i;
        while (j < s.length && !isWs(s.charCodeAt(j)) && s[j] !== ',' && s[j] !== '}' && s[j] !== ']') j++;
        if (j === s.length) {
          this.valueStart = -1;
          return -1;
        }
        if (j === i) this.fail('expected a value');
        return this.endValue(j);
      }
    }
    let depth = this.depth;
    for (; i < s.length; i++) {
      if (this.inString) {
        const close = stringClose(s, i);
        if (close < 0) return this.suspendInString(i, depth);
        this.inString = false;
        i = close;
        if (depth === 0) return this.endValue(i + 1);
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        const close = stringClose(s, i + 1);
        if (close < 0) return this.suspendInString(i + 1, depth);
        i = close;
        if (depth === 0) return this.endValue(i + 1);
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return this.endValue(i + 1);
        if (depth < 0) this.fail('unbalanced brackets', i);
      }
    }
    this.pos = s.length;
    this.depth = depth;
    return -1;
  }

  /** Pauses inside a string; resumes before any trailing backslashes so escapes are read whole. */
  private suspendInString(from: number, depth: number): number {
    let resume = this.buf.length;
    while (resume > from && this.buf.charCodeAt(resume - 1) === 0x5c) resume--;
    this.inString = true;
    this.pos = resume;
    this.depth = depth;
    return -1;
  }

  private endValue(end: number): number {
    this.pos = end;
    this.valueStart = -1;
    return end;
  }
}

/** The fault of an indented item whose text runs on past where the next item begins. */
const OVERRUN = 'an item still open where the next begins';

/** A key written with escapes (`"Re\u0063ords"`) as the key it is, or undefined if its escapes are malformed. */
function unescapeKey(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/** End (exclusive) of the string starting at `at`, or -1 when it continues past `s`. */
export function stringEnd(s: string, at: number): number {
  const close = stringClose(s, at + 1);
  return close < 0 ? -1 : close + 1;
}
