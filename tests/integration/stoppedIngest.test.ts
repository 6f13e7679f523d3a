import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest, type IngestOptions, type JobMessage } from '../../main/ingest/pipeline';
import { zipOf } from '../fixtures/generators/archives';
import { writeDyingParseWorker } from '../fixtures/generators/dyingWorker';
import { folder } from './scan';
import { AFTER, LARGE, LINE_BYTES, LINES, SMALL } from './stopBundle';


const stoppedHere = (error: string) => `the import stopped here because of an error: ${error}; the rest of this file is not read`;

/** c-after's record, as the walk lists it, when the job stopped on `error` before reaching it. */
const notReached = (dir: string, error: string) => ({
  index: 2, path: join(dir, 'c-after.json'), container: [], format: 'unknown', size: AFTER.length, sha256: '', contentSha256: '', s3Key: '', events: 0, duplicates: 0, conflicts: 0,
  issues: [{ severity: 'error', message: `not read: the import stopped before it because of an error: ${error}`, location: '', stopped: true }],
  unread: true,
});

async function run(dir: string, options: IngestOptions) {
  const messages: JobMessage[] = [];
  await runIngest('job-test', [dir], (message) => void messages.push(message), { batchSize: 1000, ...options });
  const files = messages.flatMap((m) => (m.type === 'file' ? [m.file] : []));
  const batches = messages.flatMap((m) => (m.type === 'batch' ? [m] : []));
  const reading = messages.flatMap((m) => (m.type === 'reading' ? [m.file] : []));
  return { files, batches, reading, events: batches.flatMap((b) => b.events), done: messages.at(-1)! };
}

/** The error a job's done says it stopped on. */
function stoppedBy(done: JobMessage): string {
  if (done.type !== 'done' || !done.error?.startsWith('ingest stopped: ')) throw new Error(`the job did not end on an error: ${JSON.stringify(done)}`);
  return done.error.slice('ingest stopped: '.length);
}

/** Runs a job whose deduplication writes to disk past `memoryEntries` events, into a temporary folder that does not exist. */
async function withoutTemporaryFolder(dir: string, memoryEntries: number) {
  const before = process.env['TMPDIR'];
  const gone = join(dir, 'gone');
  process.env['TMPDIR'] = gone;
  try {
    return { gone, ...(await run(dir, { memoryEntries })) };
  } finally {
    process.env['TMPDIR'] = before;
  }
}

/** The failure of deduplication writing its first run of events into `gone`. */
const cannotSpill = (gone: string) => new RegExp(`^deduplication could not write to the temporary folder ${gone}: ENOENT: no such file or directory, open '${gone}/cairn-dedup-[0-9a-f-]{36}'$`);

