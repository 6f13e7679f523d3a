import { close, open, read } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Channel } from './channel';
import type { JobTotals } from './jobTotals';
import type { IngestLimits } from './limits';
import { Lookahead } from './lookahead';
import { parseDiskFile, type ParseOutput } from './parseDisk';
import type { ListedFile } from './walkFiles';

/**
 * Parses the files of a walk on disk for a job, starting on those a little ahead of the job's.
 * The job takes the files in walk order and asks for each one's outputs in that order (skipping
 * files that could not be listed), and reads them in order, so results never depend on which
 * thread finished first.
 */
export interface ParsePool {
  files(): AsyncIterable<[disk: number, file: ListedFile]>;
  outputs(disk: number): AsyncIterable<ParseOutput>;
  close(): Promise<void>;
}

/**
 * Parse threads used unless asked for more: one. Measured on two cores, a 10M-event scan (50,000
 * files) peaks at 219 MB and takes 117 s on one thread, 315 MB and 100 s on two, against an aim
 * of 300 MB at any input size.
 */
export const DEFAULT_PARSE_THREADS = 1;

/** Small files are read whole ahead of the one being parsed: within this many files, up to this many bytes. */
const PREFETCH_FILES = 16;
const PREFETCH_BYTES = 8 * 2 ** 20;

/**
 * Reads a small file whole (one read instead of a stream); undefined for large or failing ones,
 * or one whose size is not what the walk found (the stream then reads all of it). The callback forms:
 * for 1,000 files of 12 KB, half the CPU time of node:fs/promises'. The size is known from the
 * walk, so unlike readFile this asks the thread pool for no fstat.
 */
export function readSmall(path: string, size: number): Promise<Buffer | undefined> {
  if (size > PREFETCH_BYTES) return Promise.resolve(undefined);
  return new Promise((done) =>
    open(path, 'r', (openError, fd) => {
      if (openError) return done(undefined);
      const buffer = Buffer.allocUnsafe(size + 1);
      read(fd, buffer, 0, size + 1, 0, (readError, bytes) => close(fd, () => done(readError || bytes !== size ? undefined : buffer.subarray(0, size))));
    }),
  );
}

/** Parses on the job's own thread, reading a few small files ahead so the disk works meanwhile. */
export class InlinePool implements ParsePool {
  private readonly walk: Lookahead;
  private readonly ahead = new Map<number, Promise<Buffer | undefined>>();
  private aheadBytes = 0;

  constructor(
    source: AsyncIterable<ListedFile>,
    private readonly limits: IngestLimits,
    private readonly totals: JobTotals,
    private readonly keepEvents: boolean,
  ) {
    this.walk = new Lookahead(source, PREFETCH_FILES, () => this.prefetch());
  }

  files(): AsyncIterable<[number, ListedFile]> {
    return this.walk.entries();
  }

  outputs(disk: number): AsyncIterable<ParseOutput> {
    const channel = new Channel<ParseOutput>(1);
    const { path, size } = this.walk.get(disk)!;
    const prefetched = this.ahead.get(disk);
    if (this.ahead.delete(disk)) this.aheadBytes -= size;
    this.prefetch();
    void (async () => parseDiskFile(path, this.limits, this.totals, (output) => channel.push(output), this.keepEvents, await prefetched))().then(
      () => channel.close(),
      (error: unknown) => channel.close(error),
    );
    return channel;
  }

  private prefetch(): void {
    while (this.aheadBytes < PREFETCH_BYTES) {
      const next = this.walk.look();
      if (!next) return;
      const [disk, { path, size, notRead }] = next;
      if (notRead || size > PREFETCH_BYTES) continue;
      this.aheadBytes += size;
      this.ahead.set(disk, readSmall(path, size));
    }
  }

  async close(): Promise<void> {
    this.walk.close();
  }
}

/** Messages between the job and a parse worker. */
export type ParseRequest = { type: 'parse'; disk: number; path: string; size: number } | { type: 'ack' };
export type ParseReport =
  | { type: 'output'; disk: number; output: ParseOutput }
  | { type: 'end'; disk: number }
  | { type: 'failed'; disk: number; message: string };

export interface ParseWorkerData {
  limits: IngestLimits;
  totals: SharedArrayBuffer;
  /** Whether events are sent, or only their identities (see parseDiskFile). */
  keepEvents: boolean;
}

/**
 * A parse worker's young generation, in MB (V8's default is larger): each thread's garbage is
 * short-lived, and on two threads this took 50 MB off a 200k-event scan's peak RSS (219-226 MB
 * down to 163-170 MB) at the same speed.
 */
const PARSE_YOUNG_GENERATION_MB = 8;

/** Files per worker given out from the job's on, so each can read the next ones ahead. */
const FILES_PER_WORKER = 3;

/**
 * Parses on worker threads, each taking whole files on disk (given out in walk order, as they
 * are found, to the least busy worker). Outputs wait in per-file channels until the job reads
 * them; each read is acknowledged, and a worker with too many unacknowledged outputs pauses.
 */
export class WorkerPool implements ParsePool {
  private readonly walk: Lookahead;
  private readonly workers: { worker: Worker; pending: Map<number, Channel<ParseOutput>> }[];
  /** Channels of files given to workers and not yet asked for by the job. */
  private readonly assigned = new Map<number, Channel<ParseOutput>>();

  constructor(
    source: AsyncIterable<ListedFile>,
    script: string,
    threads: number,
    data: ParseWorkerData,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const entry = { worker: new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: PARSE_YOUNG_GENERATION_MB } }), pending: new Map<number, Channel<ParseOutput>>() };
      entry.worker.on('message', (report: ParseReport) => this.receive(entry, report));
      entry.worker.on('error', (error) => this.fail(entry.pending, error));
      entry.worker.on('exit', (code) => this.fail(entry.pending, new Error(`a parse worker stopped (exit code ${code})`)));
      return entry;
    });
    this.walk = new Lookahead(source, threads * FILES_PER_WORKER, () => this.assign());
  }

  files(): AsyncIterable<[number, ListedFile]> {
    return this.walk.entries();
  }

  outputs(disk: number): AsyncIterable<ParseOutput> {
    const channel = this.assigned.get(disk);
    if (!channel) throw new Error(`file ${disk} was not given to a parse worker`);
    this.assigned.delete(disk);
    return channel;
  }

  async close(): Promise<void> {
    this.walk.close();
    for (const entry of this.workers) entry.pending.clear();
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private assign(): void {
    for (let found = this.walk.look(); found; found = this.walk.look()) {
      const [disk, { path, size, notRead }] = found;
      if (notRead) continue;
      const entry = this.workers.reduce((least, next) => (next.pending.size < least.pending.size ? next : least));
      const ack: ParseRequest = { type: 'ack' };
      const channel = new Channel<ParseOutput>(Infinity, () => entry.worker.postMessage(ack));
      entry.pending.set(disk, channel);
      this.assigned.set(disk, channel);
      entry.worker.postMessage({ type: 'parse', disk, path, size } satisfies ParseRequest);
    }
  }

  private receive(entry: WorkerPool['workers'][number], report: ParseReport): void {
    const channel = entry.pending.get(report.disk);
    if (!channel) return;
    if (report.type === 'output') {
      void channel.push(report.output);
      return;
    }
    entry.pending.delete(report.disk);
    channel.close(report.type === 'failed' ? new Error(report.message) : undefined);
  }

  private fail(pending: Map<number, Channel<ParseOutput>>, error: Error): void {
    for (const channel of pending.values()) channel.close(error);
    pending.clear();
  }
}
