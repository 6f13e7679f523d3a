import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from '../../../../../main/ingest/formats/jsonDepth';

const nested = (depth: number): string => '{"a":'.repeat(depth - 1) + '[]' + '}'.repeat(depth - 1);

describe('nestedDeeperThan', () => {
  it('counts objects and arrays, the root included, up to the limit and past it', () => {
    expect([nested(1), nested(5), nested(6)].map((text) => nestedDeeperThan(text, 5))).toEqual([false, false, true]);
    expect(nestedDeeperThan('[[[[[[]]]]]]', 5)).toBe(true);
    expect(nestedDeeperThan('[[[[[]]]]]', 5)).toBe(false);
  });

  it('passes over brackets inside strings, escaped quotes included, and many brackets side by side', () => {
    expect(nestedDeeperThan(`{"s":"${'[{'.repeat(50)}\\"${'[{'.repeat(50)}","t":1}`, 5)).toBe(false);
    expect(nestedDeeperThan(`{"s":"\\\\","x":${'['.repeat(5)}${']'.repeat(5)}}`, 5)).toBe(true);
    expect(nestedDeeperThan(`[${'{},'.repeat(100)}[]]`, 2)).toBe(false);
  });
});
