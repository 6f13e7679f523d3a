/** Columns a tab advances to the next multiple of, as the JSON box draws it (CSS's default tab-size). */
const TAB_STOP = 8;

/** How many columns `line`'s leading spaces and tabs take as drawn: where its text starts. */
export function lineIndent(line: string): number {
  let columns = 0;
  for (const character of line) {
    if (character === ' ') columns += 1;
    else if (character === '\t') columns += TAB_STOP - (columns % TAB_STOP);
    else break;
  }
  return columns;
}
