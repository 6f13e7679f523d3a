import { readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Channel } from './channel';
import { JobTotals } from './jobTotals';
import type { IngestLimits } from './limits';
import { Lookahead } from './lookahead';
import { readingFile } from './readers/readingFile';
import { CancelFlag } from './cancelFlag';
import { parseDiskFile, type ParseOutput, type ParseSettings } from './parseDisk';
import type { ListedFile } from './walkFiles';

/**
 * Parse threads used unless asked otherwise: the job's own and one worker, where there are two
 * cores. Measured on two cores, a 10M-event scan (50,000 files) took 92 s and peaked at 235 MB
 * on one thread, 68 s and 280 MB on two, against an aim of 300 MB at any input size; each more
 * thread adds memory.
 */
export const DEFAULT_PARSE_THREADS = Math.min(2, availableParallelism());

/** Files up to this size are read whole, in one read, instead of streamed. */
const WHOLE_FILE_BYTES = 8 * 2 ** 20;

/**
 * Reads a small file whole, synchronously, on the thread about to parse it; undefined for large
 * or failing ones, or one whose size is not what the walk found (the stream then reads all of
 * it). Through libuv's thread pool, each of open, read and close cost ten times the CPU (5,000
 * files of 2 KB: 370 ms against 35 ms); from a cold disk cache the scan was no slower.
 */
export function readSmall(path: string, size: number): Buffer | undefined {
  if (size > WHOLE_FILE_BYTES) return undefined;
  return readingFile(path, (fd) => {
    const buffer = Buffer.allocUnsafe(size + 1);
    return readSync(fd, buffer, 0, size + 1, 0) === size ? buffer.subarray(0, size) : undefined;
  });
}

/** Messages between the job and a parse worker. */
export type ParseRequest = { type: 'parse'; disk: number; path: string; size: number } | { type: 'ack' };
export type ParseReport =
  | { type: 'output'; disk: number; output: ParseOutput }
  | { type: 'end'; disk: number }
  | { type: 'failed'; disk: number; message: string };

/** ParseSettings as they cross to a parse worker: the shared counter and flag as their memory. */
export interface ParseWorkerData {
  limits: IngestLimits;
  totals: SharedArrayBuffer;
  cancel: SharedArrayBuffer;
  keepEvents: boolean;
}

/** The settings a parse worker was started with. */
export function parseSettings({ limits, totals, cancel, keepEvents }: ParseWorkerData): ParseSettings {
  return { limits, totals: new JobTotals(totals), cancel: new CancelFlag(cancel), keepEvents };
}

/**
 * A parse worker's young generation, in MB (V8's default is larger): each thread's garbage is
 * short-lived, and on two threads this took 50 MB off a 200k-event scan's peak RSS (219-226 MB
 * down to 163-170 MB) at the same speed.
 */
const PARSE_YOUNG_GENERATION_MB = 8;

/** Files given out from the job's on, per parsing thread, so that each can start on the next ones ahead. */
export const FILES_PER_PARSER = 16;

/** How parse workers are run: up to `count` threads running `script` (the built parseWorker.cjs). */
export interface ParseWorkers {
  script: string;
  count: number;
}

/** The files a parser was given and has not finished, by place in the walk. */
type Parser = { worker?: Worker; pending: Map<number, Channel<ParseOutput>> };

/**
 * Parses the files of a walk on disk for a job, starting on those a little ahead of the job's:
 * on the job's own thread and on up to `workers` more threads, each taking whole files, given
 * out in walk order as they are found to the parser with the fewest unfinished. The job takes
 * the files in walk order and asks for each one's outputs in that order (skipping files that
 * could not be listed), and reads them in order, so results never depend on which thread
 * finished first. A worker (started when a file finds every parser busy) starts on its files at
 * once; the job's thread parses its own when the job comes to them, so it shares the parsing as
 * its other work allows, and with no workers it parses every file. Worker outputs wait in
 * per-file channels until the job reads them; each read is acknowledged, and a worker with too
 * many unacknowledged outputs pauses.
 */
