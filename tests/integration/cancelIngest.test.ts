import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CancelFlag } from '../../main/ingest/cancelFlag';
import { runIngest, type IngestOptions, type JobMessage } from '../../main/ingest/pipeline';
import { tarOf, zipOf } from '../fixtures/generators/archives';
import { folder } from './scan';
import { AFTER, LARGE, LINE_BYTES, LINES, SMALL } from './stopBundle';


const CANCELLED = 'the import was cancelled here: the rest of this file is not read';

/** Runs a job over `dir` and cancels it when the batch numbered `atBatch` is posted. */
async function cancelledScan(dir: string, atBatch: number, options: IngestOptions = {}) {
  const cancel = new CancelFlag();
  const messages: JobMessage[] = [];
  await runIngest('job-test', [dir], (message) => {
    messages.push(message);
    if (message.type === 'batch' && message.seq === atBatch) cancel.cancel();
  }, { batchSize: 1000, cancel, ...options });
  const files = messages.flatMap((m) => (m.type === 'file' ? [m.file] : []));
  const events = messages.flatMap((m) => (m.type === 'batch' ? m.events : []));
  return { messages, files, events, done: messages.at(-1)! };
}

describe('cancelling an import', () => {
  it('stops inside a large file: its record names it, counts the events sent of it, says where reading stopped, and has no hashes; nothing after it is read', async () => {
    const dir = await folder({ 'a-first.json': SMALL, 'b-large.ndjson': LARGE, 'c-after.json': AFTER });
    const { files, events, done } = await cancelledScan(dir, 2);
    // Batch 2 ends with line 2,998, in the 5th chunk of 256 KB read: the next chunk read stops it, at byte 1,310,720, in line 3,269.
    const stoppedAt = 5 * 256 * 1024;
    const whole = Math.floor(stoppedAt / LINE_BYTES);
    expect(whole).toBe(3268);
    expect(files.map((f) => f.path)).toEqual([join(dir, 'a-first.json'), join(dir, 'b-large.ndjson')]);
    expect(files[1]).toEqual({
      index: 1, path: join(dir, 'b-large.ndjson'), container: [], format: 'ndjson', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '',
      events: whole, duplicates: 0, conflicts: 0,
      issues: [{ severity: 'error', message: `${CANCELLED}; the last line, line ${whole + 1}, is cut short there: not read`, location: `byte ${stoppedAt}`, stopped: true }],
    });
    // Every event the record counts was sent, in order, and no other of that file.
    const ofLarge = events.filter((e) => e.file === 1);
    expect(ofLarge.map((e) => e.index)).toEqual([...Array(whole).keys()]);
    expect(events.filter((e) => e.file !== 0 && e.file !== 1)).toEqual([]);
    expect(done).toEqual({
      type: 'done', job: 'job-test', cancelled: true,
      progress: { filesDone: 2, filesTotal: 3, bytesDone: SMALL.length + stoppedAt, bytesTotal: SMALL.length + LINES * LINE_BYTES + AFTER.length, events: 3 + whole, duplicates: 0, conflicts: 0, errors: 1 },
    });
  });

  it('stops a parse worker inside a large file as well: the flag is shared with its thread', async () => {
    const dir = await folder({ 'a-first.json': SMALL, 'b-large.ndjson': LARGE, 'c-after.json': AFTER });
    const parallel = { script: resolve(import.meta.dirname, '../../dist/main/parseWorker.cjs'), threads: 2 };
    const { files, events, done } = await cancelledScan(dir, 2, { parallel });
    expect(files.map((f) => [f.path, f.sha256, f.contentSha256])).toEqual([[join(dir, 'a-first.json'), expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)], [join(dir, 'b-large.ndjson'), '', '']]);
    const large = files[1]!;
    const stoppedAt = Number(/^byte (\d+)$/.exec(large.issues[0]!.location)![1]);
    // The worker parses ahead of the job (up to 32 outputs of 500 events): it stops at its next chunk read after that.
    expect(stoppedAt % (256 * 1024)).toBe(0);
    expect(stoppedAt).toBeLessThan(2998 * LINE_BYTES + 32 * 500 * LINE_BYTES + 256 * 1024);
    expect(large).toMatchObject({ events: Math.floor(stoppedAt / LINE_BYTES), issues: [{ message: `${CANCELLED}; the last line, line ${Math.floor(stoppedAt / LINE_BYTES) + 1}, is cut short there: not read` }] });
    expect(events.filter((e) => e.file === 1)).toHaveLength(large.events);
    expect(events.filter((e) => e.file > 1)).toEqual([]);
    expect(done).toMatchObject({ cancelled: true, progress: { filesDone: 2, bytesDone: SMALL.length + stoppedAt, events: 3 + large.events } });
  });

  it('stops inside a large entry of a zip on disk: the entry and the zip are recorded, named and placed', async () => {
    const zip = await zipOf({ 'logs/a-first.json': SMALL, 'logs/b-large.ndjson': LARGE, 'logs/c-after.json': AFTER });
    const dir = await folder({ 'evidence.zip': zip });
    const path = join(dir, 'evidence.zip');
    const { files, events, done } = await cancelledScan(dir, 2);
    // The entry's bytes stop at the next piece inflated after batch 2 (the entry's line 2,998).
    const stoppedAt = 1_212_416;
    const whole = Math.floor(stoppedAt / LINE_BYTES);
    expect(whole).toBe(3023);
    expect(files.map((f) => [f.index, f.path, f.container])).toEqual([[1, 'logs/a-first.json', [path]], [2, 'logs/b-large.ndjson', [path]], [0, path, []]]);
    expect(files[1]).toEqual({
      index: 2, path: 'logs/b-large.ndjson', container: [path], format: 'ndjson', size: LINES * LINE_BYTES, sha256: '', contentSha256: '', s3Key: '',
      events: whole, duplicates: 0, conflicts: 0,
      issues: [{ severity: 'error', message: `${CANCELLED}; the last line, line ${whole + 1}, is cut short there: not read`, location: `byte ${stoppedAt}`, stopped: true }],
    });
    // The zip was small enough to be read whole: its own hashes are of all its bytes.
    const sha256 = createHash('sha256').update(zip).digest('hex');
    expect(files[2]).toEqual({
      index: 0, path, container: [], format: 'zip', size: zip.length, sha256, contentSha256: sha256, s3Key: '', events: 0, duplicates: 0, conflicts: 0,
      issues: [{ severity: 'error', message: CANCELLED, location: 'entry 2', stopped: true }],
    });
    expect(events.filter((e) => e.file === 2).map((e) => e.index)).toEqual([...Array(whole).keys()]);
    expect(events.filter((e) => e.file > 2)).toEqual([]);
    expect(done).toMatchObject({ cancelled: true, progress: { filesDone: 1, filesTotal: 1, events: 3 + whole, errors: 2 } });
  });

  it('stops inside a large entry of a .tar.gz read as a stream: each layer says where its own bytes stopped', async () => {
    const tar = await tarOf([
      { name: 'logs/a-first.json', content: SMALL },
      { name: 'logs/b-large.ndjson', content: LARGE },
      { name: 'logs/c-after.json', content: AFTER },
    ]);
    // Stored (level 0): larger than a file read whole, so the file on disk is read in chunks.
    const gz = gzipSync(tar, { level: 0 });
    const dir = await folder({ 'evidence.tar.gz': gz });
    const path = join(dir, 'evidence.tar.gz');
    const { files, events, done } = await cancelledScan(dir, 2);
    expect(files.map((f) => [f.index, f.path, f.container, f.sha256, f.contentSha256])).toEqual([
      [1, 'logs/a-first.json', [path], expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)],
      [2, 'logs/b-large.ndjson', [path], '', ''],
      [0, path, [], '', ''],
    ]);
    const large = files[1]!;
    const whole = large.events;
    expect(large).toMatchObject({ format: 'ndjson', size: LINES * LINE_BYTES, issues: [{ severity: 'error', message: `${CANCELLED}; the last line, line ${whole + 1}, is cut short there: not read` }] });
    expect(large.issues[0]!.location).toMatch(/^byte \d+$/);
    const stoppedAt = Number(large.issues[0]!.location.slice('byte '.length));
    // Every whole line before where the entry's bytes stopped was read; the one cut there was not.
    // Where that is depends on how far the tar reader had read ahead (up to 16 chunks of 256 KB) past batch 2, at line 2,998.
    expect(whole).toBe(Math.floor(stoppedAt / LINE_BYTES));
    expect(stoppedAt).toBeGreaterThan(2998 * LINE_BYTES);
    expect(stoppedAt).toBeLessThan(2998 * LINE_BYTES + 17 * 256 * 1024);
    expect(files[2]).toMatchObject({ format: 'tar', size: gz.length, events: 0, issues: [{ severity: 'error', message: CANCELLED, location: 'entry 2' }] });
    expect(events.filter((e) => e.file === 2).map((e) => e.index)).toEqual([...Array(whole).keys()]);
    expect(events.filter((e) => e.file > 2)).toEqual([]);
    expect(done).toMatchObject({ cancelled: true, progress: { filesDone: 1, events: 3 + whole, errors: 2 } });
  });
});
