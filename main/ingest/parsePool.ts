import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { Channel } from './channel';
import type { JobTotals } from './jobTotals';
import type { IngestLimits } from './limits';
import type { ListedFile } from './listFiles';
import { parseDiskFile, type ParseOutput } from './parseDisk';

/**
 * Parses the listed files on disk for a job. The job asks for each file's outputs in list order
 * (skipping files that could not be listed) and reads them in order, so results never depend
 * on which thread finished first.
 */
export interface ParsePool {
  outputs(disk: number): AsyncIterable<ParseOutput>;
  close(): Promise<void>;
}

/** Small files are read whole ahead of the one being parsed: up to this many, and bytes. */
const PREFETCH_FILES = 16;
const PREFETCH_BYTES = 8 * 2 ** 20;

/** Reads a small file whole (one call instead of a stream); undefined for large or failing ones. */
export function readSmall(path: string, size: number): Promise<Buffer | undefined> {
  return size <= PREFETCH_BYTES ? readFile(path).catch(() => undefined) : Promise.resolve(undefined);
}

/** Parses on the job's own thread, reading a few small files ahead so the disk works meanwhile. */
export class InlinePool implements ParsePool {
  private readonly ahead = new Map<number, Promise<Buffer | undefined>>();
  private aheadBytes = 0;
  private nextAhead = 0;

  constructor(
    private readonly listed: readonly ListedFile[],
    private readonly limits: IngestLimits,
    private readonly totals: JobTotals,
  ) {}

  outputs(disk: number): AsyncIterable<ParseOutput> {
    const channel = new Channel<ParseOutput>(1);
    const { path, size } = this.listed[disk]!;
    this.prefetch(disk + 1);
    const prefetched = this.ahead.get(disk);
    if (this.ahead.delete(disk)) this.aheadBytes -= size;
    void (async () => parseDiskFile(path, this.limits, this.totals, (output) => channel.push(output), await prefetched))().then(
      () => channel.close(),
      (error: unknown) => channel.close(error),
    );
    return channel;
  }

  private prefetch(from: number): void {
    this.nextAhead = Math.max(this.nextAhead, from);
    for (; this.nextAhead < this.listed.length && this.ahead.size < PREFETCH_FILES && this.aheadBytes < PREFETCH_BYTES; this.nextAhead++) {
      const next = this.listed[this.nextAhead]!;
      if (next.error || next.size > PREFETCH_BYTES) continue;
      this.aheadBytes += next.size;
      this.ahead.set(this.nextAhead, readSmall(next.path, next.size));
    }
  }

  async close(): Promise<void> {}
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
}

/** Files given to each worker beyond the one it parses, so it can read them ahead. */
const QUEUED_PER_WORKER = 2;

/**
 * Parses on worker threads, each taking whole files on disk (assigned in list order to the
 * least busy worker). Outputs wait in per-file channels until the job reads them; each read is
 * acknowledged, and a worker with too many unacknowledged outputs pauses.
 */
export class WorkerPool implements ParsePool {
  private readonly workers: { worker: Worker; pending: Map<number, Channel<ParseOutput>> }[];
  /** Channels of files given to workers and not yet asked for by the job. */
  private readonly assigned = new Map<number, Channel<ParseOutput>>();
  private nextAssign = 0;

  constructor(
    private readonly listed: readonly ListedFile[],
    script: string,
    threads: number,
    data: ParseWorkerData,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const entry = { worker: new Worker(script, { workerData: data }), pending: new Map<number, Channel<ParseOutput>>() };
      entry.worker.on('message', (report: ParseReport) => this.receive(entry, report));
      entry.worker.on('error', (error) => this.fail(entry.pending, error));
      entry.worker.on('exit', (code) => this.fail(entry.pending, new Error(`a parse worker stopped (exit code ${code})`)));
      return entry;
    });
  }

  outputs(disk: number): AsyncIterable<ParseOutput> {
    this.assign();
    const channel = this.assigned.get(disk);
    if (!channel) throw new Error(`file ${disk} was not given to a parse worker`);
    this.assigned.delete(disk);
    return channel;
  }

  async close(): Promise<void> {
    for (const entry of this.workers) entry.pending.clear();
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private assign(): void {
    const limit = this.workers.length * (1 + QUEUED_PER_WORKER);
    let busy = this.workers.reduce((sum, entry) => sum + entry.pending.size, 0);
    for (; this.nextAssign < this.listed.length && busy < limit; this.nextAssign++) {
      const disk = this.nextAssign;
      const { path, size, error } = this.listed[disk]!;
      if (error) continue;
      const entry = this.workers.reduce((least, next) => (next.pending.size < least.pending.size ? next : least));
      const ack: ParseRequest = { type: 'ack' };
      const channel = new Channel<ParseOutput>(Infinity, () => entry.worker.postMessage(ack));
      entry.pending.set(disk, channel);
      this.assigned.set(disk, channel);
      busy++;
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
    this.assign();
  }

  private fail(pending: Map<number, Channel<ParseOutput>>, error: Error): void {
    for (const channel of pending.values()) channel.close(error);
    pending.clear();
  }
}
