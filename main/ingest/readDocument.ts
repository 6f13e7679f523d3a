import type { CairnEvent } from '../../shared/event';
import { EVENT_FLAGS } from '../../shared/event';
import { cutWrapper } from '../../shared/eventWrapper';
import { TextDecoding } from './decodeText';
import { CLOUDWATCH_PREFIX, detectLayout, unrecognisedTable, type TextLayout } from './formats/detectFormat';
import { isDigest, isLakeSign, itemEvent, type ItemKind, type PlaceInItem } from './formats/itemEvent';
import { JsonScanError, JsonSplitter, type DocumentShape, type JsonItem } from './formats/jsonSplitter';
import { LineSplitter, type Line } from './formats/lineSplitter';
import { emptyTarLike, padded, zeroPadding } from './formats/zeroPadding';
import { compactForm } from './formats/compactForm';
import { csvRows } from './formats/csvEvents';
import type { FileTracker } from './fileTracker';
import type { IngestLimits } from './limits';
import { normalizeEvent } from './normalize';
import { parseEventTime, timeFraction } from '../../shared/eventTime';
import { counted } from '../../shared/counted';
import { ReadCancelled, ReadError } from './readers/byteStreams';

/**
 * Receives each event read, with its eventID when it has one, the text its content is compared by
 * to find duplicates (see `comparedText`), and whether it is a partial row: a CSV row holding some
 * of the event's fields, not its JSON (the row is its text). Awaiting it is backpressure.
 */
export type EventReceiver = (file: FileTracker, event: CairnEvent, eventId: string | undefined, compared: string, partial: boolean) => Promise<void> | void;

/**
 * The text by which an event's content is told the same as another's. Serializers write the same
 * event differently: pretty-printed (the console's JSON download, jq), spaced (Python's
 * json.dumps), with escapes (`\u00e9`, `\/`). Such a text is compared by its compact form (see
 * compactForm), which is what CloudTrail writes, so a copy differing only in layout is a
 * duplicate, not a conflict; a compact text is compared as it is. The checks are
 * single-character searches, cheap beside the hash.
 */
function comparedText(text: string): string {
  const reformatted = text.includes('\n') || text.includes('\\u') || text.includes('\\/') || text.charCodeAt(1) === 0x20 || text.charCodeAt(text.indexOf('":') + 2) === 0x20;
  return reformatted ? compactForm(text) : text;
}

const FORMAT_OF_SHAPE: Record<Exclude<DocumentShape, 'empty'>, string> = {
  records: 'cloudtrail-records',
  'lookup-events': 'lookup-events',
  'log-events': 'cloudwatch-log-events',
  'insights-results': 'cloudwatch-insights-results',
  array: 'json-array',
  object: 'json-event',
};

/**
 * Characters read before the layout is first decided. When they do not tell (an NDJSON line
 * longer than this), more is read, the head doubling each time it is looked at again, up to the
 * longest event a reader takes (maxEventChars): memory stays bounded whatever the file's size.
 */
const HEAD_CHARS = 64 * 1024;
/**
 * Bytes are decoded at most this many at a time: V8 puts longer strings in its large-object
 * space, which made decoding a whole 200 KB trail file ten times slower than in pieces.
 */
const PIECE_BYTES = 64 * 1024;

async function* inPieces(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of stream) for (let at = 0; at < chunk.length; at += PIECE_BYTES) yield chunk.subarray(at, at + PIECE_BYTES);
}

/**
 * Maps character offsets of the decoded text back to byte offsets of the file's content (of the
 * decompressed content for gzip): its own bytes, a BOM's and a UTF-16 file's two a unit counted,
 * and bad bytes shown as U+FFFD as the bytes they are (see TextDecoding.driftBefore), and, with `countLines` (a JSON document, which may be written
 * over many lines: pretty-printed by the console, jq or json.tool), to their lines as an editor
 * numbers them. It keeps the last few pieces of text, and all of those from `oldestNeeded` on.
 * Line breaks are counted once per piece as it is added, never per event; within a piece, only
 * for a location asked for.
 */
class ByteOffsets {
  /** Each piece kept, with the characters, bytes and line breaks before it. */
  private marks: { chars: number; bytes: number; lines: number; text: string }[] = [];
  private chars = 0;
  private bytes: number;
  /** Line breaks in the text added so far, when counted. */
  private lines = 0;
  /** The line of the text's first invalid sequence (see TextDecoding.invalidChar), once added. */
  private invalidLine: number | undefined;
  oldestNeeded = Infinity;

