import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { EVENT_FLAGS } from '../../shared/event';
import { printableValue } from '../../shared/printable';
import { changeView, listingPlace, query, rememberReading } from '../cases/caseSession';
import { localZoneName } from '../format';
import { isNarrowed, type EventRow, type ExplorerView } from '../query/queryProtocol';
import { useCairn } from '../store';
import { COLUMNS, listingLayout } from './columns';
import { listingCount, noEventsListed } from './listingCount';
import { rowInView, topShowing } from './rowInView';
import { rowMarks } from './rowMarks';

export const ROW_HEIGHT = 28;
const PAGE = 100;
/**
 * Rows drawn beyond the visible ones. Few: each drawn row costs layout and text shaping in the
 * frame that shows it (80 rows took ~30 ms a frame on a 2-core machine; 30 take a third of that).
 */
const DRAWN_MARGIN = 6;
/** Rows read beyond the visible ones, so that scrolling finds them ready and rarely shows blanks. */
const READ_MARGIN = 150;

/** The listing's focusable element: the detail pane hands focus back to it (Escape). */
export const LISTING_ID = 'event-listing';
/** The detail pane's element: Enter on the listing moves focus into it. */
export const DETAIL_ID = 'event-detail';

/** Whether `row` is the selected event: the selection is an event, wherever the listing puts it. */
const isSelected = (selected: EventRow | null, row: EventRow): boolean => selected !== null && selected.segment === row.segment && selected.row === row.row;

/**
 * The case's events as a virtualized grid: only the rows in view (and a margin) exist, read a
 * page at a time from the query worker, so a million events scroll like a hundred. Arrow keys,
 * Page Up/Down, Home and End move the selection; Enter moves focus into the detail pane and Escape
 * clears the selection. When the listing is read again (new events, new
 * marks under a marks filter) the selection follows its event, kept in view; an event the listing
 * no longer holds is deselected, so the detail pane never shows another event than the highlighted row.
 * Read again because events were added (`grew`: an import running or ended), it keeps its place
 * and its rows until the new ones come, so that a listing read every few seconds does not flicker.
 * It takes the keyboard focus when nothing else holds it (a case opened, an import ended). While the
 * case's import runs (`importing`), its footer says the count is of the events listed so far.
 */
