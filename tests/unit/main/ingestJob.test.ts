import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceFile } from '../../../shared/event';
import type { IngestMessage, IngestProgress } from '../../../shared/ipc';

/** A worker thread stand-in: records what it was started with, what it was sent and whether it was stopped. */
class FakeWorker extends EventEmitter {
  static created: FakeWorker[] = [];
  readonly postMessage = vi.fn();
  readonly terminate = vi.fn(async () => 0);
  readonly workerData: { job: string; paths: string[]; cancel: SharedArrayBuffer };

  constructor(
    readonly script: string,
    options: { workerData: FakeWorker['workerData'] },
  ) {
    super();
    this.workerData = options.workerData;
    FakeWorker.created.push(this);
  }
}

vi.mock('node:worker_threads', () => ({ Worker: FakeWorker }));

const { CANCEL_GRACE_MS, startIngestJob } = await import('../../../main/ingestJob');
const { CancelFlag } = await import('../../../main/ingest/cancelFlag');

const JOB = 'job-0b5c1d0e-5a8f-4c1e-9a53-4f2d4c7e6b11';
const progress = (events: number): IngestProgress => ({ filesDone: 1, filesTotal: 3, bytesDone: 1_310_720, bytesTotal: 40_000_000, events, duplicates: 0, conflicts: 0, errors: 0 });
const cutFile: EvidenceFile = {
  index: 1, path: '/evidence/b-large.ndjson', container: [], format: 'ndjson', size: 40_000_000, sha256: '', contentSha256: '', s3Key: '', events: 3276, duplicates: 0, conflicts: 0,
  issues: [{ severity: 'error', message: 'the import was cancelled here: the rest of this file is not read', location: 'byte 1310720' }],
};

function started() {
  const posted: IngestMessage[] = [];
  const job = startIngestJob('/app/ingestWorker.cjs', JOB, ['/evidence'], { post: (message) => void posted.push(message), onReply: () => undefined });
  const worker = FakeWorker.created.at(-1)!;
  return { job, worker, posted, cancelled: () => new CancelFlag(worker.workerData.cancel).cancelled };
}

describe('cancelling an ingest job', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the job to stop and relays what it sends as it stops: the record of the file it was in, then its own done', async () => {
    const { job, worker, posted, cancelled } = started();
    worker.emit('message', { type: 'progress', job: JOB, progress: progress(3000) });
    expect(cancelled()).toBe(false);
    let settled = false;
    const cancelling = job.cancel().then(() => (settled = true));
    expect(cancelled()).toBe(true);
    await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS / 2);
    expect(settled).toBe(false);
    expect(worker.terminate).not.toHaveBeenCalled();
    worker.emit('message', { type: 'file', job: JOB, file: cutFile });
    worker.emit('message', { type: 'done', job: JOB, progress: progress(3279), cancelled: true });
    await cancelling;
    expect(posted).toEqual([
      { type: 'progress', job: JOB, progress: progress(3000) },
      { type: 'file', job: JOB, file: cutFile },
      { type: 'done', job: JOB, progress: progress(3279), cancelled: true },
    ]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    await job.finished;
  });

  it(`stops a job that has not ended ${CANCEL_GRACE_MS} ms after the cancel, and closes it with done and the last progress`, async () => {
    const { job, worker, posted } = started();
    worker.emit('message', { type: 'progress', job: JOB, progress: progress(3000) });
    let settled = false;
    const cancelling = job.cancel().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS - 1);
    expect([settled, posted.length, worker.terminate.mock.calls.length]).toEqual([false, 1, 0]);
    await vi.advanceTimersByTimeAsync(1);
    await cancelling;
    expect(posted.at(-1)).toEqual({ type: 'done', job: JOB, progress: progress(3000), cancelled: true });
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    // What the worker sends after it was stopped is not relayed.
    worker.emit('message', { type: 'file', job: JOB, file: cutFile });
    worker.emit('exit', 1);
    expect(posted).toHaveLength(2);
  });

  it('returns at once when the job has ended already, adding nothing', async () => {
    const { job, worker, posted } = started();
    worker.emit('message', { type: 'done', job: JOB, progress: progress(3279), cancelled: false });
    await job.cancel();
    expect(posted).toEqual([{ type: 'done', job: JOB, progress: progress(3279), cancelled: false }]);
  });
});

describe('an ingest job that stops on an error', () => {
  it('relays the error its done carries, after the record of the file it was in', () => {
    const { worker, posted } = started();
    const stopped: EvidenceFile = { ...cutFile, issues: [{ severity: 'error', message: 'the import stopped here because of an error: a parse worker stopped (exit code 7); the rest of this file is not read', location: 'after event 3275' }] };
    worker.emit('message', { type: 'file', job: JOB, file: stopped });
    worker.emit('message', { type: 'done', job: JOB, progress: progress(3279), cancelled: false, error: 'ingest stopped: a parse worker stopped (exit code 7)' });
    worker.emit('exit', 0);
    expect(posted).toEqual([
      { type: 'file', job: JOB, file: stopped },
      { type: 'done', job: JOB, progress: progress(3279), cancelled: false, error: 'ingest stopped: a parse worker stopped (exit code 7)' },
    ]);
  });
});
