import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { counted } from '../../shared/counted';
import { printable, printableValue } from '../../shared/printable';
import { changeView, query } from '../cases/caseSession';
import { formatCount } from '../format';
import { nameOnlyNote } from '../query/iamUserAliases';
import { listedBy, type ExplorerView, type OfferedValue, type OfferedValues } from '../query/queryProtocol';
import { useCairn } from '../store';
import { LISTING_ID } from './EventTable';
import { fieldName } from './fieldNames';
import { pivotedFilters } from './pivotedFilters';

/** How many values are offered at once: type more to see others. */
const SUGGESTIONS = 10;
const LIST_ID = 'found-values';
const optionId = (k: number): string => `found-value-${k}`;
/** A value as offered, field and value: what stays chosen while the list is answered again. */
const keyOf = ({ field, value }: OfferedValue): string => `${field}:${value}`;

/** An answer of the query worker, for the text it was asked about, or why there is none. */
type Answer = { text: string } & (OfferedValues | { error: string });

/**
 * A box finding the case's values as they are typed (event names, services, actors, addresses,
 * keys… with how many events hold each, the best first; see ValueFinder), without first finding an
 * event holding one. Picking a value (Enter, a click) filters the listing on it as a pivot would: in
 * place of a filter on the same field, beside the others and the Show choice. An ARIA combobox:
 * ↑ ↓ choose, Enter picks, Escape closes the list, then empties the box.
 */
export function FindValue({ caseDb, view }: { caseDb: string; view: ExplorerView }) {
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  /** The value chosen with ↑ ↓ or the mouse (null: the first), kept by value: an import's new counts can reorder the list under it. */
  const [chosen, setChosen] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const asked = useRef(0);
  const box = useRef<HTMLInputElement>(null);
  // `/` or Ctrl+F (⌘F) from anywhere but a field being typed in puts the keyboard in the box.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      const typing = event.target instanceof HTMLElement && (event.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName));
      const find = (event.key === 'f' && (event.ctrlKey || event.metaKey) && !event.altKey) || (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey);
      if (!find || event.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      box.current!.focus();
      box.current!.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  /** The text Enter was pressed on before its values were found: the best of them is picked once they are. */
  const pickOnAnswer = useRef<string | null>(null);
  // While an import runs, the case's values grow: the text is searched again as they do, while the list is open.
  const events = useCairn((state) => state.overview?.count);
  useEffect(() => {
    const ask = ++asked.current;
    if (text.trim() === '' || !open) {
      if (text.trim() === '') setAnswer(null);
      return;
    }
    const answered = (found: Answer): void => {
      if (ask !== asked.current) return;
      setAnswer(found);
    };
    query.ask({ type: 'findValues', caseDb, text, limit: SUGGESTIONS }).then(
      (found) => found && answered({ text, ...found }),
      (error: Error) => answered({ text, error: error.message }),
    );
  }, [caseDb, text, events, open]);

  const values = answer && 'values' in answer ? answer.values : [];
  const shown = open && text.trim() !== '' && answer !== null;
  const listed = shown && values.length > 0;
  const active = Math.max(0, values.findIndex((entry) => keyOf(entry) === chosen));

  const pick = (entry: OfferedValue): void => {
    pickOnAnswer.current = null;
    changeView({ filters: pivotedFilters(view.filters, [{ field: entry.field, value: entry.value }]) });
    setText('');
    setOpen(false);
    document.getElementById(LISTING_ID)?.focus();
  };

  // Enter typed ahead of the answer picks the best value once it comes (none found: nothing is picked).
  useEffect(() => {
    if (answer === null || answer.text !== pickOnAnswer.current) return;
    pickOnAnswer.current = null;
    if ('values' in answer && answer.values[0]) pick(answer.values[0]);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (values.length > 0) setChosen(keyOf(values[(active + step + values.length) % values.length]!));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Only a value found for the text as it now reads: an answer for what was typed before may still be shown.
      const entry = answer?.text === text ? values[active] : undefined;
      if (listed && entry) pick(entry);
      else if (answer?.text !== text && text.trim() !== '') pickOnAnswer.current = text;
    } else if (event.key === 'Escape' && (open || text !== '')) {
      event.preventDefault();
      event.stopPropagation();
      if (open) setOpen(false);
      else setText('');
    }
  };

  return (
    <div
      className="find-value"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <input
        type="text"
        role="combobox"
        ref={box}
        aria-label="Find a value"
        aria-keyshortcuts="/ Control+F"
        placeholder="Find a value… (/)"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={listed}
        aria-controls={listed ? LIST_ID : undefined}
        aria-activedescendant={listed ? optionId(active) : undefined}
        value={text}
        onChange={(event) => {
          pickOnAnswer.current = null;
          setText(event.target.value);
          setChosen(null);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {shown && (
        <div className="found-popup">
          {listed ? (
            <ul role="listbox" id={LIST_ID} aria-label="Values of this case">
              {values.map((entry, k) => {
                const value = printableValue(entry.value);
                return (
                  <li
                    role="option"
                    id={optionId(k)}
                    key={keyOf(entry)}
                    aria-selected={k === active}
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseMove={() => setChosen(keyOf(entry))}
                    onClick={() => pick(entry)}
                  >
                    <span className="found-field">{fieldName(entry.field, entry.value)}</span>{' '}
                    <span className="found-text mono" title={value}>
                      {value}
                    </span>{' '}
                    <span className="found-count" title={entry.also && printable(`${counted(entry.count, 'event', formatCount(entry.count))} under this ARN, ${nameOnlyNote(entry.also)}`)}>
                      {counted(listedBy(entry), 'event', formatCount(listedBy(entry)))}
                    </span>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="found-none" role="status">
              {'error' in answer ? `Cannot search the values: ${answer.error}` : 'No value of this case matches'}
            </p>
          )}
          {'matching' in answer && answer.matching > values.length && (
            <p className="found-more">{`${formatCount(answer.matching - values.length)} more ${answer.matching - values.length === 1 ? 'value matches' : 'values match'}: type more of it`}</p>
          )}
        </div>
      )}
    </div>
  );
}