  constructor(private readonly decoding: TextDecoding, private readonly countLines: boolean) {
    this.bytes = decoding.bomBytes;
  }

  add(text: string): void {
    this.marks.push({ chars: this.chars, bytes: this.bytes, lines: this.lines, text });
    while (this.marks.length > 8 && this.marks[1]!.chars <= this.oldestNeeded) this.marks.shift();
    this.decoding.forget(this.marks[0]!.chars);
    const invalid = this.decoding.invalidChar;
    if (this.countLines && this.invalidLine === undefined && invalid !== undefined && invalid < this.chars + text.length) this.invalidLine = this.lines + lineBreaks(text.slice(0, invalid - this.chars)) + 1;
    this.chars += text.length;
    this.bytes += this.decoding.byteLength(text);
    if (this.countLines) this.lines += lineBreaks(text);
  }

  /** Where the first invalid sequence is: its byte as the decoder found it, with its line as `at` gives one. */
  invalidPlace(byte: number): string {
    return this.invalidLine !== undefined && this.invalidLine > 1 ? `line ${this.invalidLine}, byte ${byte}` : `byte ${byte}`;
  }

  /**
   * `byte N` of the content; where lines are counted, `line L, byte N` once past the first line
   * (a compact document, all on one line, reads as it always did).
   */
  at(offset: number): string {
    const mark = [...this.marks].reverse().find((m) => m.chars <= offset);
    if (!mark) return `character ${offset}`;
    const before = mark.text.slice(0, offset - mark.chars);
    // Bad bytes shown as U+FFFD take other than its bytes: the file's own are counted.
    const byte = `byte ${mark.bytes + this.decoding.byteLength(before) + this.decoding.driftBefore(offset)}`;
    const line = this.countLines ? mark.lines + lineBreaks(before) + 1 : 1;
    return line > 1 ? `line ${line}, ${byte}` : byte;
  }
}

/** The line breaks in `text`: each LF, which also ends a CRLF (counted once, as editors do). A lone CR is not counted. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Reads one document's events: decodes its text, recognises its layout from content, splits it
 * into items (streaming, one item in memory at a time), and hands each CloudTrail event to
 * `receive`. Problems become the file's issues with their location; every readable event still
 * comes through. The stream is always read to its end, so the file's hashes cover all of it
 * (unless it fails: a cancelled import stops it with ReadCancelled).
 */
