import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../fixtures/generators/archives';
import { DELETE_POLICY_TRAIL, TWICE_FILES } from '../fixtures/generators/callExportedTwice';
import { writeDyingParseWorker } from '../fixtures/generators/dyingWorker';
import { CORPUS } from '../fixtures/generators/trailBundle';
import { main } from '../../main/cli';
import { printable } from '../../shared/printable';
import { eventJson, folder, records } from './scan';

const CLI = resolve(import.meta.dirname, '../../bin/cairn.cjs');
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function cairn(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) => done({ status: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

/** Runs cairn where the files it writes may not grow past `blocks` blocks of 512 bytes (as on a full disk); killed if it has not ended in 30 s. */
function cairnWritingAtMost(blocks: number, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('sh', ['-c', `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, CLI, ...args], { timeout: 30_000 }, (error, stdout, stderr) => done({ status: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('cairn scan', () => {
  it('prints a JSON report of every file, with hashes, counts and errors', async () => {
    const content = records([eventJson(1), eventJson(2), eventJson(1)]);
    const gz = gzipSync(content);
    const dir = await folder({ 'a.json.gz': gz, 'b.txt': 'hello' });
    const { status, stdout } = await cairn('scan', dir, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      files: [
        { path: join(dir, 'a.json.gz'), container: [], format: 'cloudtrail-records', size: gz.length, sha256: sha(gz), contentSha256: sha(content), s3Key: '', events: 2, duplicates: 1, conflicts: 0, errors: [] },
        { path: join(dir, 'b.txt'), container: [], format: 'unrecognised', size: 5, sha256: sha('hello'), contentSha256: sha('hello'), s3Key: '', events: 0, duplicates: 0, conflicts: 0, errors: [{ severity: 'error', message: 'not a CloudTrail export: the content is neither JSON, JSON lines, CloudWatch Logs lines nor CSV', location: '' }] },
      ],
      events: 2,
      csvRowsOfFull: 0,
      duplicates: 1,
      conflicts: 0,
      errors: 1,
    });
  });

  it("reads the corpus's table of rule-test labels, which has an eventName column, as no events: an error that says what it is", async () => {
    const labels = join(CORPUS, 'panther-analysis', 'rule-test-labels.tsv');
    const { status, stdout } = await cairn('scan', join(CORPUS, 'panther-analysis'), '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { files: { path: string }[]; events: number; errors: number };
    expect(report.files.find((file) => file.path === labels)).toEqual({
      path: labels, container: [], format: 'unrecognised', size: 40135,
      sha256: '7318dde6f62f319ec53b23bc5989032a6f8164a74350393f08f79af2e074ff5f', contentSha256: '7318dde6f62f319ec53b23bc5989032a6f8164a74350393f08f79af2e074ff5f', s3Key: '',
      events: 0, duplicates: 0, conflicts: 0,
      errors: [{ severity: 'error', message: 'not a CloudTrail export: a table whose rows are not CloudTrail events: of its columns (index, rule_id, test_name, expected_result, eventName), only eventName is a CloudTrail field', location: 'line 1' }],
    });
    // The trail files' events alone: 437 + 12 + 4 + 7 + 4; the errors are LICENSE.txt's, SOURCE.txt's and the table's.
    expect([report.files.length, report.events, report.errors]).toEqual([8, 464, 3]);
  });

  it('lists an archive before its entries, files on disk in path order, with totals counted across them', async () => {
    const zip = await zipOf({ 'x.json': records([eventJson(1), eventJson(2)]), 'y.json': records([eventJson(2), eventJson(3)]) });
    const dir = await folder({ 'a.zip': zip, 'b.json': records([eventJson(3), eventJson(4)]) });
    const { status, stdout } = await cairn('scan', dir, '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { files: { path: string; container: string[]; events: number; duplicates: number }[]; events: number; duplicates: number };
    expect(report.files.map((file) => [[...file.container, file.path].join(' › '), file.events, file.duplicates])).toEqual([
      [join(dir, 'a.zip'), 0, 0],
      [`${join(dir, 'a.zip')} › x.json`, 2, 0],
      [`${join(dir, 'a.zip')} › y.json`, 1, 1],
      [join(dir, 'b.json'), 1, 1],
    ]);
    expect([report.events, report.duplicates]).toEqual([4, 2]);
    const human = await cairn('scan', dir);
    expect(human.stdout.split('\n').filter((line) => line.startsWith(dir))).toEqual([join(dir, 'a.zip'), `${join(dir, 'a.zip')} › x.json`, `${join(dir, 'a.zip')} › y.json`, join(dir, 'b.json')]);
  });

  it('prints a human summary by default', async () => {
    const dir = await folder({ 'a.json': records([eventJson(1)]) });
    const { status, stdout } = await cairn('scan', dir);
    expect(status).toBe(0);
    expect(stdout).toContain(`${join(dir, 'a.json')}\n  cloudtrail-records, `);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 file: 1 event stored, 0 duplicates, 0 conflicting copies, 0 errors');
  });

  it('says how many of the events stored are CSV rows of calls counted already (of events it also read in full), each row once, as the app counts them', async () => {
    const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
    // Rows of the first two events and of one read only as a row, before the events; then the first event again with other content.
    const dir = await folder({
      'a-lake.csv': ['eventtime,eventname,eventid,sourceipaddress', ...[1, 2, 9].map((n) => `2024-03-01 00:00:0${n}.000,GetObject,${id(n)},192.0.2.${n}`)].join('\n'),
      'b-trail.json': records([eventJson(1), eventJson(2), eventJson(3)]),
      'c-conflict.json': records([eventJson(1, { errorCode: 'AccessDenied' })]),
    });
    const human = await cairn('scan', dir);
    expect(human.stdout.trimEnd().split('\n').at(-1)).toBe('3 files: 7 events stored (2 of them CSV rows of calls counted already), 0 duplicates, 1 conflicting copy, 0 errors');
    const json = JSON.parse((await cairn('scan', dir, '--json')).stdout) as Record<string, unknown>;
    expect([json.events, json.csvRowsOfFull, json.conflicts]).toEqual([7, 2, 1]);
    const single = await cairn('scan', join(dir, 'b-trail.json'));
    expect(single.stdout.trimEnd().split('\n').at(-1)).toBe('1 file: 3 events stored, 0 duplicates, 0 conflicting copies, 0 errors');
  });

  it('counts a call exported twice, as a console download\'s row and a Lake result\'s, once, and each row once when its full event comes after them', async () => {
    const dir = await folder(TWICE_FILES);
    const last = async (...paths: string[]) => (await cairn('scan', ...paths)).stdout.trimEnd().split('\n').at(-1);
    expect(await last(dir)).toBe('2 files: 22 events stored (2 of them CSV rows of calls counted already), 0 duplicates, 0 conflicting copies, 0 errors');
    expect(((JSON.parse((await cairn('scan', dir, '--json')).stdout)) as Record<string, unknown>).csvRowsOfFull).toBe(2);
    // The trail's record read last: it stands for the call whose two rows came before it, each now counted.
    const trail = await folder({ 'z-trail.json': DELETE_POLICY_TRAIL });
    expect(await last(dir, trail)).toBe('3 files: 23 events stored (3 of them CSV rows of calls counted already), 0 duplicates, 0 conflicting copies, 0 errors');
    expect(await last(trail, dir)).toBe('3 files: 23 events stored (3 of them CSV rows of calls counted already), 0 duplicates, 0 conflicting copies, 0 errors');
  });

  it('prints no hash for a file that could not be read, and counts in the singular where there is one', async () => {
    const dir = await folder({ 'a.json': records([eventJson(1)]) });
    const missing = join(dir, 'missing.json');
    const { status, stdout } = await cairn('scan', missing);
    expect(status).toBe(1);
    expect(stdout).toBe(`${missing}\n  unreadable, 0 bytes, 0 events\n    error: cannot open: ENOENT\n\n1 file: 0 events stored, 0 duplicates, 0 conflicting copies, 1 error\n`);
  });

  it('prints names from the evidence with control and bidirectional characters escaped, so a crafted name cannot act on the terminal; --json keeps them exact', async () => {
    const name = 'x\u001b[2J\u001b]0;owned\u0007\u202egpj.json';
    const zip = await zipOf({ [name]: records([eventJson(1)]) });
    const dir = await folder({ 'a.zip': zip });
    const { stdout } = await cairn('scan', dir);
    expect(stdout.split('\n').filter((line) => line.startsWith(dir))).toEqual([join(dir, 'a.zip'), `${join(dir, 'a.zip')} › x\\u001b[2J\\u001b]0;owned\\u0007\\u202egpj.json`]);
    expect(stdout.split('\n').filter((line) => printable(line) !== line)).toEqual([]);
    const report = JSON.parse((await cairn('scan', dir, '--json')).stdout) as { files: { path: string }[] };
    expect(report.files.map((file) => file.path)).toEqual([join(dir, 'a.zip'), name]);
  });

  it('writes normalized events with their original text as NDJSON, never inside the evidence', async () => {
    const dir = await folder({ 'a.json': records([eventJson(1), eventJson(2)]) });
    const out = join(await mkdtemp(join(tmpdir(), 'cairn-out-')), 'events.ndjson');
    expect((await cairn('scan', dir, '--ndjson', out)).status).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.time, l.eventName, l.actor, l.sourceIp, l.fileIndex, l.index, l.text])).toEqual([
      ['2024-03-01T00:00:01Z', 'GetObject', 'arn:aws:iam::111122223333:user/u1', '192.0.2.1', 0, 0, eventJson(1)],
      ['2024-03-01T00:00:02Z', 'GetObject', 'arn:aws:iam::111122223333:user/u2', '192.0.2.2', 0, 1, eventJson(2)],
    ]);
    const refused = await cairn('scan', dir, '--ndjson', join(dir, 'out.ndjson'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`refusing to write ${join(dir, 'out.ndjson')}: it is inside the evidence, which Cairn never writes to\n`);
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it("writes with each event read out of a value what held it, as it stood in the file: the log event, the CSV row, the export line; nothing for a trail file's", async () => {
    const filter = JSON.stringify({ events: [{ logStreamName: '111122223333_CloudTrail_us-east-1', timestamp: 1709251202000, message: eventJson(2), ingestionTime: 1709251262000, eventId: '37880' }] }, null, 2);
    const dir = await folder({
      'a.json': records([eventJson(1)]),
      'b-filter.json': filter,
      'c-lake.csv': `eventtime,eventjson\n2024-03-01 00:00:03.000,"${eventJson(3).replaceAll('"', '""')}"\n`,
      'd-export.txt': `2024-03-01T00:00:04.000Z ${eventJson(4)}\n`,
    });
    const out = join(await mkdtemp(join(tmpdir(), 'cairn-out-')), 'events.ndjson');
    expect((await cairn('scan', dir, '--ndjson', out)).status).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { text: string; wrapper?: string });
    expect(lines.map((l) => [l.text, l.wrapper])).toEqual([
      [eventJson(1), undefined],
      [eventJson(2), filter.slice(filter.indexOf('{', filter.indexOf('[')), filter.lastIndexOf('}', filter.lastIndexOf(']')) + 1)],
      [eventJson(3), `2024-03-01 00:00:03.000,"${eventJson(3).replaceAll('"', '""')}"`],
      [eventJson(4), `2024-03-01T00:00:04.000Z ${eventJson(4)}`],
    ]);
  });

  it('names the links, pipes and the like it finds in folders, without following or opening them', async () => {
    const content = records([eventJson(1)]);
    const dir = await folder({ 'a.json': content });
    await symlink(join(dir, 'a.json'), join(dir, 'link.json'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const { status, stdout } = await cairn('scan', dir, '--json');
    expect(status).toBe(0);
    const notRead = { container: [], size: 0, sha256: '', contentSha256: '', s3Key: '', events: 0, duplicates: 0, conflicts: 0 };
    expect(JSON.parse(stdout)).toEqual({
      files: [
        { path: join(dir, 'a.json'), container: [], format: 'cloudtrail-records', size: content.length, sha256: sha(content), contentSha256: sha(content), s3Key: '', events: 1, duplicates: 0, conflicts: 0, errors: [] },
        { ...notRead, path: join(dir, 'link.json'), format: 'symlink', errors: [{ severity: 'warning', message: `a symbolic link to ${join(dir, 'a.json')}: not followed`, location: '' }] },
        { ...notRead, path: join(dir, 'pipe'), format: 'fifo', errors: [{ severity: 'warning', message: 'a named pipe: not read', location: '' }] },
      ],
      events: 1,
      csvRowsOfFull: 0,
      duplicates: 0,
      conflicts: 0,
      errors: 0,
    });
    const onlyLinks = await folder({});
    await symlink(join(dir, 'a.json'), join(onlyLinks, 'link.json'));
    expect((await cairn('scan', onlyLinks)).status).toBe(1);
  });

  it('exits non-zero only when nothing could be read', async () => {
    const dir = await folder({ 'a.txt': 'nothing here', 'b.json': '{"x": 1}' });
    expect((await cairn('scan', dir)).status).toBe(1);
    expect((await cairn('scan', join(dir, 'missing'))).status).toBe(1);
    const mixed = await folder({ 'a.txt': 'nothing here', 'b.json': records([eventJson(1)]) });
    expect((await cairn('scan', mixed)).status).toBe(0);
    expect((await cairn('frobnicate')).status).toBe(2);
  });

  it('writes the report in pieces of 16 KB or every 200 ms, not once a file, and prints every file of it', async () => {
    const dir = await folder(Object.fromEntries(Array.from({ length: 300 }, (_, n) => [`f${String(n).padStart(3, '0')}.json`, records([eventJson(n)])])));
    const writes: string[] = [];
    const start = performance.now();
    expect(await main(['scan', dir, '--threads', '1'], (text) => void writes.push(text), () => undefined, '')).toBe(0);
    const took = performance.now() - start;
    const report = writes.join('');
    expect(report.split('\n').filter((line) => line.startsWith(dir))).toHaveLength(300);
    expect(report.endsWith('\n300 files: 300 events stored, 0 duplicates, 0 conflicting copies, 0 errors\n')).toBe(true);
    // Before, each file's lines were a write of their own (301 writes).
    expect(writes.length).toBeLessThanOrEqual(2 + Math.floor(report.length / (16 * 1024)) + Math.floor(took / 200));
  });

  it('ends the report of a scan stopped by an error with the file it was in and the one it had not reached, says why, and exits with 1', async () => {
    const small = records([eventJson(1), eventJson(2), eventJson(3)]);
    const large = Array.from({ length: 5000 }, (_, n) => `${eventJson(100 + n)}\n`).join('');
    const dir = await folder({ 'a.json': small, 'b.ndjson': large, 'c.json': records([eventJson(9)]) });
    // b.ndjson is the parse worker's, which dies sending its fourth output of 500 events.
    const worker = await writeDyingParseWorker(await folder({}), 3);
    let stdout = '';
    let stderr = '';
    const status = await main(['scan', dir, '--threads', '2'], (text) => (stdout += text), (text) => (stderr += text), worker);
    expect(status).toBe(1);
    expect(stderr).toBe('ingest stopped: a parse worker stopped (exit code 7): the report names the file it was in, recorded as far as it was read, and each file it had not reached\n');
    expect(stdout).toBe(
      [
        join(dir, 'a.json'),
        `  cloudtrail-records, ${small.length} bytes, 3 events`,
        `  sha256 ${sha(small)}`,
        join(dir, 'b.ndjson'),
        `  ndjson, ${large.length} bytes, 1500 events`,
        '    error: the import stopped here because of an error: a parse worker stopped (exit code 7); the rest of this file is not read (after event 1499)',
        join(dir, 'c.json'),
        `  unknown, ${records([eventJson(9)]).length} bytes, 0 events`,
        '    error: not read: the import stopped before it because of an error: a parse worker stopped (exit code 7)',
        '',
        '3 files: 1503 events stored, 0 duplicates, 0 conflicting copies, 2 errors',
        '',
      ].join('\n'),
    );
  });

  it('stops where it was when its NDJSON output cannot be written (a full disk), instead of waiting for ever', async () => {
    const small = records([eventJson(1), eventJson(2), eventJson(3)]);
    const large = Array.from({ length: 5000 }, (_, n) => `${eventJson(100 + n)}\n`).join('');
    const dir = await folder({ 'a.json': small, 'b.ndjson': large });
    const out = join(await mkdtemp(join(tmpdir(), 'cairn-out-')), 'events.ndjson');
    // Files it writes may grow to 2,000 blocks of 512 bytes: its second batch of 1,000 events (636 bytes each, normalized) crosses that.
    const { status, stdout, stderr } = await cairnWritingAtMost(2000, 'scan', dir, '--ndjson', out);
    expect(stderr).toBe(`ingest stopped: cannot write ${out}: EFBIG: file too large, write: the report names the file it was in, recorded as far as it was read, and each file it had not reached\n`);
    expect(status).toBe(1);
    expect(stdout).toBe(
      [
        join(dir, 'a.json'),
        `  cloudtrail-records, ${small.length} bytes, 3 events`,
        `  sha256 ${sha(small)}`,
        join(dir, 'b.ndjson'),
        `  ndjson, ${large.length} bytes, 1997 events`,
        `    error: the import stopped here because of an error: cannot write ${out}: EFBIG: file too large, write; the rest of this file is not read (after event 1996)`,
        '',
        '2 files: 2000 events stored, 0 duplicates, 0 conflicting copies, 1 error',
        '',
      ].join('\n'),
    );
    expect((await stat(out)).size).toBe(2000 * 512);
  });

  it('says so when the last events it writes to its NDJSON output, after the scan, cannot be written', async () => {
    const dir = await folder({ 'a.json': records([eventJson(1)]) });
    const out = join(await mkdtemp(join(tmpdir(), 'cairn-out-')), 'events.ndjson');
    // One event's line is more than one block of 512 bytes; it is written as the output is closed.
    const { status, stderr } = await cairnWritingAtMost(1, 'scan', dir, '--ndjson', out);
    expect([status, stderr]).toEqual([1, `cannot write ${out}: EFBIG: file too large, write: it holds only part of the events\n`]);
    expect((await stat(out)).size).toBe(512);
  });

  it('ends quietly when its reader stops early, as `cairn scan … | head` does', async () => {
    const dir = await folder(Object.fromEntries(Array.from({ length: 300 }, (_, n) => [`f${String(n).padStart(3, '0')}.json`, records([eventJson(n)])])));
    const child = spawn(process.execPath, [CLI, 'scan', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((exited) => child.on('exit', (code) => exited(code)));
    expect([status, stderr]).toEqual([141, '']);
  });
});
