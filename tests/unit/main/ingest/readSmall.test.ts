import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSmall } from '../../../../main/ingest/parsePool';

describe('readSmall', () => {
  it('reads a small file whole when it has the size the walk found, and leaves any other to the stream', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-small-'));
    const path = join(dir, 'a.json');
    await writeFile(path, '{"Records":[]}');
    expect(readSmall(path, 14)?.toString()).toBe('{"Records":[]}');
    // Grown or shrunk since it was listed: not read here, so that nothing of it is lost.
    expect(readSmall(path, 13)).toBeUndefined();
    expect(readSmall(path, 15)).toBeUndefined();
    expect(readSmall(join(dir, 'gone.json'), 14)).toBeUndefined();
    expect(readSmall(path, 8 * 2 ** 20 + 1)).toBeUndefined();
    await writeFile(join(dir, 'empty.json'), '');
    expect(readSmall(join(dir, 'empty.json'), 0)?.length).toBe(0);
  });
});
