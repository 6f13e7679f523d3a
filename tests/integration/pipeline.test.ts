import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tarOf, zipOf } from '../fixtures/generators/archives';
import { writeHeldParseWorker } from '../fixtures/generators/dyingWorker';
import { CORPUS, CORPUS_BUNDLE, writeCorpusBundle } from '../fixtures/generators/trailBundle';
import { FILES_PER_PARSER } from '../../main/ingest/parsePool';
import { runIngest, type JobMessage } from '../../main/ingest/pipeline';
import { eventJson, folder, records, scan } from './scan';

describe('ingest of the real samples as a trail bucket', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof scan>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-corpus-'));
    await writeCorpusBundle(dir);
    result = await scan([dir], { batchSize: 100 });
  });

  it('stores every event once (exact copies counted); reused placeholder eventIDs with other content are kept as conflicts', () => {
    expect(result.files.map((f) => [f.events, f.duplicates, f.conflicts])).toEqual([[9, 0, 0], [437, 23, 261], [12, 0, 12], [4, 0, 4], [7, 0, 7], [4, 0, 4]]);
    expect(result.progress).toEqual({ filesDone: 6, filesTotal: 6, bytesDone: expect.any(Number), bytesTotal: expect.any(Number), events: CORPUS_BUNDLE.events, duplicates: 23, conflicts: 288, errors: 0 });
    expect(result.events).toHaveLength(CORPUS_BUNDLE.events);
  });

  it('sends exactly the same when deduplication keeps only 50 events in memory and writes the rest to disk', async () => {
    const spilling = await scan([dir], { batchSize: 100, memoryEntries: 50 });
    expect(spilling.messages).toEqual(result.messages);
  });

  it('sends a plan first, then batches of the asked size with consecutive numbers', () => {
    expect(result.messages[0]).toMatchObject({ type: 'plan', filesTotal: 6 });
    const batches = result.messages.flatMap((m) => (m.type === 'batch' ? [m] : []));
    expect(batches.map((b) => b.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(batches.map((b) => b.events.length)).toEqual([100, 100, 100, 100, 73]);
  });

  it('keeps the original text of each event byte for byte', async () => {
    const lines = (await readFile(join(CORPUS, 'panther-analysis/compromised-root-creds.attacker_cloudtrail.ndjson'), 'utf8')).trim().split('\n');
    const fromScenario = result.events.filter((e) => e.file === 2);
    expect(fromScenario.map((e) => e.text)).toEqual(lines);
    expect(fromScenario.map((e) => e.index)).toEqual([...lines.keys()]);
    const plaso = JSON.parse(await readFile(join(CORPUS, 'plaso/aws_cloudtrail.json'), 'utf8')) as { Records: unknown[] };
    expect(result.events.filter((e) => e.file === 0).map((e) => JSON.parse(e.text))).toEqual(plaso.Records);
  });

  it('normalizes times, and keeps events whose time is unreadable', () => {
    expect(result.events.filter((e) => Number.isNaN(e.time))).toHaveLength(CORPUS_BUNDLE.untimed);
    const first = result.events.reduce((a, b) => (b.time < a.time ? b : a));
    expect([new Date(first.time).toISOString(), first.eventName, first.actor]).toEqual(['2014-03-06T17:10:34.000Z', 'CreateKeyPair', 'arn:aws:iam::123456789012:user/Alice']);
  });

  it('records each file with its path, S3 key, format and hashes', () => {
    const key = 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/123456789012_CloudTrail_us-east-1_20240101T0000Z_R0.json.gz';
    expect(result.files[0]).toMatchObject({ path: join(dir, key), container: [], s3Key: key, format: 'cloudtrail-records' });
    expect(result.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.files[0]!.contentSha256).not.toBe(result.files[0]!.sha256);
  });

  it('reports conflicts with the places of both events', () => {
    expect(result.conflicts).toHaveLength(288);
    expect(result.conflicts[0]).toEqual({ type: 'conflict', job: 'job-test', eventId: expect.any(String), first: expect.objectContaining({ file: expect.any(Number) }), second: expect.objectContaining({ file: 1 }) });
  });
});

