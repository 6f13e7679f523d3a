/**
 * Where a row of the listing stands in its scrolled viewport: rows are `rowHeight` high from the
 * top of the body, and the header, one row high, covers the viewport's top.
 */
interface Viewport {
  top: number;
  height: number;
}

/** Whether the row at `position` is wholly in view, below the header. */
export const rowInView = (position: number, { top, height }: Viewport, rowHeight: number): boolean =>
  position * rowHeight >= top && (position + 1) * rowHeight <= top + height - rowHeight;

/** The scroll, nearest `top`, that shows the row at `position` whole below the header. */
export function topShowing(position: number, { top, height }: Viewport, rowHeight: number): number {
  const headerless = height - rowHeight;
  if (position * rowHeight < top) return position * rowHeight;
  if ((position + 1) * rowHeight > top + headerless) return (position + 1) * rowHeight - headerless;
  return top;
}
