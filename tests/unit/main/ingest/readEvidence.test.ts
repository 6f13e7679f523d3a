import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEvidence } from '../../../../main/ingest/readEvidence';

/** An independent oracle for hashes: coreutils, not node:crypto. */
const sha256sum = (path: string): string => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!;
const sha256sumOf = (data: Buffer): string => execFileSync('sha256sum', { input: data, encoding: 'utf8' }).split(' ')[0]!;

describe('readEvidence', () => {
  let dir: string;
  const content = Buffer.from('{"Records":[' + Array.from({ length: 3000 }, (_, i) => `{"eventID":"${i}"}`).join(',') + ']}');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-read-'));
  });

  it('gunzips by content and hashes both the file and its content', async () => {
    const path = join(dir, 'trail.dat');
    await writeFile(path, gzipSync(content));
    const read = await readEvidence(path);
    expect(read.compressed).toBe(true);
    expect(read.content.equals(content)).toBe(true);
    expect(read.sha256).toBe(sha256sum(path));
    expect(read.contentSha256).toBe(sha256sumOf(content));
    expect(read.issue).toBeUndefined();
  });

  it('reads plain files as they are, with equal hashes', async () => {
    const path = join(dir, 'trail.json');
    await writeFile(path, content);
    const read = await readEvidence(path);
    expect([read.compressed, read.size, read.sha256, read.contentSha256]).toEqual([false, content.length, sha256sum(path), sha256sum(path)]);
  });

  it('keeps what a truncated gzip held and says where it broke', async () => {
    const whole = gzipSync(content);
    const path = join(dir, 'truncated.json.gz');
    await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const read = await readEvidence(path);
    expect(read.issue).toEqual({ severity: 'error', message: 'gzip data is corrupt or truncated: unexpected end of file', location: `byte ${Math.floor(whole.length / 2)}` });
    expect(read.content.length).toBeGreaterThan(1000);
    expect(content.subarray(0, read.content.length).equals(read.content)).toBe(true);
    expect(read.sha256).toBe(sha256sum(path));
  });
});
