import { readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Channel } from './channel';
import { JobTotals } from './jobTotals';
import type { IngestLimits } from './limits';
import { Lookahead } from './lookahead';
import { readingFile } from './readers/readingFile';
import { CancelFlag } from './cancelFlag';
import { nextTurn } from './nextTurn';
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

/** A worker and the files it was given and has not finished, by place in the walk. */
type Parser = { worker: Worker; pending: Map<number, Channel<ParseOutput>> };

/**
 * Files up to this size on disk are parsed ahead by the job's thread while it waits on a worker,
 * as long as those parsed ahead and not yet taken hold no more than this together: the outputs of
 * a file parsed ahead are held whole until the job comes to it (events too, for --ndjson). Trail
 * files are mostly of a few KB to 100 KB.
 */
const AHEAD_BYTES = 256 * 1024;

/**
 * Parses the files of a walk on disk for a job, starting on those a little ahead of the job's:
 * on the job's own thread and on up to `workers` more threads, each taking whole files, given
 * out in walk order as they are found to the parser with the fewest not started (the job's
 * thread first on a tie). The job takes the files in walk order and asks for each one's outputs
 * in that order (skipping files that could not be listed), and reads them in order, so results
 * never depend on which thread finished first. A worker (started when a file finds every parser
 * busy) starts on its files at once; the job's thread parses its own when the job comes to them,
 * and, while it waits on a worker's, parses its next small ones ahead, holding their outputs, so
 * it shares the parsing as its other work allows; with no workers it parses every file. Worker
 * outputs wait in per-file channels until the job reads them; each read is acknowledged, and a
 * worker with too many unacknowledged outputs pauses.
 */
export class ParsePool {
  private readonly walk: Lookahead;
  private readonly parsers: Parser[] = [];
  /** Files given to the job's thread and not started, in walk order. */
  private readonly own = new Set<number>();
  /** Files given to the job's thread and not parsed yet, those being parsed included. */
  private ownUnfinished = 0;
  /** Files the job's thread parsed (or is parsing) ahead, their outputs held until asked for. */
  private readonly ahead = new Map<number, Channel<ParseOutput>>();
  private aheadBytes = 0;
  /** Channels of files given to workers and not yet asked for. */
  private readonly assigned = new Map<number, Channel<ParseOutput>>();

  constructor(
    source: Iterable<ListedFile>,
    private readonly settings: ParseSettings,
    private readonly workers?: ParseWorkers,
  ) {
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
    const ahead = this.ahead.get(disk);
    if (ahead) {
      this.ahead.delete(disk);
      this.aheadBytes -= this.walk.get(disk)!.size;
      return ahead;
    }
    if (this.own.delete(disk)) {
      const channel = new Channel<ParseOutput>(1);
      void this.parseHere(disk, channel);
      return channel;
    }
    const channel = this.assigned.get(disk);
    if (!channel) throw new Error(`file ${disk} was not given to a parser`);
    this.assigned.delete(disk);
    return this.parsingAhead(channel);
  }

  /** Stops the walk and the workers; a parser still emitting (the job ended early) no longer waits for its outputs to be read. */
  async close(): Promise<void> {
    this.walk.close();
    for (const channel of this.ahead.values()) channel.close();
    this.ahead.clear();
    for (const parser of this.parsers) {
      for (const channel of parser.pending.values()) channel.close();
      parser.pending.clear();
    }
    await Promise.all(this.parsers.map(({ worker }) => worker.terminate()));
  }

  /** Parses a file on this thread into `channel`; settles when it is parsed (or failed, which the channel carries). */
  private parseHere(disk: number, channel: Channel<ParseOutput>): Promise<void> {
    const { path, size } = this.walk.get(disk)!;
    const end = (error?: unknown): void => {
      this.ownUnfinished--;
      channel.close(error);
    };
    return parseDiskFile({ path, size, whole: readSmall(path, size) }, this.settings, (output) => channel.push(output)).then(() => end(), end);
  }

  /**
   * A worker's outputs for a file, as they come; while none is there to read, the job's thread
   * parses its own next files ahead, one at a time, if they are small (see AHEAD_BYTES).
   */
  private async *parsingAhead(channel: Channel<ParseOutput>): AsyncGenerator<ParseOutput> {
    const outputs = channel[Symbol.asyncIterator]();
    for (;;) {
      while (channel.empty && (await this.parseNextAhead()));
      const next = await outputs.next();
      if (next.done) return;
      yield next.value;
    }
  }

  /** Parses the job thread's next own file ahead, if small enough; false when there is none to parse. */
  private async parseNextAhead(): Promise<boolean> {
    const disk = this.own.values().next().value;
    const size = disk === undefined ? Infinity : this.walk.get(disk)!.size;
    if (disk === undefined || this.aheadBytes + size > AHEAD_BYTES) return false;
    this.own.delete(disk);
    const channel = new Channel<ParseOutput>();
    this.ahead.set(disk, channel);
    this.aheadBytes += size;
    await this.parseHere(disk, channel);
    // The workers' messages come in only in a turn of the event loop.
    await nextTurn();
    return true;
  }

  private assign(): void {
    for (let found = this.walk.look(); found; found = this.walk.look()) {
      const [disk, { path, size, notRead }] = found;
      if (notRead) continue;
      const least = this.parsers.reduce<Parser | undefined>((best, next) => (next.pending.size < (best?.pending.size ?? this.ownUnfinished) ? next : best), undefined);
      const busy = (least?.pending.size ?? this.ownUnfinished) > 0;
      const parser = busy && this.workers && this.parsers.length < this.workers.count ? this.startWorker(this.workers.script) : least;
      if (!parser) {
        this.own.add(disk);
        this.ownUnfinished++;
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