export async function readDocument(stream: AsyncIterable<Buffer>, head: Buffer, file: FileTracker, limits: IngestLimits, receive: EventReceiver): Promise<void> {
  const decoding = new TextDecoding(head);
  // A failing stream (corrupt gzip, truncated archive) ends the text where it failed: what came
  // before is still read, and the failure is raised once that is done.
  const source = inPieces(stream);
  let streamError: unknown;
  const bytes = {
    async next(): Promise<IteratorResult<Buffer>> {
      if (streamError !== undefined) return { done: true, value: undefined };
      try {
        return await source.next();
      } catch (error) {
        streamError = error;
        return { done: true, value: undefined };
      }
    },
  };
  let ordinal = 0;
  /** The line the failure of the stream cut short, not read. */
  let cutLine: number | undefined;
  let notCloudTrail = 0;
  let firstNotCloudTrail = '';
  let escaped = 0;
  let firstEscaped = '';
  /** Events stored without a readable time, and where the first is. */
  let untimed = 0;
  let firstUntimed = '';
  /** The text of a digest or Lake sign file, and which of the two it is. */
  let digestText: string | undefined;
  let digestFormat = 'cloudtrail-digest';
  /** Whether an item was a CloudWatch Logs Insights result row: a root array of them is that export. */
  let insightsRows = false;

  // The head decides the layout; then the same text, and the rest, flow to that layout's reader.
  // It is kept in the pieces it was decoded in, which go to the reader as such.
  const headPieces: string[] = [];
  let headChars = 0;
  let ended = false;
  let empty = false;
  let layout: TextLayout | undefined;
  for (let lookAt = HEAD_CHARS; layout === undefined; ) {
    const next = await bytes.next();
    const text = next.done ? decoding.end() : decoding.decode(next.value);
    ended = next.done === true;
    headPieces.push(text);
    headChars += text.length;
    if (!ended && headChars < lookAt) continue;
    const head = headPieces.join('');
    empty = ended && head.trim() === '';
    layout = detectLayout(head, ended ? 'ended' : headChars > limits.maxEventChars ? 'bounded' : 'more');
    lookAt = headChars * 2;
  }
  // Only a JSON document's locations give lines: NDJSON and CloudWatch lines are numbered as they are split, CSV rows by the CSV reader.
  const offsets = new ByteOffsets(decoding, layout === 'json');
  async function* texts(): AsyncGenerator<string> {
    for (const text of headPieces.splice(0)) {
      offsets.add(text);
      yield text;
    }
    if (ended) return;
    for (let next = await bytes.next(); !next.done; next = await bytes.next()) {
      const text = decoding.decode(next.value);
      offsets.add(text);
      yield text;
    }
    const rest = decoding.end();
    offsets.add(rest);
    yield rest;
  }

  /**
   * `where` gives the item's location, `place` that of a fault in its text (see PlaceInItem);
   * they are worked out only when a problem needs them. `holder` is the text `text` was a value
   * of, when it was one (a CSV row, a CloudWatch Logs export line). Returns
   * the receiver's promise, if it gave one: most events need no wait, and awaiting nothing per
   * event still costs a turn of the microtask queue.
   */
  const handleItem = (kind: ItemKind, text: string, where: () => string, place: PlaceInItem, original = text, parsed?: unknown, rowTime?: string, holder?: string): Promise<void> | void => {
    const index = ordinal++;
    const found = itemEvent(kind, text, limits.maxJsonDepth, parsed, place);
    if (found.insights) insightsRows = true;
    if ('error' in found) {
      if (found.error === 'not a CloudTrail event') {
        if (notCloudTrail++ === 0) firstNotCloudTrail = where();
      } else file.issue('error', `item ${index}: ${found.error}`, where());
      return;
    }
    const eventId = found.value['eventID'];
    const kept = original === text ? found.text : original;
    let flags = decoding.invalidAt !== undefined && kept.includes('\ufffd') ? EVENT_FLAGS.invalidText : 0;
    if (found.deep !== undefined) {
      flags |= EVENT_FLAGS.deepNesting;
      file.issue('warning', `item ${index}: nested ${found.deep} levels deep, deeper than ${limits.maxJsonDepth}: stored with its text as it is, but what lies deeper than ${limits.maxJsonDepth} levels is only shown in that text`, where());
    }
    // The event's JSON was a value in its file: a wrapper's string (itemEvent then returns that string, not the item's text) or a CSV cell.
    const partial = original !== text;
    if (!partial && (found.text !== text || layout === 'csv' || layout === 'cloudwatch-insights-csv')) flags |= EVENT_FLAGS.unwrapped;
    if (found.escaped) {
      flags |= EVENT_FLAGS.escapedSurrogates;
      if (escaped++ === 0) firstEscaped = where();
    }
    const event = normalizeEvent(found.value, { file: file.index, index, flags, text: kept });
    // What held the event's JSON is kept as it stood: the item whose string it was, the row or line it was a value of.
    const held = holder ?? (flags & EVENT_FLAGS.unwrapped ? text : undefined);
    if (held !== undefined) event.wrapper = cutWrapper(layout!, held, kept);
    // An event without a readable time of its own takes the time of what carried it: a lookup-events item's EventTime, an Insights row's @timestamp.
    if (Number.isNaN(event.time)) {
      const carrierTime = found.wrapperTime ?? rowTime;
      if (carrierTime !== undefined) {
        event.time = parseEventTime(carrierTime);
        event.timeFraction = timeFraction(carrierTime, event.time);
      }
      if (Number.isNaN(event.time) && untimed++ === 0) firstUntimed = where();
    }
    // Only a CSV row built from columns (partial) is kept as other than the text its event was read from.
    return receive(file, event, typeof eventId === 'string' && eventId !== '' ? eventId : undefined, partial ? kept : comparedText(kept), partial);
  };

  /** Says the file held nothing, or nothing but zero padding (reported apart). */
  const emptyFile = (padding = false): void => {
    file.record.format = 'empty';
    file.issue('warning', padding ? 'nothing but zero padding: no events' : 'empty file: no events');
  };

  const readJson = async (): Promise<void> => {
    const json = new JsonSplitter(limits.maxEventChars);
    const items: JsonItem[] = [];
    let final = false;
    let anotherArraySeen = false;
    let paddingSeen = false;
    const iterator = texts();
    try {
    while (!final) {
      const next = await iterator.next();
      final = next.done === true;
      // A fault in the text still leaves the items completed before it to read first.
      let fault: unknown;
      try {
        if (final) json.finish(items);
        else json.push(next.value, items);
      } catch (error) {
        fault = error;
      }
      offsets.oldestNeeded = json.oldestOffset;
      if (json.anotherArray && !anotherArraySeen) {
        anotherArraySeen = true;
        file.issue('warning', `more than one array of events in one document (the next is "${json.anotherArray.key}"): the events of each are read; tools that keep one value per key, such as jq, see only some of them`, offsets.at(json.anotherArray.offset));
      }
      for (const { offset, count } of json.paddings) {
        // Once the document is finished with no value in it, this run is all it holds.
        const onlyPadding = final && json.shape === 'empty';
        file.issue('warning', zeroPadding(count, onlyPadding && emptyTarLike(file.record.path, count)), offsets.at(offset));
        paddingSeen = true;
      }
      json.paddings.length = 0;
      // get-query-results items are rows, each holding an event.
      const item = json.shape === 'insights-results' ? 'row' : 'event';
      for (const { offset, fault, faultAt, resumedAt } of json.skipped) {
        const rest =
          resumedAt === undefined ? `no ${item} begins after it: the rest of the file is not read`
          : resumedAt === offset ? `the ${item} there is read`
          : `the damaged text is passed over, and reading goes on at ${file.placed(offsets.at(resumedAt))}, where the next ${item} begins`;
        file.issue('error', `malformed JSON: ${fault} (${file.placed(offsets.at(faultAt))}); ${rest}`, offsets.at(offset));
      }
      json.skipped.length = 0;
      for (const item of items) {
        const where = (): string => offsets.at(item.offset);
        const integrity = item.unread === undefined && item.shape === 'object' ? integrityFormat(item.text) : undefined;
        if (item.unread === 'too long') file.issue('error', `item ${ordinal++}: longer than ${limits.maxEventChars} characters: not read`, where());
        else if (integrity !== undefined) {
          digestText = item.text;
          digestFormat = integrity;
        } else {
          const pending = handleItem(item.shape, item.text, where, (at) => file.placed(offsets.at(item.offset + at)), item.text, item.value);
          if (pending) await pending;
        }
      }
      items.length = 0;
      if (fault !== undefined) throw fault;
    }
    } finally {
      // A document that fails before its shape shows stays 'json'.
      file.record.format =
        digestText !== undefined ? digestFormat
        : json.shape === 'empty' ? 'json'
        : json.shape === 'array' && insightsRows ? 'cloudwatch-insights-json'
        : FORMAT_OF_SHAPE[json.shape];
    }
    if (json.shape === 'empty') emptyFile(paddingSeen);
  };

  const readLines = async (layout: 'ndjson' | 'cloudwatch-export'): Promise<void> => {
    const lineAt = (line: number, offset: number): string => `line ${line}, ${offsets.at(offset)}`;
    const lines = new LineSplitter(limits.maxEventChars, (line, offset) => {
      file.issue('error', `line longer than ${limits.maxEventChars} characters: skipped`, lineAt(line, offset));
      ordinal++;
    });
    const found: Line[] = [];
    /** Zero padding met and not yet reported: it may go on over the next lines. */
    let padding: { line: number; count: number } | undefined;
    const pad = (line: number, count: number): void => {
      if (count === 0) return;
      if (padding) padding.count += count;
      else padding = { line, count };
    };
    const endPadding = (): void => {
      if (padding) file.issue('warning', zeroPadding(padding.count), `line ${padding.line}`);
      padding = undefined;
    };
    const handle = async (): Promise<void> => {
      for (const line of found) {
        const { core, before, after } = padded(line.text);
        pad(line.line, before);
        if (core === '') continue;
        endPadding();
        const text = layout === 'cloudwatch-export' ? core.replace(CLOUDWATCH_PREFIX, '') : core;
        // Where the text begins in the line: after any zero padding, and a CloudWatch line's time.
        const start = line.offset + before + core.length - text.length;
        const pending = handleItem(layout, text, () => lineAt(line.line, line.offset), (at) => file.placed(lineAt(line.line, start + at)), text, undefined, undefined, layout === 'cloudwatch-export' ? core : undefined);
        if (pending) await pending;
        pad(line.line, after);
      }
      found.length = 0;
    };
    for await (const text of texts()) {
      lines.push(text, found);
      await handle();
      // The text from where the line still open starts is kept, for the byte offset of a problem in it.
      offsets.oldestNeeded = lines.pendingOffset;
    }
    // Text that fails mid-line (a gzip cut short) leaves that line cut by the failure: told with it, not as malformed JSON apart.
    cutLine = streamError instanceof ReadError ? lines.openLine : undefined;
    if (cutLine === undefined) lines.finish(found);
    await handle();
    endPadding();
  };

  const readCsv = async (): Promise<void> => {
    const badRow = (reason: string, line: number): void => {
      file.issue('error', reason, `line ${line}`);
      ordinal++;
    };
    for await (const row of csvRows(texts(), limits.maxEventChars, badRow, (header) => (file.record.csvHeader = header))) {
      // The event's JSON is a cell's value, not the file's text (quotes doubled): a fault in it is placed in that cell.
      const pending = handleItem(row.insights ? 'insights-message' : 'object', row.eventText, () => `line ${row.line}`, (at) => `character ${at} of its ${row.column ?? 'event'} cell`, row.built ? row.raw : row.eventText, undefined, row.time, row.built ? undefined : row.raw);
      if (pending) await pending;
    }
  };

  try {
    if (empty) return emptyFile();
    file.record.format = layout;
    if (layout === 'json') await readJson();
    else if (layout === 'ndjson' || layout === 'cloudwatch-export') await readLines(layout);
    else if (layout === 'csv' || layout === 'cloudwatch-insights-csv') await readCsv();
    else {
      const table = unrecognisedTable(headPieces.join(''));
      if (table === undefined) file.issue('error', 'not a CloudTrail export: the content is neither JSON, JSON lines, CloudWatch Logs lines nor CSV');
      else file.issue('error', table.message, `line ${table.line}`);
    }
  } catch (error) {
    if (error instanceof JsonScanError) {
      if (streamError === undefined) file.issue('error', `${error.malformed ? 'malformed JSON: ' : ''}${error.message}; the rest of the file is not read`, offsets.at(error.offset));
    }
    else throw error;
  } finally {
    for (let next = await bytes.next(); !next.done; next = await bytes.next()) void next;
  }
  if (streamError instanceof ReadError && cutLine !== undefined) {
    const cut = `; the last line, line ${cutLine}, is cut short there: not read`;
    throw streamError instanceof ReadCancelled ? new ReadCancelled(streamError.location, cut) : new ReadError(`${streamError.message}${cut}`, streamError.location);
  }
  if (streamError !== undefined) throw streamError;

  if (digestText !== undefined) file.record.digest = digestText;
  if (decoding.encoding !== 'utf-8') file.issue('warning', `text is ${decoding.encoding.toUpperCase()}, read as such`);
  if (decoding.invalidAt !== undefined) file.issue('warning', `invalid ${decoding.encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'}: shown as U+FFFD in the affected events, which are flagged; the hashes cover the original bytes`, offsets.invalidPlace(decoding.invalidAt));
  if (untimed > 0) file.issue('warning', `${untimed === 1 ? '1 event has' : `${untimed} events have`} no readable time (no eventTime, or one in a form not read): kept, listed after the timed events`, firstUntimed);
  if (escaped > 0) file.issue('warning', `lone UTF-16 surrogates in the JSON of ${escaped === 1 ? '1 event' : `${escaped} events`} (flagged): each is stored as its \\uXXXX escape, which parses to the same value`, firstEscaped);
  if (notCloudTrail > 0) {
    if (file.record.events === 0 && file.record.duplicates === 0) file.issue('error', `valid ${file.record.format === 'csv' ? 'CSV' : 'JSON'}, but not CloudTrail: none of its ${notCloudTrail} items has CloudTrail's event fields`, firstNotCloudTrail);
    else file.issue('warning', `${counted(notCloudTrail, 'item')} ${notCloudTrail === 1 ? 'is not a CloudTrail event and was' : 'are not CloudTrail events and were'} skipped`, firstNotCloudTrail);
  }
}

/** The format of a file that lists other files' hashes instead of holding events (a trail's digest, a Lake sign file), or undefined. */
function integrityFormat(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isDigest(value) ? 'cloudtrail-digest' : isLakeSign(value) ? 'cloudtrail-lake-sign' : undefined;
}
