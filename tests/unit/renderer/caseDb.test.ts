import { describe, expect, it } from 'vitest';
import { dictionaryCounts, textsOf, type DictionaryChunk } from '../../../renderer/db/caseDb';
import { packTexts } from '../../../main/ingest/packTexts';

describe("a segment's texts", () => {
  it('come back in row order from the packed blocks of its batches', async () => {
    expect(await textsOf({ id: 3, blocks: [packTexts(['{"a":1}', '{"b":"é"}']), packTexts([]), packTexts(['{"c":3}'])] })).toEqual(['{"a":1}', '{"b":"é"}', '{"c":3}']);
  });

  it('come back as they are from a case stored before texts were packed', async () => {
    expect(await textsOf({ id: 0, texts: ['{"a":1}', '{"b":2}'] })).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('are none for a segment with no texts record', async () => {
    expect(await textsOf(undefined)).toEqual([]);
  });
});

describe('dictionaryCounts', () => {
  const chunk = (segment: number, field: DictionaryChunk['field'], firstId: number, values: string[], ids: number[], counts: number[]): DictionaryChunk => ({ segment, field, firstId, values, ids: Uint32Array.from(ids), counts: Uint32Array.from(counts) });
  const chunks = [chunk(0, 'region', 0, ['us-east-1', 'eu-west-1'], [0, 1], [5, 2]), chunk(1, 'region', 2, ['ap-south-1'], [1, 2], [3, 1]), chunk(1, 'eventName', 0, ['StopLogging'], [0], [4]), chunk(2, 'region', 3, ['sa-east-1'], [0, 3], [1, 6])];

  it("sums each value's uses over the chunks of the segments held, leaving a later segment's for when it is", () => {
    const counts = dictionaryCounts(chunks, 1);
    expect([...counts.region]).toEqual([5, 5, 1]);
    expect([...counts.eventName]).toEqual([4]);
    expect([...counts.actor]).toEqual([]);
  });

  it('adds the chunks of the segments caught up with to the counts held', () => {
    const counts = dictionaryCounts(chunks.slice(3), 2, dictionaryCounts(chunks, 1));
    expect([...counts.region]).toEqual([6, 5, 1, 6]);
    expect([...counts.eventName]).toEqual([4]);
  });
});
