import { parse, type CsvError, type Parser } from 'csv-parse';
import { CSV_SEPARATORS, separatorOf } from '../../../shared/csvRow';

/** One CSV record: its cells, its exact text (without the line break that ends it) and the line it starts on. */
export interface CsvRecord {
  cells: string[];
  raw: string;
  line: number;
}

/** Told about a row that could not be read: why, and the line it starts on. */
export type BadRow = (reason: string, line: number) => void;

type Read = CsvRecord | { reason: string; line: number };

const LEADING_BREAKS = /^(?:\r\n|\r|\n)*/;
const TRAILING_BREAK = /(?:\r\n|\r|\n)$/;
const countBreaks = (text: string): number => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/** Offset just past the first line break at or after `from`, or -1. CR and LF never occur inside a UTF-8 sequence. */
function afterLineBreak(bytes: Buffer, from: number): number {
  for (let at = from; at < bytes.length; at++) {
    if (bytes[at] === 0x0a) return at + 1;
    if (bytes[at] === 0x0d) return bytes[at + 1] === 0x0a ? at + 2 : at + 1;
  }
  return -1;
}

function reasonOf(error: CsvError, maxChars: number, separator: string): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED': return 'a quoted cell in it is still open where the file ends (cut short?)';
    case 'CSV_INVALID_CLOSING_QUOTE': return `a quote inside a quoted cell is neither doubled nor followed by ${CSV_SEPARATORS.get(separator)} or a line break`;
    case 'INVALID_OPENING_QUOTE': return 'a quote inside a cell that does not start with one';
    case 'CSV_MAX_RECORD_SIZE': return `longer than ${maxChars} characters`;
    default: return error.message.replace(/ at line \d+/, '');
  }
}

/**
 * Streams a CSV text's records (csv-parse, strict about quotes), its cells separated as its header
 * line says (see separatorOf). A row csv-parse cannot read is
 * reported with the line it starts on, and reading starts again with a fresh parser on the line
 * after it, so one stray or missing quote costs that row and never the rows after it, nor those
 * still buffered before it. Memory holds only the bytes of the row being read.
 */
export async function* csvRecords(texts: AsyncIterable<string>, maxChars: number, badRow: BadRow): AsyncGenerator<CsvRecord> {
  let reader: ResyncingReader | undefined;
  function* handOut(reader: ResyncingReader): Generator<CsvRecord> {
    for (const read of reader.take()) {
      if ('reason' in read) badRow(read.reason, read.line);
      else yield read;
    }
  }
  for await (const text of texts) {
    if (text === '') continue;
    // The first text holds the header line: the document reader decodes its first 64 KB at least.
    reader ??= new ResyncingReader(maxChars, separatorOf(text));
    await reader.write(Buffer.from(text, 'utf8'));
    yield* handOut(reader);
  }
  reader ??= new ResyncingReader(maxChars, ',');
  await reader.write(undefined);
  yield* handOut(reader);
}

class ResyncingReader {
  private parser!: Parser;
  /** Records csv-parse completed in the last write, with the parser's byte offset where each ends. */
  private parsed: { cells: string[]; end: number }[] = [];
  /** Bytes given to the parser since the end of the last record taken; they start at its byte `base` and on `line`. */
  private pieces: Buffer[] = [];
  private base = 0;
  private line = 1;
  private parserLine = 1;
  /** Dropping the rest of a bad row's first line, which has not all arrived yet. */
  private skipping = false;
  /** The last bytes ended on a CR, so an LF first in the next ones belongs to the same line break. */
  private dropLf = false;
  /** What was read, in file order: records and rows that could not be read. */
  private read: Read[] = [];

  constructor(
    private readonly maxChars: number,
    private readonly separator: string,
  ) {
    this.restart();
  }

  private restart(): void {
    this.parser = parse({
      delimiter: this.separator,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: this.maxChars,
      on_record: (cells: string[], info) => {
        this.parsed.push({ cells, end: info.bytes });
        return null;
      },
    });
    this.parser.on('error', () => undefined); // each error also reaches the write's callback
    this.pieces = [];
    this.base = 0;
    this.parserLine = this.line;
  }

  /** Gives the parser the next bytes, or the end when `bytes` is undefined. */
  async write(bytes: Buffer | undefined): Promise<void> {
    if (bytes !== undefined && bytes.length > 0 && this.dropLf) {
      this.dropLf = false;
      if (bytes[0] === 0x0a) bytes = bytes.subarray(1);
    }
    if (bytes !== undefined && this.skipping) {
      const after = afterLineBreak(bytes, 0);
      if (after < 0) return;
      this.skipping = false;
      this.line++;
      this.parserLine = this.line;
      this.dropLf = bytes[after - 1] === 0x0d && after === bytes.length;
      bytes = bytes.subarray(after);
    }
    if (bytes !== undefined) this.pieces.push(bytes);
    const parser = this.parser;
    const error = await new Promise<Error | null | undefined>((resolve) => {
      if (bytes === undefined) parser.end(resolve);
      else parser.write(bytes, resolve);
    });
    this.collect();
    if (error) await this.resync(error as CsvError, bytes === undefined);
  }

  /** What was read since the last call. */
  take(): Read[] {
    const read = this.read;
    this.read = [];
    return read;
  }

  private collect(): void {
    for (const { cells, end } of this.parsed) {
      const text = this.takeBytes(end - this.base).toString('utf8');
      this.base = end;
      const lead = LEADING_BREAKS.exec(text)![0];
      this.read.push({ cells, raw: text.slice(lead.length).replace(TRAILING_BREAK, ''), line: this.line + countBreaks(lead) });
      this.line += countBreaks(text);
    }
    this.parsed.length = 0;
  }

  private takeBytes(count: number): Buffer {
    const taken: Buffer[] = [];
    while (count > 0) {
      const piece = this.pieces[0]!;
      if (piece.length <= count) {
        taken.push(piece);
        this.pieces.shift();
        count -= piece.length;
      } else {
        taken.push(piece.subarray(0, count));
        this.pieces[0] = piece.subarray(count);
        count = 0;
      }
    }
    return taken.length === 1 ? taken[0]! : Buffer.concat(taken);
  }

  /** Reports the row the parser failed in and reads again from the line after the one it starts on. */
  private async resync(error: CsvError, ended: boolean): Promise<void> {
    const rest = Buffer.concat(this.pieces);
    let start = 0;
    while (rest[start] === 0x0a || rest[start] === 0x0d) start++;
    this.line += countBreaks(rest.subarray(0, start).toString('latin1'));
    const faultLine = typeof error.lines === 'number' ? this.parserLine + error.lines - 1 : this.line;
    this.read.push({ line: this.line, reason: `CSV row not read: ${reasonOf(error, this.maxChars, this.separator)}${faultLine > this.line && error.code !== 'CSV_QUOTE_NOT_CLOSED' ? ` (found on line ${faultLine})` : ''}; reading goes on from the next line` });
    const after = afterLineBreak(rest, start);
    this.restart();
    if (after < 0) {
      this.skipping = !ended;
      return;
    }
    this.line++;
    this.parserLine = this.line;
    this.dropLf = rest[after - 1] === 0x0d && after === rest.length;
    await this.write(rest.subarray(after));
    if (ended) await this.write(undefined);
  }
}
