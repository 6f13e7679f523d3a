import { describe, expect, it } from 'vitest';
import { cycledFocus } from '../../../renderer/ui/focusCycle';

describe('focus kept inside a modal', () => {
  it('goes round its controls both ways', () => {
    expect([0, 1, 2].map((from) => cycledFocus(3, from, false))).toEqual([1, 2, 0]);
    expect([0, 1, 2].map((from) => cycledFocus(3, from, true))).toEqual([2, 0, 1]);
    expect([cycledFocus(1, 0, false), cycledFocus(1, 0, true)]).toEqual([0, 0]);
  });

  it('comes back to the first control (Tab) or the last (Shift+Tab) from outside them, and has nowhere to go without any', () => {
    expect([cycledFocus(2, -1, false), cycledFocus(2, -1, true)]).toEqual([0, 1]);
    expect([cycledFocus(0, -1, false), cycledFocus(0, -1, true)]).toEqual([-1, -1]);
  });
});
