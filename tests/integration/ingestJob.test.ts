import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../main/handlers';
import { startIngestJob, type IngestPort } from '../../main/ingestJob';
import { MAX_BATCHES_IN_FLIGHT, isJobId, type IngestMessage, type IngestReply, type KnownEvents } from '../../shared/ipc';
import { unpackTexts } from '../../shared/packedTexts';
import { eventsOf } from '../unit/renderer/event';
import { writeDyingWorker } from '../fixtures/generators/dyingWorker';
import { writeSyntheticBundle } from '../fixtures/generators/syntheticEvents';
import { eventJson, folder, records } from './scan';

const WORKER = resolve(import.meta.dirname, '../../dist/main/ingestWorker.cjs');
const JOB = 'job-0b5c1d0e-5a8f-4c1e-9a53-4f2d4c7e6b11';

const NOTHING_KNOWN: KnownEvents = { keys: new Float64Array(0), digests: new Uint32Array(0), files: new Int32Array(0), indexes: new Uint32Array(0) };

/**
 * A renderer stand-in: tells the job what its case holds, a page at a time (the next once the job
 * took the one before), records messages, acks only when told to.
 */
function recordingPort(pages: KnownEvents[] = [NOTHING_KNOWN]) {
  const messages: IngestMessage[] = [];
  let reply: (reply: IngestReply) => void = () => undefined;
  let onMessage: () => void = () => undefined;
  let sent = 0;
  const sendPage = () => {
    if (sent < pages.length) reply({ type: 'known', known: pages[sent++]!, more: sent < pages.length });
  };
  const port: IngestPort = {
    post(message) {
      messages.push(message);
      if (message.type === 'seeded') sendPage();
      onMessage();
    },
    onReply(listener) {
      reply = listener;
      sendPage();
    },
  };
  const until = (predicate: () => boolean) =>
    new Promise<void>((done) => {
      onMessage = () => predicate() && done();
      if (predicate()) done();
    });
  const batches = () => messages.filter((m) => m.type === 'batch');
  return { port, messages, batches, until, ack: (seq: number) => reply({ type: 'ack', seq }), sendRaw: (value: unknown) => reply(value as IngestReply) };
}

