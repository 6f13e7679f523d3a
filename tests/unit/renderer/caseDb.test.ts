import { describe, expect, it } from 'vitest';
import { textsOf } from '../../../renderer/db/caseDb';
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