export function EventTable({ caseDb, view, version, grew = false, importing = false, marksVersion, timeDigits, selected, onSelect }: { caseDb: string; view: ExplorerView; version: number; grew?: boolean; importing?: boolean; marksVersion: number; timeDigits: number; selected: EventRow | null; onSelect(row: EventRow | null): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  /** The viewport as last drawn: what was in view before a resize. */
  const viewportNow = useRef(viewport);
  viewportNow.current = viewport;
  const [pages, setPages] = useState(new Map<number, EventRow[]>());
  const [total, setTotal] = useState<number | null>(null);
  /** What the footer says `total` is of: how many in the case, as the worker counted them in the same answer (see listingCount). */
  const [totalOf, setTotalOf] = useState({ inCase: 0, narrowed: false, csvRows: 0 });
  const requested = useRef(new Map<number, Promise<EventRow[]>>());
  const current = useRef(version);
  const selectedNow = useRef(selected);
  selectedNow.current = selected;
  /** Where to scroll once the new listing's height is laid out (a followed selection's place). */
  const [pendingTop, setPendingTop] = useState<number | null>(null);

  const page = useCallback(
    (n: number): Promise<EventRow[]> => {
      let pending = requested.current.get(n);
      if (!pending) {
        const asked = version;
        pending = query.ask({ type: 'rows', caseDb, query: view, offset: n * PAGE, limit: PAGE }).then((result) => {
          if (current.current === asked) {
            setTotal(result.total);
            setTotalOf({ inCase: result.inCase, narrowed: isNarrowed(view), csvRows: result.csvRowsOfFull });
            useCairn.getState().set({ nameOnly: result.nameOnly });
            setPages((loaded) => new Map(loaded).set(n, result.rows));
          }
          return result.rows;
        });
        requested.current.set(n, pending);
      }
      return pending;
    },
    // The view's listing fields (filters, order, marks) change only together with `version`.
    [caseDb, version],
  );

  const timeLabel = useRef<HTMLSpanElement>(null);
  /** The time column's width with its header whole: its label's text, however much of it is cut, beside the rest of the column. */
  const [timeHeaderWidth, setTimeHeaderWidth] = useState(0);
  useLayoutEffect(() => {
    const label = timeLabel.current;
    if (!label) return;
    const text = document.createRange();
    text.selectNodeContents(label);
    const column = label.closest('[role="columnheader"]')!.getBoundingClientRect().width;
    setTimeHeaderWidth(Math.ceil(column - label.getBoundingClientRect().width + text.getBoundingClientRect().width));
  }, [view.zone]);

  /** The row at a position the listing holds, read if need be. */
  const rowAt = async (position: number): Promise<EventRow | undefined> => (await page(Math.floor(position / PAGE)))[position % PAGE];

  /**
   * Selects `followed` again where the new listing puts it, as far down the view as it was when the
   * listing was scrolled to `top`; deselects it if the listing no longer holds it.
   */
  const follow = async (followed: EventRow, top: number): Promise<void> => {
    const element = scroller.current!;
    const onScreen = Math.max(0, Math.min(element.clientHeight - 2 * ROW_HEIGHT, followed.position * ROW_HEIGHT - top));
    const position = await query.ask({ type: 'locate', caseDb, query: view, segment: followed.segment, row: followed.row });
    const row = position === null ? undefined : await rowAt(position);
    // A newer listing or another selection has taken over meanwhile.
    if (current.current !== version || !isSelected(selectedNow.current, followed)) return;
    onSelect(row ?? null);
    setPendingTop(row ? row.position * ROW_HEIGHT - onScreen : 0);
  };

  // Drawn again (the case reopened, back from the evidence tab), the listing returns to where it was left.
  const returning = useRef(true);
  useEffect(() => {
    current.current = version;
    requested.current = new Map();
    const keep = grew && !returning.current;
    if (!keep) {
      setPages(new Map());
      setTotal(null);
    }
    const top = returning.current ? listingPlace.top : scroller.current!.scrollTop;
    if (selectedNow.current) void follow(selectedNow.current, top);
    else if (returning.current) setPendingTop(top);
    else if (!keep) scroller.current?.scrollTo({ top: 0 });
    returning.current = false;
    // Focus left on the page's body (the button that opened the case is gone): the arrows work at once.
    if (document.activeElement === null || document.activeElement === document.body) scroller.current?.focus({ preventScroll: true });
    void page(0);
  }, [page, version]);

  useLayoutEffect(() => {
    if (pendingTop === null || total === null) return;
    const element = scroller.current!;
    element.scrollTop = pendingTop;
    setPendingTop(null);
    setViewport({ top: element.scrollTop, height: element.clientHeight });
  }, [pendingTop, total]);

  useLayoutEffect(() => {
    const element = scroller.current!;
    const observer = new ResizeObserver(() => {
      // The selected row, if it was in view, stays in view; one scrolled away by the user stays away.
      const row = selectedNow.current;
      if (row && rowInView(row.position, viewportNow.current, ROW_HEIGHT)) element.scrollTop = topShowing(row.position, { top: element.scrollTop, height: element.clientHeight }, ROW_HEIGHT);
      setViewport({ top: element.scrollTop, height: element.clientHeight });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const count = total ?? 0;
  /** The rows of a viewport and a margin around them. */
  const span = (top: number, height: number, margin: number) => [Math.max(0, Math.floor(top / ROW_HEIGHT) - margin), Math.min(count, Math.ceil((top + height) / ROW_HEIGHT) + margin)] as const;
  const readPages = (from: number, to: number) => {
    for (let n = Math.floor(from / PAGE); n <= Math.floor(Math.max(from, to - 1) / PAGE); n++) void page(n);
  };
  const [first, last] = span(viewport.top, viewport.height, DRAWN_MARGIN);
  const [readFrom, readTo] = span(viewport.top, viewport.height, READ_MARGIN);
  useEffect(() => readPages(readFrom, readTo), [readFrom, readTo, page]);

  // New marks: forget what was read, so the rows in view are read again where they are.
  const seenMarks = useRef(marksVersion);
  useEffect(() => {
    if (seenMarks.current === marksVersion) return;
    seenMarks.current = marksVersion;
    requested.current = new Map();
    readPages(readFrom, readTo);
  }, [marksVersion]); // Only a change of marks: scrolling is handled above.

  const select = async (position: number): Promise<void> => {
    const target = Math.max(0, Math.min(count - 1, position));
    const row = await rowAt(target);
    if (!row) return;
    onSelect(row);
    const element = scroller.current!;
    element.scrollTop = topShowing(target, { top: element.scrollTop, height: element.clientHeight }, ROW_HEIGHT);
    // Drawn in the same render as the selection, not a frame later when the scroll event comes.
    setViewport({ top: element.scrollTop, height: element.clientHeight });
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && selected) {
      event.preventDefault();
      onSelect(null);
      return;
    }
    if (event.key === 'Enter' && selected) {
      event.preventDefault();
      document.getElementById(DETAIL_ID)?.focus();
      return;
    }
    const visible = Math.max(1, Math.floor(viewport.height / ROW_HEIGHT) - 2);
    const from = selected?.position ?? -1;
    const moves: Record<string, number> = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + visible, PageUp: from - visible, Home: 0, End: count - 1 };
    if (!(event.key in moves) || count === 0) return;
    event.preventDefault();
    void select(moves[event.key]!);
  };

  const layout = listingLayout(view.columns, timeDigits, timeHeaderWidth);
  /** An empty listing says so in its body, and how to widen it: the footer's `0 of …` alone is easily missed. */
  const none = total === 0 ? noEventsListed(view) : null;
  const rows: EventRow[] = [];
  for (let position = first; position < last; position++) {
    const row = pages.get(Math.floor(position / PAGE))?.[position % PAGE];
    if (row) rows.push(row);
  }

  return (
    <div className="event-table">
      {/* The grid is the element that takes the keys: its rows are its own, not a wrapper's. */}
      <div
        className={none ? 'grid-scroll grid-none' : 'grid-scroll'}
        ref={scroller}
        id={LISTING_ID}
        role="grid"
        aria-label="Events"
        aria-rowcount={count + 1}
        aria-multiselectable="false"
        tabIndex={0}
        aria-keyshortcuts="ArrowUp ArrowDown PageUp PageDown Home End Enter Escape"
        onKeyDown={onKeyDown}
        onScroll={(event) => {
          const { scrollTop, clientHeight } = event.currentTarget;
          // Asked now rather than after the next render: the rows arrive a frame sooner.
          readPages(...span(scrollTop, clientHeight, READ_MARGIN));
          setViewport({ top: scrollTop, height: clientHeight });
          listingPlace.top = scrollTop;
          rememberReading();
        }}
      >
        <div className="grid-header" role="row" aria-rowindex={1} style={layout}>
          <span role="columnheader">
            <span className="visually-hidden">Marks</span>
          </span>
          {view.columns.map((id) =>
            id === 'time' ? (
              <span role="columnheader" key={id} aria-sort={view.order === 'asc' ? 'ascending' : 'descending'}>
                <button
                  type="button"
                  className="sort"
                  onClick={() => changeView({ order: view.order === 'asc' ? 'desc' : 'asc' })}
                  title={view.zone === 'utc' ? 'Change the order' : `Change the order. Times in this machine's zone, ${localZoneName()}; the detail gives each event's UTC offset`}
                >
                  {/* A long zone name gives way, not the order's arrow. */}
                  <span className="sort-label" ref={timeLabel}>Time ({view.zone === 'utc' ? 'UTC' : localZoneName()})</span> <span>{view.order === 'asc' ? '▲' : '▼'}</span>
                </button>
              </span>
            ) : (
              <span role="columnheader" key={id}>
                {COLUMNS[id].title}
              </span>
            ),
          )}
        </div>
        <div className="grid-body" style={{ height: count * ROW_HEIGHT }}>
          {rows.map((row) => (
            <div
              key={row.position}
              role="row"
              aria-rowindex={row.position + 2}
              aria-selected={isSelected(selected, row)}
              className={`grid-row${row.flags & EVENT_FLAGS.conflict ? ' conflict' : ''}${row.errorCode ? ' failed' : ''}${isSelected(selected, row) ? ' selected' : ''}`}
              style={{ ...layout, top: row.position * ROW_HEIGHT }}
              onClick={() => void select(row.position)}
            >
              <span role="gridcell" className="marks">
                {rowMarks(row).map(({ symbol, meaning, error }) => (
                  <span role="img" key={symbol} className={error ? 'mark-error' : undefined} aria-label={meaning} title={meaning}>
                    {symbol}
                  </span>
                ))}
              </span>
              {view.columns.map((id) => {
                const column = COLUMNS[id];
                const value = printableValue(column.value(row, view.zone));
                return (
                  <span role="gridcell" key={id} className={`${column.mono ? 'mono' : ''} col-${id}`} title={column.whole ? printableValue(column.whole(row)) : value}>
                    {value || '—'}
                  </span>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      {/* Beside the grid, not in it: a status is none of a grid's rows. */}
      {none && (
        <div className="listing-none" role="status">
          <p>{none.said}</p>
          {none.widen && <p>{none.widen}</p>}
        </div>
      )}
      <div className="grid-footer" data-testid="listing-count">
        {total === null ? 'Reading…' : listingCount(total, totalOf.inCase, totalOf.narrowed, totalOf.csvRows, importing)}
      </div>
    </div>
  );
}
