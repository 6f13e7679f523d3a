import { useEffect, useRef, useState } from 'react';
import { changeView } from '../cases/caseSession';
import { COLUMN_IDS, filterSlot, isNarrowed, isParamFilter, isTagFilter, isTextFilter, type EventQuery, type ExplorerView, type Filter, type MarkedFilter } from '../query/queryProtocol';
import { textScalar } from '../../shared/lakeValue';
import { capitalized, listed } from '../../shared/listed';
import { printable, printableValue } from '../../shared/printable';
import { COLUMNS } from './columns';
import { formatParamPath, formatParamValue } from './flattenParams';
import { fieldName } from './fieldNames';
import { FindValue } from './FindValue';
import { LISTING_ID } from './EventTable';
import { SHOW_CHOICES, shownLabel } from './showChoices';
import { nameOnlyNote, type NameOnlyEvents } from '../query/iamUserAliases';
import { useCairn } from '../store';

/**
 * A chip's name and value, printable (a value from the evidence with its ends shown, see printableValue; parameter and response values as JSON, so `"1"` and `1` differ, a CSV row's number or boolean as both, `3600 or "3600"`); long values are cut by the chip's width.
 * An actor pivot on an IAM user's ARN that also lists events naming the user without it (`nameOnly`) says so after the ARN.
 */
function describeFilter(filter: Filter, nameOnly: readonly NameOnlyEvents[] = []): { name: string; value: string; note?: string } {
  if (isParamFilter(filter)) {
    const { of, path, value, asText } = filter;
    // A CSV row's text that reads as a number or boolean matches both: the chip says so.
    const either = asText && typeof value === 'string' && textScalar(value) !== undefined;
    return { name: `${of === 'responseElements' ? 'Response' : 'Parameter'} ${formatParamPath(path)}`, value: either ? `${printable(value)} or ${formatParamValue(value)}` : formatParamValue(value) };
  }
  if (isTextFilter(filter)) return { name: 'Shared event ID', value: printableValue(filter.value) };
  if (isTagFilter(filter)) return { name: 'Tag', value: printable(filter.value) };
  const name = fieldName(filter.field, filter.value);
  const taken = filter.field === 'actor' ? nameOnly.find(({ user }) => user.arn === filter.value) : undefined;
  const note = taken && printable(nameOnlyNote(taken));
  return { name, value: printableValue(filter.value) || '(empty)', ...(note ? { note } : {}) };
}

/** The listing's filters as their chips name them (`Actor`, `Source IP`, `Parameter userName`), in their order. */
export const filterNames = (filters: readonly Filter[]): string[] => filters.map((filter) => describeFilter(filter).name);

/** What a button widening the listing from `view` to `widened` (its filters fewer, its Show choice kept or all) says it does before selecting an event. */
export function revealLabel(view: EventQuery, widened: EventQuery): string {
  if (!isNarrowed(widened)) return 'Show all events and select it';
  const kept = new Set(widened.filters.map(filterSlot));
  const names = view.filters.filter((filter) => !kept.has(filterSlot(filter))).map((filter) => describeFilter(filter).name);
  const steps = [...(names.length > 0 ? [`remove the ${listed(names)} filter${names.length > 1 ? 's' : ''}`] : []), ...(widened.marked !== view.marked ? ['show all events'] : [])];
  return `${capitalized(listed(steps))}, then select it`;
}

/**
 * The listing's columns to choose, as a menu that closes as a menu does: on Escape (focus back to
 * its button), on a click outside it, and when focus leaves it.
 */
function ColumnsMenu({ view }: { view: ExplorerView }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent): void => {
      if (!menu.current!.contains(event.target as Node)) menu.current!.open = false;
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  return (
    <details
      className="column-menu"
      ref={menu}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !event.currentTarget.open) return;
        event.preventDefault();
        event.currentTarget.open = false;
        event.currentTarget.querySelector('summary')!.focus();
      }}
      onBlur={(event) => {
        // Only to another control: the window losing focus is not leaving the menu.
        if (event.relatedTarget && !event.currentTarget.contains(event.relatedTarget)) event.currentTarget.open = false;
      }}
    >
      <summary>Columns</summary>
      <div className="column-options">
        {COLUMN_IDS.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={view.columns.includes(id)}
              disabled={id === 'time'}
              onChange={(event) => changeView({ columns: event.target.checked ? COLUMN_IDS.filter((c) => c === id || view.columns.includes(c)) : view.columns.filter((c) => c !== id) })}
            />
            {COLUMNS[id].title}
          </label>
        ))}
      </div>
    </details>
  );
}

/** A box finding the case's values to filter on, the listing's conditions as removable chips (a Show choice beside filters among them), which events to show, and how to show them. */
export function FilterBar({ caseDb, view }: { caseDb: string; view: ExplorerView }) {
  const nameOnly = useCairn((state) => state.nameOnly);
  const chips = useRef<HTMLDivElement>(null);
  /** Where the keyboard goes once a removed chip has gone: the chip that took its place, else the one before, else the listing. */
  const focusAfterRemoval = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAfterRemoval.current;
    if (at === null) return;
    focusAfterRemoval.current = null;
    const buttons = chips.current?.querySelectorAll<HTMLButtonElement>('.chip button') ?? [];
    (buttons[Math.min(at, buttons.length - 1)] ?? document.getElementById(LISTING_ID))?.focus();
  }, [view.filters]);
  return (
    <div className="filter-bar" role="toolbar" aria-label="Listing">
      <FindValue caseDb={caseDb} view={view} />
      <div className="chips" aria-label="Filters" ref={chips}>
        {view.filters.length === 0 && <span className="muted">{shownLabel(view.marked)}</span>}
        {view.filters.map((filter, index) => {
          const { name, value, note } = describeFilter(filter, nameOnly);
          return (
            <span className={note ? 'chip with-note' : 'chip'} key={filterSlot(filter)}>
              {name}:{' '}
              <span className="mono" title={value}>
                {value}
              </span>
              {note && (
                <span className="chip-note" title={`${value}, ${note}`}>
                  {note}
                </span>
              )}
              <button
                type="button"
                aria-label={`Remove filter ${name}`}
                onClick={() => {
                  focusAfterRemoval.current = index;
                  changeView({ filters: view.filters.filter((f) => f !== filter) });
                }}
              >
                ×
              </button>
            </span>
          );
        })}
        {/* Beside a filter, a Show choice narrows the filter's events: a chip says so, and widens back to all of them in one click. */}
        {view.filters.length > 0 && view.marked !== 'all' && (
          <span className="chip">
            Show only: {SHOW_CHOICES[view.marked]}
            <button
              type="button"
              aria-label={`Show all events, not only ${SHOW_CHOICES[view.marked]}`}
              onClick={() => {
                changeView({ marked: 'all' });
                document.getElementById(LISTING_ID)?.focus();
              }}
            >
              ×
            </button>
          </span>
        )}
      </div>
      <label>
        Show{' '}
        <select value={view.marked} onChange={(event) => changeView({ marked: event.target.value as MarkedFilter })}>
          {Object.entries(SHOW_CHOICES).map(([choice, name]) => (
            <option key={choice} value={choice}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => changeView({ zone: view.zone === 'utc' ? 'local' : 'utc' })} title="Switch between UTC and this machine's time zone">
        {view.zone === 'utc' ? 'Times in UTC' : 'Times in local time'}
      </button>
      <ColumnsMenu view={view} />
    </div>
  );
}
