/**
 * Where Tab (or Shift+Tab, `backwards`) takes the keyboard among a modal's `count` controls from
 * the one at `from` (-1 when none of them has it): round from the last to the first and back,
 * never out of the modal.
 */
export function cycledFocus(count: number, from: number, backwards: boolean): number {
  if (count === 0) return -1;
  if (from < 0) return backwards ? count - 1 : 0;
  return (from + (backwards ? count - 1 : 1)) % count;
}
