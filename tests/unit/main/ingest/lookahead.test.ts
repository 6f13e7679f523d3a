import { describe, expect, it } from 'vitest';
import { Lookahead } from '../../../../main/ingest/lookahead';
import type { ListedFile } from '../../../../main/ingest/walkFiles';

const settled = () => new Promise((resolve) => setImmediate(resolve));
const fileOf = (n: number): ListedFile => ({ path: `/f${n}`, size: n });

/** A walk of `count` files that tells how many it has given, and fails at `failAt` if given. */
function source(count: number, failAt?: number) {
  const given = { count: 0 };
  function* files(): Generator<ListedFile> {
    for (let n = 0; n < count; n++) {
      if (n === failAt) throw new Error('walk failed');
      given.count++;
      yield fileOf(n);
    }
  }
  return { given, files: files() };
}

describe('Lookahead', () => {
  it('gives the files in order with their places, fetching at most `room` from the one the job is at', async () => {
    const { given, files } = source(10);
    const lookahead = new Lookahead(files, 3, () => undefined);
    await settled();
    expect(given.count).toBe(3);
    const taken: [number, ListedFile][] = [];
    const fetchedAt: number[] = [];
    for await (const entry of lookahead.entries()) {
      taken.push(entry);
      await settled();
      fetchedAt.push(given.count);
    }
    expect(taken).toEqual([...Array(10).keys()].map((n) => [n, fileOf(n)]));
    expect(fetchedAt).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 10, 10]);
  });

  it('lets the pool look at each file once, as it arrives or later, never at one the job is past', async () => {
    const { files } = source(6);
    const looked: number[] = [];
    let looking = false;
    const lookahead = new Lookahead(files, 4, () => {
      for (let found = looking && lookahead.look(); found; found = lookahead.look()) looked.push(found[0]);
    });
    const entries = lookahead.entries()[Symbol.asyncIterator]();
    expect((await entries.next()).value).toEqual([0, fileOf(0)]);
    expect((await entries.next()).value).toEqual([1, fileOf(1)]);
    await settled();
    // Files 1 to 4 were fetched, unseen: the next to look at is the job's.
    expect(lookahead.get(0)).toBeUndefined();
    expect(lookahead.get(4)).toEqual(fileOf(4));
    looking = true;
    expect(lookahead.look()).toEqual([1, fileOf(1)]);
    expect(lookahead.look()).toEqual([2, fileOf(2)]);
    expect((await entries.next()).value).toEqual([2, fileOf(2)]);
    expect((await entries.next()).value).toEqual([3, fileOf(3)]);
    await settled();
    expect(looked).toEqual([3, 4, 5]);
    expect(lookahead.look()).toBeUndefined();
  });

  it('ends with the error of a failing walk, after the files before it', async () => {
    const { files } = source(5, 2);
    const lookahead = new Lookahead(files, 3, () => undefined);
    const taken: number[] = [];
    await expect(
      (async () => {
        for await (const [place] of lookahead.entries()) taken.push(place);
      })(),
    ).rejects.toThrow('walk failed');
    expect(taken).toEqual([0, 1]);
  });

  it('stops fetching when closed', async () => {
    const { given, files } = source(10);
    const lookahead = new Lookahead(files, 2, () => undefined);
    await settled();
    lookahead.close();
    const taken: number[] = [];
    for await (const [place] of lookahead.entries()) taken.push(place);
    await settled();
    expect([taken, given.count]).toEqual([[0, 1], 2]);
  });
});