describe('parsing on worker threads', () => {
  const parallel = { script: resolve(import.meta.dirname, '../../dist/main/parseWorker.cjs'), threads: 2 };

  it('sends exactly what parsing on one thread sends, archives, duplicates, conflicts and bad files included; without events, all but the batches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-parallel-'));
    await writeCorpusBundle(join(dir, 'bucket'));
    const copy = gzipSync(records([eventJson(1), eventJson(2), eventJson(3, { eventName: 'Forged' })]));
    const zip = await zipOf({ 'inner/a.tar.gz': gzipSync(await tarOf([{ name: 'x.json.gz', content: copy }])), 'inner/b.ndjson': `${eventJson(1)}\n{broken\n${eventJson(4)}\n` });
    const extra = await folder({ 'a.json': records([eventJson(1), eventJson(2), eventJson(3)]), 'b.zip': zip, 'c.json.gz': gzipSync('{"Records":[').subarray(0, 20) });

    const inline = await scan([join(dir, 'bucket'), extra], { batchSize: 64 });
    const threaded = await scan([join(dir, 'bucket'), extra], { batchSize: 64, parallel });

    expect(threaded.messages).toEqual(inline.messages);
    // The job's thread and two workers.
    expect((await scan([join(dir, 'bucket'), extra], { batchSize: 64, parallel: { ...parallel, threads: 3 } })).messages).toEqual(inline.messages);

    // Without events, on either side: the same messages but for the batches, conflicts included.
    const noBatches = inline.messages.filter((m) => m.type !== 'batch');
    expect(noBatches).toHaveLength(inline.messages.length - Math.ceil((CORPUS_BUNDLE.events + 5) / 64));
    expect((await scan([join(dir, 'bucket'), extra], { batchSize: 64, events: false })).messages).toEqual(noBatches);
    expect((await scan([join(dir, 'bucket'), extra], { batchSize: 64, events: false, parallel })).messages).toEqual(noBatches);
    expect(threaded.progress).toEqual({ filesDone: 9, filesTotal: 9, bytesDone: inline.progress.bytesTotal, bytesTotal: inline.progress.bytesTotal, events: CORPUS_BUNDLE.events + 5, duplicates: 23 + 3, conflicts: 288 + 1, errors: 2 });
    const name = (f: (typeof inline.files)[number]): string => [...f.container, f.path].join(' › ').replace(extra, '');
    expect(threaded.files.slice(6).map((f) => [name(f), f.events, f.duplicates, f.conflicts])).toEqual([
      ['/a.json', 3, 0, 0],
      ['/b.zip', 0, 0, 0],
      ['/b.zip › inner/a.tar.gz', 0, 0, 0],
      ['/b.zip › inner/a.tar.gz › x.json.gz', 1, 2, 1],
      ['/b.zip › inner/b.ndjson', 1, 1, 0],
      ['/c.json.gz', 0, 0, 0],
    ]);
  });

  it("parses the job's next small files on its own thread while a worker is slow on one, and sends what one thread sends", async () => {
    const [a, b, c] = [[1, 2], [3, 4, 5], [6]].map((ns) => gzipSync(records(ns.map((n) => eventJson(n)))));
    const dir = await folder({ 'a.json.gz': a!, 'b.json.gz': b!, 'c.json.gz': c! });
    // b is the worker's, a and c the job's (see stoppedIngest.test.ts). The worker sends nothing of b
    // until c is read too, which the job comes to after b: only a job's thread that parses c while
    // it waits on b lets the scan end.
    const decompressed = [a, b, c].reduce((sum, gz) => sum + gunzipSync(gz!).length, 0);
    const script = await writeHeldParseWorker(await folder({}), decompressed);
    const held = await scan([dir], { parallel: { script, threads: 2 } });
    expect(held.messages).toEqual((await scan([dir])).messages);
    expect(held.progress).toMatchObject({ filesDone: 3, events: 6, errors: 0 });
  });
});

