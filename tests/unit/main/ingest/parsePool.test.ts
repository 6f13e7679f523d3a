import { describe, expect, it } from 'vitest';
import { defaultParseThreads } from '../../../../main/ingest/parsePool';

describe('default parse threads', () => {
  it('uses one per core, minus those kept spare, at least one and at most two (each adds about 40 MB)', () => {
    const cases: [cores: number, spare: number][] = [[1, 0], [2, 0], [16, 0], [1, 1], [2, 1], [3, 1], [16, 1]];
    expect(cases.map(([cores, spare]) => defaultParseThreads(cores, spare))).toEqual([1, 2, 2, 1, 1, 2, 2]);
  });
});
