import { realpathSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { conflictingCopies, counted, csvRowsOfFullEvents } from '../shared/counted';
import type { EvidenceFile } from '../shared/event';
import { asInFile } from '../shared/eventWrapper';
import type { IngestProgress } from '../shared/ipc';
import { fileName } from '../shared/printable';
import { fractionText } from '../shared/timeFraction';
import { CancelFlag } from './ingest/cancelFlag';
import { DEFAULT_PARSE_THREADS } from './ingest/parsePool';
import { runIngest } from './ingest/pipeline';
import { CsvRowsOfFullTally } from './csvRowsOfFullTally';
import { NdjsonOutput } from './ndjsonOutput';

const USAGE = `Usage: cairn scan <paths…> [--json] [--ndjson FILE] [--threads N]

Reads CloudTrail evidence (folders, .json, .json.gz, .zip, .tar, .tar.gz, NDJSON, CSV, …)
read-only and reports every file with its hashes, format, events and problems.
  --json         print the report as JSON
  --ndjson FILE  also write every stored event, normalized, with its original text
  --threads N    parse on N threads (default 2, or 1 on one core). More are
                 faster where there are cores to spare, and take more memory:
                 10M events took 92 s and 235 MB on one thread, 68 s and
                 280 MB on two (two cores)
Ctrl-C stops the scan: the report ends with the file it was in, recorded as far
as it was read, and the exit status is 130. A scan stopped by an error (not one
file's: those are in the report) ends the same way, then lists each file it had
not reached ('not read: the import stopped before it …'), says why, and exits
with 1, as when nothing could be read; otherwise the status is 0.`;

/** The exit status of a scan stopped by Ctrl-C: a Unix tool's, ended by SIGINT (128 + 2). */
const INTERRUPTED_STATUS = 130;

/** An event's time in ISO form, UTC, with the fraction of a second it was written with; null when unknown. */
const isoTime = (ms: number, fraction: number): string | null => (Number.isNaN(ms) ? null : `${new Date(ms).toISOString().slice(0, 19)}${fractionText(ms, fraction)}Z`);

/** True when `file` lies inside `folder` (or is it). */
function inside(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** What `--json` prints: `files` then the job's totals. */
interface ScanReport {
  files: (Pick<EvidenceFile, 'path' | 'container' | 'format' | 'size' | 'sha256' | 'contentSha256' | 's3Key' | 'events' | 'duplicates' | 'conflicts'> & { errors: EvidenceFile['issues']; digest?: string })[];
  events: number;
  /** How many of them are CSV rows of calls another event stands for (their full event, or their first row): calls counted twice (see CsvRowsOfFullTally). */
  csvRowsOfFull: number;
  duplicates: number;
  conflicts: number;
  errors: number;
}

function reportFile({ path, container, format, size, sha256, contentSha256, s3Key, events, duplicates, conflicts, issues, digest }: EvidenceFile): ScanReport['files'][number] {
  return { path, container, format, size, sha256, contentSha256, s3Key, events, duplicates, conflicts, errors: issues, ...(digest !== undefined ? { digest } : {}) };
}

function humanFile(file: EvidenceFile): string {
  const name = fileName(file);
  const counts = [counted(file.events, 'event'), file.duplicates ? counted(file.duplicates, 'duplicate') : '', file.conflicts ? conflictingCopies(file.conflicts) : ''].filter(Boolean).join(', ');
  const problems = file.issues.map((issue) => `    ${issue.severity}: ${issue.message}${issue.location ? ` (${issue.location})` : ''}`);
  // A file that could not be read has no hash to show.
  const hashes = file.sha256 === '' ? [] : [`  sha256 ${file.sha256}`, ...(file.contentSha256 !== file.sha256 ? [`  content sha256 ${file.contentSha256}`] : [])];
  return [name, `  ${file.format}, ${counted(file.size, 'byte')}, ${counts}`, ...hashes, ...problems].join('\n');
}

/**
 * Printed text is written out when this much has gathered, or this long after the last write:
 * a write per file cost 20 µs, 0.5 s of a scan of 25,000 small files.
 */
const WRITE_CHARS = 16 * 1024;
const WRITE_MS = 200;

/**
 * Prints the report while the job runs, so that memory does not grow with the evidence: the
 * records of one file on disk are held until it is done, then printed in index order (an
 * archive before its entries); the totals come last. The JSON is exactly
 * `JSON.stringify(report, null, 2)` of a ScanReport.
 */
class ReportPrinter {
  private group: EvidenceFile[] = [];
  private printed = 0;
  private unwritten = '';
  private lastWrite = performance.now();
  /** True once a file was read (its bytes hashed) without error, and is not just an archive. */
  readSomething = false;

  constructor(
    private readonly json: boolean,
    private readonly out: (text: string) => void,
  ) {
    if (json) out('{\n  "files": [');
  }

  add(file: EvidenceFile): void {
    this.group.push(file);
    if (file.sha256 !== '' && !file.issues.some((issue) => issue.severity === 'error') && !['tar', 'zip'].includes(file.format)) this.readSomething = true;
  }

  /** Prints the records held: the file on disk they belong to is done. */
  flush(): void {
    let text = '';
    for (const file of this.group.sort((a, b) => a.index - b.index)) {
      if (this.json) text += `${this.printed === 0 ? '' : ','}\n    ${JSON.stringify(reportFile(file), null, 2).replace(/\n/g, '\n    ')}`;
      else text += `${humanFile(file)}\n`;
      this.printed++;
    }
    this.group = [];
    this.unwritten += text;
    if (this.unwritten.length >= WRITE_CHARS || performance.now() - this.lastWrite >= WRITE_MS) this.write();
  }

  private write(): void {
    if (this.unwritten) this.out(this.unwritten);
    this.unwritten = '';
    this.lastWrite = performance.now();
  }

  end({ events, duplicates, conflicts, errors }: IngestProgress, csvRowsOfFull: number): void {
    this.flush();
    this.write();
    const twice = csvRowsOfFull > 0 ? ` (${csvRowsOfFullEvents(csvRowsOfFull)})` : '';
    if (!this.json) this.out(`\n${counted(this.printed, 'file')}: ${counted(events, 'event')} stored${twice}, ${counted(duplicates, 'duplicate')}, ${conflictingCopies(conflicts)}, ${counted(errors, 'error')}\n`);
    else this.out(`${this.printed > 0 ? '\n  ' : ''}],\n${JSON.stringify({ events, csvRowsOfFull, duplicates, conflicts, errors } satisfies Omit<ScanReport, 'files'>, null, 2).slice(2)}\n`);
  }
}

/**
 * Runs the command line; returns the exit status. Output goes to the given writers; files are
 * parsed on threads running `parseWorker` (the built parse worker script). Setting `cancel`
 * (Ctrl-C) stops the scan as a cancelled import stops.
 */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void, parseWorker: string, cancel = new CancelFlag()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, ndjson: { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command, ...paths] = parsed.positionals;
  if (parsed.values.help || command !== 'scan' || paths.length === 0) {
    (parsed.values.help ? out : err)(`${USAGE}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const threads = parsed.values.threads === undefined ? DEFAULT_PARSE_THREADS : Number(parsed.values.threads);
  if (!Number.isInteger(threads) || threads < 1) {
    err(`--threads must be a whole number of at least 1\n${USAGE}\n`);
    return 2;
  }
  let ndjson: NdjsonOutput | undefined;
  if (parsed.values.ndjson) {
    const target = resolve(parsed.values.ndjson);
    const evidence = paths.map(real);
    if (evidence.some((folder) => inside(target, folder) || inside(real(resolve(target, '..')), folder))) {
      err(`refusing to write ${target}: it is inside the evidence, which Cairn never writes to\n`);
      return 2;
    }
    try {
      ndjson = await NdjsonOutput.create(target);
    } catch (error) {
      err(`${(error as Error).message}\n`);
      return 2;
    }
  }
  const report = new ReportPrinter(parsed.values.json === true, out);
  let cancelled = false;
  let stopped: string | undefined;
  /** Each file's format, by index, as far as known: a batch's events name files recorded before it or in it (inProgress). */
  const formats = new Map<number, string>();
  const csvRows = new CsvRowsOfFullTally();
  const progress = await runIngest('job-00000000-0000-0000-0000-000000000000', paths, async (message) => {
    csvRows.take(message);
    if (message.type === 'file') {
      report.add(message.file);
      formats.set(message.file.index, message.file.format);
    } else if (message.type === 'done') ({ cancelled, error: stopped } = message);
    else if (message.type === 'progress') report.flush();
    else if (message.type === 'batch' && ndjson) {
      for (const file of message.inProgress) formats.set(file.index, file.format);
      const text = message.events.map((event) => JSON.stringify({ ...event, time: isoTime(event.time, event.timeFraction), timeFraction: undefined, fileIndex: event.file, file: undefined, wrapper: event.wrapper && asInFile(formats.get(event.file) ?? '', event.wrapper, event.text) }) + '\n').join('');
      await ndjson.write(text);
    }
  }, { parallel: { script: parseWorker, threads }, events: ndjson !== undefined, cancel });
  const unwritten = await ndjson?.close();
  report.end(progress, csvRows.count);
  if (cancelled) return INTERRUPTED_STATUS;
  if (stopped) {
    err(`${stopped}: the report names the file it was in, recorded as far as it was read, and each file it had not reached\n`);
    return 1;
  }
  if (unwritten) {
    err(`${unwritten}: it holds only part of the events\n`);
    return 1;
  }
  return progress.events > 0 || report.readSomething ? 0 : 1;
}
