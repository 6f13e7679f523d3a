import { useEffect, useRef, useState } from 'react';
import { csvRowsOfFullEvents } from '../../shared/counted';
import { printable } from '../../shared/printable';
import { formatBytes, formatCount, formatDuration, formatTime } from '../format';
import { useCairn } from '../store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { SortHeader, type SortColumn } from '../ui/SortHeader';
import { nameTakenNote, toldApart } from './caseNamesakes';
import { caseDuration, sortCases, type CaseSortKey } from './caseOrder';
import type { CaseInfo } from './caseRegistry';
import { closedCase, newCase, openCase, removeCase, renameCase, sortCasesBy } from './caseSession';

/** The start screen's columns, each of which orders the cases by what it shows (the time span by its start). */
const COLUMNS: SortColumn<CaseSortKey>[] = [
  { key: 'name', title: 'Case', hint: 'Order by name' },
  { key: 'events', title: 'Events', hint: 'Order by the number of events', numeric: true },
  { key: 'start', title: 'Time span (UTC)', hint: "Order by the earliest event's time" },
  { key: 'duration', title: 'Duration', hint: 'Order by how long the events span', numeric: true },
  { key: 'evidence', title: 'Evidence', hint: 'Order by the number of evidence files', numeric: true },
  { key: 'created', title: 'Created (UTC)', hint: 'Order by when the case was created' },
  { key: 'lastOpened', title: 'Last opened (UTC)', hint: 'Order by when the case was last opened' },
];

/** A time as date and time, which break onto two lines where the window is narrow. */
function dateThenTime(time: number) {
  const [date, clock] = formatTime(time - (time % 1000)).split(' ');
  return (
    <>
      <span>{date}</span> <span>{clock}</span>
    </>
  );
}

/** How long a case's events span, '—' when none has a time. */
function durationOf(info: CaseInfo): string {
  const duration = caseDuration(info);
  return duration === null ? '—' : formatDuration(duration);
}

/** The warning under a name box while the name typed is another case's (announced as it comes), linked to the box by `id`. */
function NameTaken({ id, note }: { id: string; note: string | null }) {
  return (
    <p id={id} className="name-taken" role="status">
      {note}
    </p>
  );
}

/** A case's name as a text box: Enter (or leaving it) keeps the new name, Escape keeps the old one; `onDone` says whether it was left from the keyboard (Enter, Escape). */
function NameEditor({ info, label, cases, onDone }: { info: CaseInfo; label: string; cases: readonly CaseInfo[]; onDone(byKey: boolean): void }) {
  const [draft, setDraft] = useState(info.name);
  // Once only: the box losing focus as it goes away after Escape must not keep the draft.
  const finished = useRef(false);
  const finish = (keep: boolean, byKey = true): void => {
    if (finished.current) return;
    finished.current = true;
    onDone(byKey);
    if (keep && draft.trim() !== info.name) void renameCase(info.id, draft);
  };
  return (
    <>
      <input
        className="rename"
        aria-label={`New name for ${label}`}
        aria-describedby="rename-taken"
        value={draft}
        maxLength={200}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') finish(true);
          if (event.key === 'Escape') finish(false);
        }}
        onBlur={() => finish(true, false)}
      />
      <NameTaken id="rename-taken" note={nameTakenNote(draft, cases, info.id)} />
    </>
  );
}