describe('an ingest job in its worker thread', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-job-'));
    await writeSyntheticBundle(dir, 12_000, 500);
  });

  it(`holds back batches until acknowledged (at most ${MAX_BATCHES_IN_FLIGHT} in flight)`, async () => {
    const r = recordingPort();
    const job = startIngestJob(WORKER, JOB, [dir], r.port);
    await r.until(() => r.batches().length === MAX_BATCHES_IN_FLIGHT);
    await new Promise((settle) => setTimeout(settle, 300));
    expect(r.batches()).toHaveLength(MAX_BATCHES_IN_FLIGHT);

    r.sendRaw({ type: 'ack', seq: 'x' });
    r.sendRaw({ type: 'evil' });
    await new Promise((settle) => setTimeout(settle, 100));
    expect(r.batches()).toHaveLength(MAX_BATCHES_IN_FLIGHT);

    let acked = 0;
    await r.until(() => {
      while (acked < r.batches().length) r.ack(acked++);
      return r.messages.at(-1)?.type === 'done';
    });
    await job.finished;
    expect(r.batches().reduce((sum, b) => sum + (b.type === 'batch' ? b.events.count : 0), 0)).toBe(12_000);
    expect(r.messages.at(-1)).toMatchObject({ type: 'done', job: JOB, cancelled: false, progress: { filesDone: 24, filesTotal: 24, events: 12_000, errors: 0 } });
  });

  it('deduplicates against what the case holds: the same events again are all duplicates, a changed one a conflict', async () => {
    const first = recordingPort();
    const ackAll = (r: ReturnType<typeof recordingPort>) => {
      let acked = 0;
      return r.until(() => {
        while (acked < r.batches().length) r.ack(acked++);
        return r.messages.at(-1)?.type === 'done';
      });
    };
    startIngestJob(WORKER, JOB, [dir], first.port);
    await ackAll(first);
    // The case as the writer would describe it to a second import: this job's files come after the
    // 24 stored ones, so they sit at -24…-1.
    const batches = first.batches().flatMap((m) => (m.type === 'batch' ? [m] : []));
    const events = (await Promise.all(batches.map((m) => eventsOf(m.events)))).flat();
    const known: KnownEvents = {
      keys: Float64Array.from(batches.flatMap((m) => [...m.identities.keys])),
      digests: Uint32Array.from(batches.flatMap((m) => [...m.identities.digests])),
      files: Int32Array.from(events, (event) => event.file - 24),
      indexes: Uint32Array.from(events, (event) => event.index),
    };
    expect(known.keys.length).toBe(12_000);
    known.digests[2 * 7] = known.digests[2 * 7]! ^ 1;

    // Sent in three pages, as the writer does for a large case.
    const page = (from: number, to: number): KnownEvents => ({
      keys: known.keys.slice(from, to),
      digests: known.digests.slice(2 * from, 2 * to),
      files: known.files.slice(from, to),
      indexes: known.indexes.slice(from, to),
    });
    const second = recordingPort([page(0, 5000), page(5000, 10_000), page(10_000, 12_000)]);
    startIngestJob(WORKER, JOB, [dir], second.port);
    await ackAll(second);
    expect(second.messages.at(-1)).toMatchObject({ type: 'done', progress: { events: 1, duplicates: 11_999, conflicts: 1, errors: 0 } });
    // The job asked for each page after the first once it had taken the one before (and once more after the last).
    expect(second.messages.filter((m) => m.type === 'seeded')).toHaveLength(3);
    // Each file's announcement stays with main while the job lives: the renderer gets none.
    expect(second.messages.filter((m) => m.type === 'reading')).toEqual([]);
    const conflict = second.messages.find((m) => m.type === 'conflict');
    expect(conflict).toMatchObject({ first: { file: events[7]!.file - 24, index: events[7]!.index }, second: { file: events[7]!.file, index: events[7]!.index } });
    expect(await Promise.all(second.batches().map((m) => (m.type === 'batch' ? unpackTexts(m.events.texts) : [])))).toEqual([[events[7]!.text]]);
  });

  it('cancels a job that cannot stop by itself (its batches are not acknowledged): the worker is stopped after the grace period and the job still ends with done', async () => {
    const r = recordingPort();
    const job = startIngestJob(WORKER, JOB, [dir], r.port);
    await r.until(() => r.batches().length === MAX_BATCHES_IN_FLIGHT);
    await job.cancel();
    await job.finished;
    const done = r.messages.at(-1)!;
    expect(done).toMatchObject({ type: 'done', cancelled: true });
    expect(r.messages.filter((m) => m.type === 'done')).toHaveLength(1);
    expect(r.batches()).toHaveLength(MAX_BATCHES_IN_FLIGHT);
  });

  it('relays batches that name the file being read, so that the case can name it when the worker dies, then done with why', async () => {
    const lines = Array.from({ length: 5000 }, (_, n) => `${eventJson(100 + n)}\n`).join('');
    const evidence = await folder({ 'a.json': records([eventJson(1), eventJson(2), eventJson(3)]), 'b.ndjson': lines });
    // The worker dies about to send its third batch of 1,024 events.
    const worker = await writeDyingWorker(await folder({}), 'ingestWorker', 'batch', 2);
    const r = recordingPort();
    const job = startIngestJob(worker, JOB, [evidence], r.port);
    let acked = 0;
    await r.until(() => {
      while (acked < r.batches().length) r.ack(acked++);
      return r.messages.at(-1)?.type === 'done';
    });
    await job.finished;
    const reading = (events: number) => ({ index: 1, path: join(evidence, 'b.ndjson'), container: [], format: 'ndjson', size: lines.length, sha256: '', contentSha256: '', s3Key: '', events, duplicates: 0, conflicts: 0, issues: [] });
    expect(r.batches().map((m) => (m.type === 'batch' ? m.inProgress : []))).toEqual([[reading(1021)], [reading(2045)]]);
    expect(r.messages.at(-1)).toMatchObject({ type: 'done', cancelled: false, error: 'ingest stopped unexpectedly (exit code 7)' });
  });
});