export class ParsePool {
  private readonly walk: Lookahead;
  private readonly parsers: Parser[];
  /** The job's thread, as a parser: its files wait in `pending`. */
  private readonly own: Parser;
  /** Channels of files given out and not yet asked for by the job. */
  private readonly assigned = new Map<number, Channel<ParseOutput>>();

  constructor(
    source: Iterable<ListedFile>,
    private readonly settings: ParseSettings,
    private readonly workers?: ParseWorkers,
  ) {
    this.own = { pending: new Map() };
    this.parsers = [this.own];
    this.walk = new Lookahead(source, (1 + (workers?.count ?? 0)) * FILES_PER_PARSER, () => this.assign());
  }

  /**
   * A worker is started when a file finds every parser busy: never more threads than files, and
   * the first starts while the job's thread is still busy with the first file.
   */
  private startWorker(script: string): Parser {
    const { limits, totals, cancel, keepEvents } = this.settings;
    const workerData: ParseWorkerData = { limits, totals: totals.memory, cancel: cancel.memory, keepEvents };
    const worker = new Worker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: PARSE_YOUNG_GENERATION_MB } });
    const parser: Parser = { worker, pending: new Map() };
    worker.on('message', (report: ParseReport) => this.receive(parser, report));
    worker.on('error', (error) => this.fail(parser.pending, error));
    worker.on('exit', (code) => this.fail(parser.pending, new Error(`a parse worker stopped (exit code ${code})`)));
    this.parsers.push(parser);
    return parser;
  }

  files(): AsyncIterable<[number, ListedFile]> {
    return this.walk.entries();
  }

  /** The outputs of a file the walk gave (not one it could not read), asked for in walk order. */
  outputs(disk: number): AsyncIterable<ParseOutput> {
    const channel = this.assigned.get(disk);
    if (!channel) throw new Error(`file ${disk} was not given to a parser`);
    this.assigned.delete(disk);
    if (this.own.pending.has(disk)) this.parseHere(disk, channel);
    return channel;
  }

  /** Stops the walk and the workers; a parser still emitting (the job ended early) no longer waits for its outputs to be read. */
  async close(): Promise<void> {
    this.walk.close();
    for (const parser of this.parsers) {
      for (const channel of parser.pending.values()) channel.close();
      parser.pending.clear();
    }
    await Promise.all(this.parsers.map(({ worker }) => worker?.terminate()));
  }

  private parseHere(disk: number, channel: Channel<ParseOutput>): void {
    const { path, size } = this.walk.get(disk)!;
    const end = (error?: unknown): void => {
      this.own.pending.delete(disk);
      channel.close(error);
    };
    void parseDiskFile({ path, size, whole: readSmall(path, size) }, this.settings, (output) => channel.push(output)).then(() => end(), end);
  }

  private assign(): void {
    for (let found = this.walk.look(); found; found = this.walk.look()) {
      const [disk, { path, size, notRead }] = found;
      if (notRead) continue;
      let parser = this.parsers.reduce((least, next) => (next.pending.size < least.pending.size ? next : least));
      if (parser.pending.size > 0 && this.workers && this.parsers.length <= this.workers.count) parser = this.startWorker(this.workers.script);
      if (!parser.worker) {
        const channel = new Channel<ParseOutput>(1);
        parser.pending.set(disk, channel);
        this.assigned.set(disk, channel);
        continue;
      }
      const ack: ParseRequest = { type: 'ack' };
      const worker = parser.worker;
      const channel = new Channel<ParseOutput>(Infinity, () => worker.postMessage(ack));
      parser.pending.set(disk, channel);
      this.assigned.set(disk, channel);
      worker.postMessage({ type: 'parse', disk, path, size } satisfies ParseRequest);
    }
  }

  private receive(parser: Parser, report: ParseReport): void {
    const channel = parser.pending.get(report.disk);
    if (!channel) return;
    if (report.type === 'output') {
      void channel.push(report.output);
      return;
    }
    parser.pending.delete(report.disk);
    channel.close(report.type === 'failed' ? new Error(report.message) : undefined);
  }

  private fail(pending: Map<number, Channel<ParseOutput>>, error: Error): void {
    for (const channel of pending.values()) channel.close(error);
    pending.clear();
  }
}