/** The cases on this machine, in the order the investigator chose (most recently opened first until then), and a form to start a new one. */
export function StartScreen() {
  const cases = useCairn((state) => state.cases);
  const sort = useCairn((state) => state.caseSort);
  const storage = useCairn((state) => state.storage);
  const [name, setName] = useState('');
  const [doomed, setDoomed] = useState<CaseInfo | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const nameBox = useRef<HTMLInputElement>(null);
  const apart = toldApart(cases);
  /** A case as its buttons and the delete question name it: told from any other of its name by when it was created. */
  const labelOf = (info: CaseInfo): string => `${printable(info.name)}${apart.get(info.id) ?? ''}`;
  const list = useRef<HTMLTableElement>(null);
  /** Gives the keyboard to one of a case's buttons (Open, Rename). */
  const focusAction = (id: string, action: 'open' | 'rename'): void => list.current?.querySelector<HTMLButtonElement>(`tr[data-case-id="${CSS.escape(id)}"] button[data-action="${action}"]`)?.focus();
  // Back from a case, the keyboard is on that case: Enter opens it again.
  useEffect(() => {
    if (closedCase.id !== null) focusAction(closedCase.id, 'open');
    closedCase.id = null;
  }, []);

  return (
    <section className="start" aria-label="Cases">
      <form
        className="new-case"
        onSubmit={(event) => {
          event.preventDefault();
          void newCase(name);
        }}
      >
        <h1>Cases</h1>
        <label>
          <span>New case</span>
          <input ref={nameBox} aria-describedby="new-name-taken" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. IR-2026-031 leaked access key" maxLength={200} />
        </label>
        <button type="submit" className="primary">
          Create case
        </button>
        <NameTaken id="new-name-taken" note={nameTakenNote(name, cases)} />
      </form>
      {cases.length === 0 ? (
        <p className="no-cases">No cases yet. Create one, then add the evidence you were handed: Cairn reads it read-only and never connects to the network.</p>
      ) : (
        <table className="case-list" ref={list}>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={sortCasesBy} />
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sortCases(cases, sort).map((info) => (
              <tr key={info.id} data-testid="case-row" data-case-id={info.id}>
                <td className="case-title">
                  {renaming === info.id ? <NameEditor
                      info={info}
                      label={labelOf(info)}
                      cases={cases}
                      onDone={(byKey) => {
                        setRenaming(null);
                        if (byKey) requestAnimationFrame(() => focusAction(info.id, 'rename'));
                      }}
                    /> : <span title={printable(info.name)}>{printable(info.name)}</span>}
                </td>
                <td className="num">
                  {formatCount(info.events)}
                  {!!info.csvRowsOfFull && <div className="count-note">{csvRowsOfFullEvents(info.csvRowsOfFull, formatCount(info.csvRowsOfFull))}</div>}
                </td>
                <td className="mono time-span first-last">
                  {info.minTime === null ? (
                    '—'
                  ) : (
                    // The first event's time over the last's at every width, so that spans compare down the column; how long, in the next.
                    <>
                      <span>{formatTime(info.minTime)}</span> <span>{formatTime(info.maxTime)}</span>
                    </>
                  )}
                </td>
                <td className="num">{durationOf(info)}</td>
                <td className="num">{formatCount(info.evidence)}</td>
                <td className="mono time-span">{dateThenTime(info.created)}</td>
                <td className="mono time-span">
                  {info.lastOpened === info.created ? <span className="not-reopened">not since created</span> : dateThenTime(info.lastOpened)}
                </td>
                <td className="actions">
                  <button type="button" className="primary" data-action="open" onClick={() => void openCase(info)} aria-label={`Open ${labelOf(info)}`}>
                    Open
                  </button>
                  <button type="button" className="icon" data-action="rename" onClick={() => setRenaming(info.id)} aria-label={`Rename ${labelOf(info)}`} title="Rename">
                    ✎
                  </button>
                  <button type="button" onClick={() => setDoomed(info)} aria-label={`Delete ${labelOf(info)}`}>
                    Delete…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {storage && (
        <p className="storage-status" data-testid="storage-status">
          Cases take {formatBytes(storage.usage)} of the {formatBytes(storage.quota)} this machine allows.{' '}
          {storage.persistent ? 'Storage is persistent: the system will not clear them.' : 'Storage is not persistent: the system may clear cases when disk space runs low.'}
        </p>
      )}
      {doomed && (
        <ConfirmDialog
          title={`Delete “${printable(doomed.name)}”${apart.get(doomed.id) ?? ''}?`}
          body={`Its ${formatCount(doomed.events)} stored events, evidence records, bookmarks, tags and notes are removed from this machine. The evidence files themselves are not touched.`}
          confirm="Delete case"
          onCancel={() => setDoomed(null)}
          onConfirm={() => {
            setDoomed(null);
            // Its buttons go with it: the keyboard waits in the new case's name.
            nameBox.current?.focus();
            void removeCase(doomed.id);
          }}
        />
      )}
    </section>
  );
}