describe('an ingest job whose worker dies before any event of the file it reads is sent', () => {
  it('relays the announcement of that file (only: a.json was named by its record), records the files on disk it had not reached as not read, and counts both in done', async () => {
    const small = records([eventJson(1), eventJson(2), eventJson(3)]);
    const lines = Array.from({ length: 5000 }, (_, n) => `${eventJson(100 + n)}\n`).join('');
    const after = records([eventJson(9)]);
    const evidence = await folder({ 'a.json': small, 'b.ndjson': lines, 'c.json': after, 'd/e.json': after });
    // The worker dies about to send its first batch: a.json's 3 events and b.ndjson's first 1,021.
    const worker = await writeDyingWorker(await folder({}), 'ingestWorker', 'batch', 0);
    const r = recordingPort();
    const job = startIngestJob(worker, JOB, [evidence], r.port);
    await r.until(() => r.messages.at(-1)?.type === 'done');
    await job.finished;
    const listed = (index: number, path: string, size: number, issues: unknown[] = []) => ({ index, path, container: [], format: 'unknown', size, sha256: '', contentSha256: '', s3Key: '', events: 0, duplicates: 0, conflicts: 0, issues });
    const error = 'ingest stopped unexpectedly (exit code 7)';
    const notRead = [{ severity: 'error', message: `not read: the import stopped before it because of an error: ${error}`, location: '', stopped: true }];
    expect(r.messages.flatMap((m) => (m.type === 'reading' ? [m.file] : []))).toEqual([listed(1, join(evidence, 'b.ndjson'), lines.length)]);
    expect(r.messages.flatMap((m) => (m.type === 'file' ? [[m.file.index, m.file.path]] : []))).toEqual([[0, join(evidence, 'a.json')], [2, join(evidence, 'c.json')], [3, join(evidence, 'd', 'e.json')]]);
    expect(r.messages.filter((m) => m.type === 'file').slice(1).map((m) => m.type === 'file' && m.file)).toEqual([{ ...listed(2, join(evidence, 'c.json'), after.length, notRead), unread: true }, { ...listed(3, join(evidence, 'd', 'e.json'), after.length, notRead), unread: true }]);
    // b.ndjson, named and not recorded (the case records it), and the two not reached are errors; b.ndjson counts as done.
    expect(r.messages.at(-1)).toMatchObject({ type: 'done', cancelled: false, error, progress: { filesDone: 2, filesTotal: 4, events: 3, errors: 3 } });
  });
});

describe('main handlers', () => {
  it('start a job for what the user picked and return its id', async () => {
    const r = recordingPort();
    const dir = await mkdtemp(join(tmpdir(), 'cairn-handlers-'));
    await writeSyntheticBundle(dir, 1500, 1000);
    const handlers = createHandlers({ chooseEvidence: async () => [dir], openIngestPort: () => r.port, ingestWorkerPath: WORKER, writeClipboard: () => undefined });
    const job = await dispatch(handlers, 'openEvidence', [], 'sender');
    expect(isJobId(job)).toBe(true);
    let acked = 0;
    await r.until(() => {
      while (acked < r.batches().length) r.ack(acked++);
      return r.messages.at(-1)?.type === 'done';
    });
    expect(r.messages.every((m) => m.job === job)).toBe(true);
    expect(r.messages.at(-1)).toMatchObject({ type: 'done', progress: { events: 1500 } });
  });

  it('return null and start nothing when the dialog is cancelled', async () => {
    const handlers = createHandlers({ chooseEvidence: async () => null, openIngestPort: () => { throw new Error('no port expected'); }, ingestWorkerPath: WORKER, writeClipboard: () => undefined });
    await expect(dispatch(handlers, 'openEvidence', [], 'sender')).resolves.toBeNull();
  });

  it('refuse unknown calls', () => {
    const handlers = createHandlers({ chooseEvidence: async () => null, openIngestPort: () => recordingPort().port, ingestWorkerPath: WORKER, writeClipboard: () => undefined });
    expect(() => dispatch(handlers, 'readFile', ['/etc/passwd'], 'sender')).toThrow('unknown call: readFile');
    expect(() => dispatch(handlers, 'openEvidence', 'not-an-array', 'sender')).toThrow('arguments must be an array');
  });
});
