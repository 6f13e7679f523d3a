import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countFiles, walkFiles, type ListedFile } from '../../../../main/ingest/walkFiles';

const walked = (paths: string[]): ListedFile[] => [...walkFiles(paths)];

describe('walkFiles and countFiles', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cairn-walk-'));
    const files: Record<string, string> = {
      'top.json': 'abc',
      'a/z.txt': 'z',
      'a/deep/x/y.json.gz': '12345',
      'a/deep/x/9.json': '9',
      'a/deep/x/10.json': '10',
      'a/deep/w.json': 'ww',
      'c/é.json': 'e-acute',
      'c/a.json': 'aaaa',
      'c/B.json': 'BB',
      'c/_.json': '',
    };
    for (const [name, content] of Object.entries(files)) {
      await mkdir(join(root, name, '..'), { recursive: true });
      await writeFile(join(root, name), content);
    }
    await mkdir(join(root, 'a/empty'));
    await symlink(join(root, 'top.json'), join(root, 'a/link.json'));
    await symlink(join(root, 'c'), join(root, 'a/linked-folder'));
    execFileSync('mkfifo', [join(root, 'a/pipe')]);
  });

  it('yields regular files, folders in code-unit name order, unreadable picked paths with their error, and links, pipes and the like inside folders named, never followed or opened', () => {
    const files = walked([join(root, 'c'), join(root, 'missing'), root, join(root, 'top.json')]);
    expect(files.map((file) => ({ ...file, path: file.path.replace(root, '') }))).toEqual([
      { path: '/c/B.json', size: 2 },
      { path: '/c/_.json', size: 0 },
      { path: '/c/a.json', size: 4 },
      { path: '/c/é.json', size: 7 },
      { path: '/missing', size: 0, notRead: { severity: 'error', format: 'unreadable', message: 'cannot open: ENOENT' } },
      { path: '/a/deep/w.json', size: 2 },
      { path: '/a/deep/x/10.json', size: 2 },
      { path: '/a/deep/x/9.json', size: 1 },
      { path: '/a/deep/x/y.json.gz', size: 5 },
      { path: '/a/link.json', size: 0, notRead: { severity: 'warning', format: 'symlink', message: `a symbolic link to ${join(root, 'top.json')}: not followed` } },
      { path: '/a/linked-folder', size: 0, notRead: { severity: 'warning', format: 'symlink', message: `a symbolic link to ${join(root, 'c')}: not followed` } },
      { path: '/a/pipe', size: 0, notRead: { severity: 'warning', format: 'fifo', message: 'a named pipe: not read' } },
      { path: '/a/z.txt', size: 1 },
      { path: '/c/B.json', size: 2 },
      { path: '/c/_.json', size: 0 },
      { path: '/c/a.json', size: 4 },
      { path: '/c/é.json', size: 7 },
      { path: '/top.json', size: 3 },
      { path: '/top.json', size: 3 },
    ]);
  });

  it('names a picked named pipe, never opening it: it was left out without a word', () => {
    expect(walked([join(root, 'a/pipe'), join(root, 'top.json')])).toEqual([
      { path: join(root, 'a/pipe'), size: 0, notRead: { severity: 'warning', format: 'fifo', message: 'a named pipe: not read' } },
      { path: join(root, 'top.json'), size: 3 },
    ]);
  });

  it('follows a picked symbolic link, file or folder', () => {
    expect(walked([join(root, 'a/link.json'), join(root, 'a/linked-folder')])).toEqual([
      { path: join(root, 'a/link.json'), size: 3 },
      { path: join(root, 'a/linked-folder/B.json'), size: 2 },
      { path: join(root, 'a/linked-folder/_.json'), size: 0 },
      { path: join(root, 'a/linked-folder/a.json'), size: 4 },
      { path: join(root, 'a/linked-folder/é.json'), size: 7 },
    ]);
  });

  it('counts what the walk yields: files, bytes, and those not read among them', () => {
    expect(countFiles([join(root, 'c'), join(root, 'missing'), root, join(root, 'top.json')])).toEqual({ files: 19, bytes: 2 * (2 + 0 + 4 + 7) + (2 + 2 + 1 + 5 + 1) + 2 * 3, notRead: 4 });
    expect(countFiles([join(root, 'a/empty')])).toEqual({ files: 0, bytes: 0, notRead: 0 });
  });

  it('reads a folder only when it gets to it, so what was added meanwhile is yielded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-walk-'));
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    await writeFile(join(dir, 'a/1.json'), '1');
    const walk = walkFiles([dir]);
    expect(walk.next().value).toEqual({ path: join(dir, 'a/1.json'), size: 1 });
    await writeFile(join(dir, 'b/2.json'), '22');
    expect(walk.next().value).toEqual({ path: join(dir, 'b/2.json'), size: 2 });
    expect(walk.next().done).toBe(true);
  });
});