describe('an import stopped by an error outside any one file', () => {
  it('records the file it was in by name, with the events it took of it, no hashes, and where and why it stopped, and the file it had not reached as not read; sends every event it counted', async () => {
    const dir = await folder({ 'a-first.json': SMALL, 'b-large.ndjson': LARGE, 'c-after.json': AFTER });
    // Deduplication writes to disk before judging event 1,501: the 3 of a-first and 1,497 of b-large are judged.
    const { gone, files, batches, reading, events, done } = await withoutTemporaryFolder(dir, 1500);
    expect(files.map((f) => f.path)).toEqual([join(dir, 'a-first.json'), join(dir, 'b-large.ndjson'), join(dir, 'c-after.json')]);
    const error = stoppedBy(done);
    expect(error).toMatch(cannotSpill(gone));
    // Each file on disk is announced as the job starts it, as the walk listed it; c-after, never reached, is recorded as not read.
    expect(reading).toEqual([
      { index: 0, path: join(dir, 'a-first.json'), container: [], format: 'unknown', size: SMALL.length, sha256: '', contentSha256: '', s3Key: '', events: 0, duplicates: 0, conflicts: 0, issues: [] },
      { index: 1, path: join(dir, 'b-large.ndjson'), container: [], format: 'unknown', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '', events: 0, duplicates: 0, conflicts: 0, issues: [] },
    ]);
    expect(files[2]).toEqual(notReached(dir, error));
    expect(files[1]).toEqual({
      index: 1, path: join(dir, 'b-large.ndjson'), container: [], format: 'ndjson', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '',
      events: 1497, duplicates: 0, conflicts: 0,
      issues: [{ severity: 'error', message: stoppedHere(error), location: 'after event 1496', stopped: true }],
    });
    // All 1,500 events counted are sent (the last 500 in a batch of their own), b-large's in order.
    expect(events).toHaveLength(1500);
    expect(events.filter((e) => e.file === 1).map((e) => e.index)).toEqual([...Array(1497).keys()]);
    // The first batch named b-large as far as it was read then, for the case to name it should the job die; the last came after its record.
    expect(batches.map((b) => b.inProgress)).toEqual([
      [{ index: 1, path: join(dir, 'b-large.ndjson'), container: [], format: 'ndjson', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '', events: 997, duplicates: 0, conflicts: 0, issues: [] }],
      [],
    ]);
    expect(done).toEqual({
      type: 'done', job: 'job-test', cancelled: false, error: `ingest stopped: ${error}`,
      // b-large's bytes read when its third output of 500 events was made: three chunks of 256 KB.
      progress: { filesDone: 2, filesTotal: 3, bytesDone: SMALL.length + 3 * 256 * 1024, bytesTotal: SMALL.length + LINES * LINE_BYTES + AFTER.length, events: 1500, duplicates: 0, conflicts: 0, errors: 2 },
    });
  });

  it('records an archive and the entry it was in by name, the archive with the size the walk found', async () => {
    const zip = await zipOf({ 'logs/a-first.json': SMALL, 'logs/b-large.ndjson': LARGE, 'logs/c-after.json': AFTER });
    const dir = await folder({ 'evidence.zip': zip });
    const path = join(dir, 'evidence.zip');
    const { gone, files, events, done } = await withoutTemporaryFolder(dir, 1000);
    const error = stoppedBy(done);
    expect(error).toMatch(cannotSpill(gone));
    // Innermost first, as a cancel records them; the zip was read whole, but not all of it was taken.
    expect(files).toEqual([
      { index: 1, path: 'logs/a-first.json', container: [path], format: 'cloudtrail-records', size: SMALL.length, sha256: createHash('sha256').update(SMALL).digest('hex'), contentSha256: createHash('sha256').update(SMALL).digest('hex'), s3Key: '', events: 3, duplicates: 0, conflicts: 0, issues: [] },
      { index: 2, path: 'logs/b-large.ndjson', container: [path], format: 'ndjson', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '', events: 997, duplicates: 0, conflicts: 0, issues: [{ severity: 'error', message: stoppedHere(error), location: 'after event 996', stopped: true }] },
      { index: 0, path, container: [], format: 'zip', size: zip.length, sha256: '', contentSha256: '', s3Key: '', events: 0, duplicates: 0, conflicts: 0, issues: [{ severity: 'error', message: stoppedHere(error), location: '', stopped: true }] },
    ]);
    expect(events.filter((e) => e.file === 2).map((e) => e.index)).toEqual([...Array(997).keys()]);
    expect(events).toHaveLength(1000);
    expect(done).toMatchObject({ cancelled: false, progress: { filesDone: 1, filesTotal: 1, events: 1000, errors: 2 } });
  });

  it('records the file a parse worker was reading when it died, as far as the job took it, and the one after as not reached', async () => {
    const dir = await folder({ 'a-first.json': SMALL, 'b-large.ndjson': LARGE, 'c-after.json': AFTER });
    // b-large is the worker's (see cancelIngest.test.ts); it dies sending its fourth output of 500 events.
    const script = await writeDyingParseWorker(await folder({}), 3);
    const { files, events, done } = await run(dir, { parallel: { script, threads: 2 } });
    expect(files.map((f) => f.path)).toEqual([join(dir, 'a-first.json'), join(dir, 'b-large.ndjson'), join(dir, 'c-after.json')]);
    expect(files[2]).toEqual(notReached(dir, 'a parse worker stopped (exit code 7)'));
    expect(files[1]).toEqual({
      index: 1, path: join(dir, 'b-large.ndjson'), container: [], format: 'ndjson', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '',
      events: 1500, duplicates: 0, conflicts: 0,
      issues: [{ severity: 'error', message: stoppedHere('a parse worker stopped (exit code 7)'), location: 'after event 1499', stopped: true }],
    });
    expect(events.filter((e) => e.file === 1).map((e) => e.index)).toEqual([...Array(1500).keys()]);
    expect(done).toMatchObject({ cancelled: false, error: 'ingest stopped: a parse worker stopped (exit code 7)', progress: { filesDone: 2, events: 1503, errors: 2 } });
  });

  it('records the file a parse worker died on before sending any of it by the name and size the walk found', async () => {
    const dir = await folder({ 'a-first.json': SMALL, 'b-large.ndjson': LARGE, 'c-after.json': AFTER });
    const script = await writeDyingParseWorker(await folder({}), 0);
    const { files, events, done } = await run(dir, { parallel: { script, threads: 2 } });
    expect(files[1]).toEqual({
      index: 1, path: join(dir, 'b-large.ndjson'), container: [], format: 'unknown', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '',
      events: 0, duplicates: 0, conflicts: 0,
      issues: [{ severity: 'error', message: stoppedHere('a parse worker stopped (exit code 7)'), location: '', stopped: true }],
    });
    expect(files.slice(2)).toEqual([notReached(dir, 'a parse worker stopped (exit code 7)')]);
    expect(events).toHaveLength(3);
    expect(done).toMatchObject({ cancelled: false, error: 'ingest stopped: a parse worker stopped (exit code 7)', progress: { filesDone: 2, events: 3, errors: 2 } });
  });
});