describe('a tree that changes between the count and the walk', () => {
  const parallel = { script: resolve(import.meta.dirname, '../../dist/main/parseWorker.cjs'), threads: 2 };

  it.each([
    ['on this thread', {}],
    ['on worker threads', { parallel }],
  ])('parses what the walk finds, %s: the count is only for progress', async (_, options) => {
    // The walk runs beside the count, a bounded number of files ahead of the job: more files
    // than that come first, so that it has not reached `later/` when the plan is sent.
    const first = Array.from({ length: 3 * FILES_PER_PARSER }, (_, n) => records([eventJson(n)]));
    const [a, b, c] = [records([eventJson(100)]), records([eventJson(101), eventJson(102)]), records([eventJson(103)])];
    const dir = await folder({ ...Object.fromEntries(first.map((text, n) => [`first/${String(n).padStart(2, '0')}.json`, text])), 'later/a.json': a });
    const messages: JobMessage[] = [];
    const progress = await runIngest('job-test', [dir], async (message) => {
      messages.push(message);
      if (message.type !== 'plan') return;
      await rm(join(dir, 'later/a.json'));
      await writeFile(join(dir, 'later/b.json'), b);
      await writeFile(join(dir, 'later/c.json'), c);
    }, options);
    const firstBytes = first.reduce((sum, text) => sum + text.length, 0);
    expect(messages[0]).toEqual({ type: 'plan', job: 'job-test', filesTotal: first.length + 1, bytesTotal: firstBytes + a.length });
    expect(messages.flatMap((m) => (m.type === 'file' ? [[m.file.index, m.file.path.replace(dir, ''), m.file.events]] : [])).slice(first.length - 1)).toEqual([
      [first.length - 1, `/first/${first.length - 1}.json`, 1],
      [first.length, '/later/b.json', 2],
      [first.length + 1, '/later/c.json', 1],
    ]);
    expect(progress).toEqual({ filesDone: first.length + 2, filesTotal: first.length + 1, bytesDone: firstBytes + b.length + c.length, bytesTotal: firstBytes + a.length, events: first.length + 3, duplicates: 0, conflicts: 0, errors: 0 });
  });

  it('records a file whose read fails with an unexpected error (not a reader\'s own) by its name, with the error, and reads on', async () => {
    const [a, b, c] = [records([eventJson(1)]), records([eventJson(2)]), records([eventJson(3)])];
    const dir = await folder({ 'a.json': a, 'b.json': b, 'c.json': c });
    const messages: JobMessage[] = [];
    // Once a.json is read, the walk has listed b.json as a file: made a folder, its read fails (EISDIR).
    const progress = await runIngest('job-test', [dir], async (message) => {
      messages.push(message);
      if (message.type !== 'file' || !message.file.path.endsWith('a.json')) return;
      await rm(join(dir, 'b.json'));
      await mkdir(join(dir, 'b.json'));
    });
    const files = messages.flatMap((m) => (m.type === 'file' ? [m.file] : []));
    expect(files.map((f) => [f.index, f.path.replace(dir, ''), f.format, f.events, f.issues])).toEqual([
      [0, '/a.json', 'cloudtrail-records', 1, []],
      [1, '/b.json', 'unrecognised', 0, [{ severity: 'error', message: 'cannot read: EISDIR: illegal operation on a directory, read', location: 'byte 0' }]],
      [2, '/c.json', 'cloudtrail-records', 1, []],
    ]);
    expect(messages.at(-1)).toEqual({ type: 'done', job: 'job-test', cancelled: false, progress });
    expect(progress).toMatchObject({ filesDone: 3, events: 2, errors: 1 });
    // Nothing of it was read: no hash of nothing given as its own, and the size the walk found.
    expect([files[1]!.size, files[1]!.sha256, files[1]!.contentSha256]).toEqual([Buffer.byteLength(b), '', '']);
  });
});
