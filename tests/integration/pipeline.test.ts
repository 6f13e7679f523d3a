import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../main/ingest/pipeline';
import type { CairnEvent, EvidenceFile } from '../../shared/event';
import type { IngestMessage } from '../../shared/ipc';
import { CORPUS, CORPUS_BUNDLE, writeCorpusBundle, writeTrailFile } from '../fixtures/generators/trailBundle';

async function run(paths: string[], batchSize?: number) {
  const messages: IngestMessage[] = [];
  for await (const message of ingest('job-test', paths, batchSize ? { batchSize } : {})) messages.push(message);
  const events = messages.flatMap((m) => (m.type === 'batch' ? m.events : []));
  const files = messages.flatMap((m) => (m.type === 'file' ? [m.file] : []));
  return { messages, events, files, done: messages.at(-1)! };
}

describe('ingest of the real samples as a trail bucket', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-corpus-'));
    await writeCorpusBundle(dir);
    result = await run([dir], 100);
  });

  it('reads every event of every file', () => {
    expect(result.events).toHaveLength(CORPUS_BUNDLE.events);
    expect(result.files.map((f) => f.events)).toEqual([9, 460, 12, 4, 7, 4]);
    expect(result.done).toEqual({
      type: 'done',
      job: 'job-test',
      cancelled: false,
      progress: { filesDone: 6, filesTotal: 6, bytesDone: expect.any(Number), bytesTotal: expect.any(Number), events: 496, errors: 0 },
    });
  });

  it('sends a plan first, then batches of the asked size with consecutive numbers', () => {
    expect(result.messages[0]).toMatchObject({ type: 'plan', filesTotal: 6 });
    const batches = result.messages.flatMap((m) => (m.type === 'batch' ? [m] : []));
    expect(batches.map((b) => b.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(batches.map((b) => b.events.length)).toEqual([100, 100, 100, 100, 96]);
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
    expect([new Date(first.time).toISOString(), first.eventName, first.actor]).toEqual([
      '2014-03-06T17:10:34.000Z',
      'CreateKeyPair',
      'arn:aws:iam::123456789012:user/Alice',
    ]);
  });

  it('records each file with its path, format and size', () => {
    const first: EvidenceFile = result.files[0]!;
    expect(first.path).toBe(join(dir, 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/123456789012_CloudTrail_us-east-1_20240101T0000Z_R0.json.gz'));
    expect(first.format).toBe('cloudtrail-records');
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.contentSha256).not.toBe(first.sha256);
  });
});

describe('ingest of bad input', () => {
  it('reports each bad file with where it broke and keeps every readable event', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-bad-'));
    const good = (n: number) => `{"eventID":"${n}","eventName":"GetObject","eventTime":"2024-01-01T00:00:0${n}Z"}`;
    await writeTrailFile(dir, 'a-good.json.gz', [good(1), good(2)]);
    await writeFile(join(dir, 'b-truncated.json.gz'), gzipSync(`{"Records":[${good(3)},${good(4)}]}`).subarray(0, 30));
    await writeFile(join(dir, 'c-not-cloudtrail.json'), '{"hello": "world"}');
    await writeFile(join(dir, 'd-malformed-record.json'), `{"Records":[${good(5)},{"eventName": tru},${good(6)}]}`);
    await mkdir(join(dir, 'e-empty-folder'));
    const { events, files, done } = await run([dir, join(dir, 'missing.json.gz')]);

    expect(events.map((e: CairnEvent) => JSON.parse(e.text).eventID)).toEqual(['1', '2', '5', '6']);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.events, f.issues])).toEqual([
      ['a-good.json.gz', 2, []],
      ['b-truncated.json.gz', 0, [
        { severity: 'error', message: 'gzip data is corrupt or truncated: unexpected end of file', location: 'byte 30' },
        expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^malformed JSON: /) }),
      ]],
      ['c-not-cloudtrail.json', 0, [{ severity: 'error', message: 'not a CloudTrail trail file: no "Records" array', location: '' }]],
      ['d-malformed-record.json', 2, [expect.objectContaining({ severity: 'error', location: 'character 87', message: expect.stringMatching(/^malformed record 1: /) })]],
      ['missing.json.gz', 0, [{ severity: 'error', message: 'cannot open: ENOENT', location: '' }]],
    ]);
    expect(events.filter((e) => e.file === 3).map((e) => e.index)).toEqual([0, 2]);
    expect(done).toMatchObject({ type: 'done', progress: { filesDone: 5, filesTotal: 5, events: 4, errors: 5 } });
  });
});
