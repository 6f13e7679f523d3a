import { describe, expect, it } from 'vitest';
import { lineIndent } from '../../../renderer/explorer/lineIndent';

describe('lineIndent', () => {
  it('counts the columns a line’s leading spaces and tabs take, a tab to the next multiple of 8', () => {
    expect(['{', '  "a": 1', '          "instanceId": "i-0abc"', '\t"a"', '   \t"a"', ' \t \t"a"', '    ', ''].map(lineIndent)).toEqual([0, 2, 10, 8, 8, 16, 4, 0]);
  });
});
