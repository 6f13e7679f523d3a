import { formatTime } from '../format';
import { eventTitle } from './insight';
import { shortArn } from './shortArn';
import type { ColumnId, EventRow } from '../query/queryProtocol';

/**
 * How each choosable column is titled, sized and filled, and what a cell shows on hover when it
 * shows less than the whole (`whole`; else its value). The default columns' least widths add up to
 * what the listing has beside the detail pane in a 1360 px window with a 15 px scroll bar, with
 * times to the nanosecond; wider windows share the rest by the fr weights, and a cut value shows
 * whole on hover.
 */
export const COLUMNS: Record<ColumnId, { title: string; least: number; grow?: number; value(row: EventRow, zone: 'utc' | 'local'): string; whole?(row: EventRow): string; mono?: boolean }> = {
  time: { title: 'Time', least: 186, value: (row, zone) => formatTime(row.time, zone, row.timeFraction), mono: true },
  eventName: { title: 'Event', least: 134, grow: 1.2, value: eventTitle },
  eventSource: { title: 'Service', least: 80, grow: 0.5, value: (row) => row.eventSource.replace(/\.amazonaws\.com$/, ''), whole: (row) => row.eventSource },
  actor: { title: 'Actor', least: 110, grow: 2, value: (row) => shortArn(row.actor, row.account), whole: (row) => row.actor },
  actorType: { title: 'Actor type', least: 120, value: (row) => row.actorType },
  sourceIp: { title: 'Source IP', least: 126, grow: 0.6, value: (row) => row.sourceIp, mono: true },
  region: { title: 'Region', least: 110, grow: 0.4, value: (row) => row.region },
  account: { title: 'Account', least: 120, value: (row) => row.account, mono: true },
  errorCode: { title: 'Error', least: 104, grow: 0.8, value: (row) => row.errorCode },
  userAgent: { title: 'User agent', least: 160, grow: 1.2, value: (row) => row.userAgent },
  readOnly: { title: 'Read-only', least: 90, value: (row) => (row.readOnly === 1 ? 'yes' : row.readOnly === 0 ? 'no' : '') },
  annotation: { title: 'Tags and note', least: 200, grow: 2, value: (row) => annotationText(row.tags, row.note) },
};

/**
 * An event's tags and note on one line, as the listing's "Tags and note" column shows them, so that
 * the findings marked can be read down the listing rather than one event at a time:
 * `#attacker, #persistence · First line ⏎ second line` (each run of line breaks a ⏎).
 */
export function annotationText(tags: readonly string[], note: string): string {
  const said = note.trim().replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
  return [tags.map((tag) => `#${tag}`).join(', '), said].filter((part) => part !== '').join(' · ');
}

/** A monospace digit's advance at the listing's 12.5 px (0.602 em). */
const MONO_DIGIT_PX = 7.53;

/** The marks column's width, px: room for five marks a line, all eight an event can have on two (see rowMarks; the marks' style wraps them). */
const MARKS_PX = 50;

/**
 * A column's least width, in px, in a case whose times were written with at most `timeDigits`
 * fraction digits: the time column grows past milliseconds (a CloudTrail Lake export writes nanoseconds).
 */
export function leastWidth(id: ColumnId, timeDigits: number): number {
  const { least } = COLUMNS[id];
  return id === 'time' && timeDigits > 3 ? least + Math.ceil((timeDigits - 3) * MONO_DIGIT_PX) : least;
}

/**
 * The listing's grid tracks for the chosen columns (the marks column first), and the least width
 * of a row: rows are at least that wide, so that columns past the listing's edge are scrolled to
 * rather than cut off. The time column grows up to `timeHeaderWidth` (what its header needs whole,
 * with a long local zone name) where the window has room, ahead of the columns that share the rest.
 */
export function listingLayout(ids: readonly ColumnId[], timeDigits: number, timeHeaderWidth = 0): { gridTemplateColumns: string; minWidth: number } {
  const tracks = ids.map((id) => {
    const least = leastWidth(id, timeDigits);
    const { grow } = COLUMNS[id];
    if (id === 'time' && timeHeaderWidth > least) return `minmax(${least}px, ${timeHeaderWidth}px)`;
    return grow === undefined ? `${least}px` : `minmax(${least}px, ${grow}fr)`;
  });
  return { gridTemplateColumns: `${MARKS_PX}px ${tracks.join(' ')}`, minWidth: MARKS_PX + ids.reduce((sum, id) => sum + leastWidth(id, timeDigits), 0) };
}
