import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { EVENT_FLAGS, type DictionaryField } from '../../shared/event';
import { boundedParseOrUndefined, JSON_TREE_DEPTH, nestedDeeperThan } from '../../shared/jsonDepth';
import { fileName, printable, printableJson, printableValue } from '../../shared/printable';
import { changeView, query, rememberReading } from '../cases/caseSession';
import { CopyButton } from './CopyButton';
import { useCaseAnswer } from './useCaseAnswer';
import type { Annotation, FileRecord } from '../db/caseDb';
import { formatTime, zoneLabel } from '../format';
import { isByMarks, isTagFilter, type EventRow, type EventQuery, type ExplorerView, type Filter, type OtherEvent } from '../query/queryProtocol';
import { useCairn } from '../store';
import { asJson } from '../query/jsonAt';
import { ConflictCopies } from './ConflictCopies';
import { csvGap, eventCellNote, gapText } from './csvGap';
import { disagreeingFirst } from './partialCopy';
import { pivotedFilters } from './pivotedFilters';
import { PartialCopyBox } from './PartialCopyBox';
import { DETAIL_ID, LISTING_ID } from './EventTable';
import { filterNames, revealLabel } from './FilterBar';
import { keepFiltersLabel, pivotBase, pivotHeading } from './pivotScope';
import { ActorPivots } from './ActorPivots';
import { alteredText, DEEP_NESTING, rawView } from './eventFlags';
import { wrapperFacts } from './wrapperFacts';
import { accessKeyKind, describeIdentity, IDENTIFIERS } from './identity';
import { Pairs } from './Pairs';
import { Identifier } from './Identifier';
import { eventTitle } from './insight';
import { InsightDetails } from './InsightDetails';
import { JsonText } from './JsonText';
import { OutcomeLine } from './OutcomeLine';
import { CallValues } from './CallValues';
import { RoleChain } from './RoleChain';
import { Sha256 } from '../case/Sha256';

/** The session pivot is the access key pivot: a temporary key belongs to exactly one session. */
const ACCESS_KEY_LABELS = { session: 'this session (temporary key)', 'long-term': 'this long-term access key', unknown: 'this access key' };

/** The pivots besides the actor's (see ActorPivots), which come first. */
const PIVOTS: { field: DictionaryField; label(value: string): string }[] = [
  { field: 'sourceIp', label: () => 'this source IP' },
  { field: 'accessKey', label: (key) => ACCESS_KEY_LABELS[accessKeyKind(key)] },
  { field: 'eventName', label: () => 'this event name' },
];

/** How long after the last key a note being typed is saved. */
const NOTE_SAVE_DELAY_MS = 400;

/** What events with one sharedEventID have in common, told where the pivot offers them. */
const SHARED_EVENT_MEANING = "the same action recorded in several accounts, or an Insight's Start and End";

/**
 * What the pane shows of an event's text, worked out once per text (not on every keystroke in the
 * note): its value as far as it can be walked, whether it nests too deep to lay out as a tree, and
 * its pretty form, safe to show (see printableJson); as it is when it is not JSON or nests too deep.
 */
function readText(text: string): { parsed: unknown; deep: boolean; pretty: string } {
  const deep = nestedDeeperThan(text, JSON_TREE_DEPTH);
  const parsed = boundedParseOrUndefined(text);
  return { parsed, deep, pretty: printableJson(deep || parsed === undefined ? text : JSON.stringify(parsed, null, 2)) };
}

/** Where another event of the case is stored. */
type OtherAt = NonNullable<OtherEvent['at']>;

/**
 * Where an event stands in its file, to cite: its item (a trail file's record, an array's element,
 * an NDJSON line, a CSV row, a lookup-events item…) counted from 0, as `cairn scan --ndjson` gives
 * it (`index`) and the Evidence panel names an item in a file's problems (`item 5: …`).
 */
const placeOf = (file: FileRecord | null, index: number): string => `${file ? fileName(file) : 'unknown file'}, item ${index} (counted from 0)`;

/** Escape anywhere in the pane but a text box (whose text it must not cost) hands focus back to the listing, the selection kept. */
const backToListing = (event: KeyboardEvent): void => {
  if (event.key !== 'Escape' || (event.target as Element).closest('input, textarea, select')) return;
  event.preventDefault();
  document.getElementById(LISTING_ID)?.focus();
};

/** Everything about the selected event: its original JSON, who did it, where it came from, and the investigator's marks. */
export function DetailPane({ caseDb, row, view }: { caseDb: string; row: EventRow; view: ExplorerView }) {
  // Read again as the case is (an import may add a conflicting copy or a CSV row of the call), in place.
  const detail = useCaseAnswer(`${caseDb}:${row.segment}:${row.row}`, () => query.ask({ type: 'detail', caseDb, segment: row.segment, row: row.row }), 'Cannot read the event');
  /** How the original is shown: the event's JSON pretty-printed or as stored, or what held it as in the file (EventDetail.wrapper). */
  const [textView, setTextView] = useState<'pretty' | 'raw' | 'file'>('pretty');
  const [tagDraft, setTagDraft] = useState('');
  /** The note as typed in its box; null until a key is typed there, the box showing the note stored. */
  const [note, setNote] = useState<string | null>(null);
  const keepFilters = useCairn((state) => state.pivotsKeepFilters);
  /**
   * The annotation as last written, ahead of the render that shows it: a note saved on blur and a
   * bookmark clicked in the same gesture must both land, not the second over the first. It stands
   * over the one the event was read with (read again as the case is, it may predate a write).
   */
  const written = useRef<Annotation | null>(null);
  /** The annotation as this pane last wrote it, shown over the one the event was read with once the write has landed. */
  const [annotationShown, setAnnotationShown] = useState<Annotation | null>(null);
  /**
   * A note was saved as it was typed in a listing of marked events only: the listing is read again
   * when the box is left, not under the investigator's keys (emptied, the event would leave it).
   */
  const relistOnLeave = useRef(false);
  /** Saves the note if it differs from the one stored; set once the event is read. */
  const saveNote = useRef<(note: string) => void>(() => undefined);
  // The note is saved as it is typed, a moment after the last key, not only when its box is left:
  // closing the window (or the app) with the box still focused must not lose it.
  useEffect(() => {
    if (note === null) return;
    const pending = setTimeout(() => saveNote.current(note), NOTE_SAVE_DELAY_MS);
    return () => clearTimeout(pending);
  }, [note]);

  /** The listing that would hold another event (the conflicting copy, or a partial row's copy), once asked for and the listing's filters leave it out. */
  const [revealing, setRevealing] = useState<{ at: OtherAt; listing: EventQuery } | null>(null);
  /**
   * Selects the event stored `at` in `listing`, scrolled into view with the keyboard on the
   * listing, the view changed to that listing first; false when the listing leaves it out.
   */
  const selectIn = async (at: OtherAt, listing: EventQuery): Promise<boolean> => {
    const position = await query.ask({ type: 'locate', caseDb, query: listing, ...at });
    const found = position === null ? undefined : (await query.ask({ type: 'rows', caseDb, query: listing, offset: position, limit: 1 })).rows[0];
    if (!found) return false;
    if (listing !== view) changeView({ filters: listing.filters, marked: listing.marked });
    // Read again with the other selected, the listing follows it to its place (EventTable).
    const { listingVersion } = useCairn.getState();
    useCairn.getState().set({ selected: found, listingVersion: listingVersion + 1, listingGrew: false });
    rememberReading();
    document.getElementById(LISTING_ID)?.focus({ preventScroll: true });
    return true;
  };
  /** Selects the event stored `at` where the listing holds it; else offers the listing without what leaves it out. */
  const selectOther = (at: OtherAt) => (): void => {
    void (async () => {
      if (!(await selectIn(at, view))) setRevealing({ at, listing: await query.ask({ type: 'revealing', caseDb, query: view, ...at }) });
    })();
  };
  /** How to reach the event stored `at` when the listing leaves it out, once asked. */
  const revealOf = (at: OtherAt | null): { label: string; onClick(): void } | null =>
    revealing && at && revealing.at.segment === at.segment && revealing.at.row === at.row ? { label: revealLabel(view, revealing.listing), onClick: () => void selectIn(at, revealing.listing) } : null;
  // Another listing may hold the copy.
  useEffect(() => setRevealing(null), [view]);
  const shown = useMemo(() => (detail ? readText(detail.text) : undefined), [detail?.text]);
  const partnersPretty = useMemo(() => detail?.partners.map((partner) => readText(partner.text).pretty) ?? [], [detail?.partners]);
  /** Each copy's JSON, where it is the full event (of a row, the event its eventID names). */
  const copiesParsed = useMemo(() => detail?.copies.map((copy) => (copy.partial === 'here' ? readText(copy.text).parsed : undefined)) ?? [], [detail?.copies]);

  if (!detail || !shown) return <aside className="detail" id={DETAIL_ID} tabIndex={-1} onKeyDown={backToListing} aria-label="Event detail" aria-busy="true" />;
  const { csvRow } = detail;
  // A CSV row is read as the event its columns stand for.
  const parsed = csvRow ? csvRow.event : shown.parsed;
  const sharedEventId = asJson(parsed)?.['sharedEventID'];
  const eventId = asJson(parsed)?.['eventID'];
  // A CSV row gives only the keys its columns stand for: an empty cell says the event had none, a column the export lacks says nothing.
  const gapOf = csvRow ? (key: string) => csvGap(csvRow, key) : undefined;
  const whoGap = gapOf?.('userIdentity');
  const paramsGap = gapOf?.('requestParameters');
  const responseGap = gapOf?.('responseElements');
  const cellNote = csvRow ? eventCellNote(csvRow) : undefined;
  const rawText = rawView(row.flags, detail.file?.format ?? '');
  const held = detail.wrapper === null ? null : wrapperFacts(detail.file?.format ?? '', detail.wrapper, detail.text, detail.file?.csvHeader);
  const views = (['pretty', 'raw', 'file'] as const).filter((choice) => choice !== textView && (choice !== 'file' || detail.wrapper !== null));
  // The copy is of the text shown, as stored (not as escaped to show it): the holder as in the file in that view, else the event's JSON.
  const copy =
    csvRow ? { text: detail.text, label: 'Copy row' } : textView === 'file' && detail.wrapper !== null ? { text: detail.wrapper, label: 'Copy as in the file' } : { text: detail.text, label: 'Copy JSON' };
  /** Each partial copy's row and full event (or the other row of its call), one of them this event; those that disagree first. */
  const copyPairs = disagreeingFirst(
    detail.copies.map((copy, i) =>
      copy.partial === 'here' ? { copy, row, full: copy.fields, fullJson: copiesParsed[i] }
      : copy.partial === 'both' ? { copy, row, full: copy.fields, fullJson: undefined, bothRows: true }
      : { copy, row: copy.fields, full: row, fullJson: parsed },
    ),
  );

  const latest = (): Annotation => written.current ?? detail.annotation;
  const annotation = annotationShown ?? detail.annotation;
  const noteShown = note ?? annotation.note;
  /** Has the listing read the marks again: where it lists events by their marks (Show, a tag filter), it is read again as a whole, as the event may have left it. */
  const listsByMarks = isByMarks(view.marked) || view.filters.some(isTagFilter);
  const showMarks = (): void => {
    relistOnLeave.current = false;
    const { listingVersion, marksVersion } = useCairn.getState();
    useCairn.getState().set({ listingVersion: listingVersion + (listsByMarks ? 1 : 0), marksVersion: marksVersion + 1 });
  };
  const annotate = async (changes: Partial<Annotation>, typing = false): Promise<void> => {
    const annotation = { ...latest(), ...changes };
    written.current = annotation;
    await query.ask({ type: 'annotate', caseDb, annotation });
    setAnnotationShown(latest());
    if (typing && listsByMarks) relistOnLeave.current = true;
    else showMarks();
  };
  saveNote.current = (text) => {
    if (text !== latest().note) void annotate({ note: text }, true);
  };
  const leaveNote = (): void => {
    if (note !== null && note !== latest().note) void annotate({ note });
    else if (relistOnLeave.current) showMarks();
  };
  const filtersShown = filterNames(view.filters);
  const base = pivotBase(view.filters, keepFilters);
  const pivot = (next: Filter): void => changeView({ filters: pivotedFilters(base, [next]) });
  const addTag = (): void => {
    const tag = tagDraft.trim();
    setTagDraft('');
    const tags = latest().tags;
    if (tag && !tags.includes(tag)) void annotate({ tags: [...tags, tag] });
  };

  return (
    <aside className="detail" id={DETAIL_ID} tabIndex={-1} onKeyDown={backToListing} aria-label="Event detail">
      <header className="detail-head">
        <div>
          <h2>{printableValue(eventTitle(row)) || 'Event'}</h2>
          <span className="mono">{`${formatTime(row.time, view.zone, row.timeFraction)} ${zoneLabel(row.time, view.zone)}`.trim()}</span>
        </div>
        <div className="detail-actions">
          <button type="button" aria-pressed={annotation.bookmarked} onClick={() => void annotate({ bookmarked: !latest().bookmarked })}>
            {annotation.bookmarked ? '★ Bookmarked' : '☆ Bookmark'}
          </button>
          <CopyButton key={copy.label} text={copy.text} label={copy.label} />
        </div>
      </header>

      {/* First: a conflict is the first thing to know about an event. */}
      <ConflictCopies
        eventId={typeof eventId === 'string' ? eventId : undefined}
        hereText={detail.text}
        partners={detail.partners}
        shownTexts={partnersPretty}
        placeOf={(partner) => placeOf(partner.file, partner.index)}
        selectOther={selectOther}
        revealOf={revealOf}
      />
      {copyPairs.map(({ copy, ...pair }) => (
        <PartialCopyBox
          key={placeOf(copy.file, copy.index)}
          partialHere={copy.partial !== 'there'}
          pair={pair}
          zone={view.zone}
          place={placeOf(copy.file, copy.index)}
          onSelectThere={copy.at ? selectOther(copy.at) : undefined}
          reveal={revealOf(copy.at)}
        />
      ))}

      {cellNote && (
        <p className="text-note" data-testid="event-cell-note">
          {printable(cellNote)}
        </p>
      )}
      <OutcomeLine event={parsed} gapOf={gapOf} />

      <InsightDetails event={parsed} />

      <section aria-label="Pivots" className="pivots">
        <h3>{pivotHeading(filtersShown, keepFilters)}</h3>
        {filtersShown.length > 0 && (
          <label className="keep-filters">
            <input type="checkbox" checked={keepFilters} onChange={(event) => useCairn.getState().set({ pivotsKeepFilters: event.target.checked })} />
            {keepFiltersLabel(filtersShown)}
          </label>
        )}
        <ActorPivots caseDb={caseDb} row={row} identity={asJson(parsed)?.['userIdentity']} base={base} />
        {PIVOTS.filter(({ field }) => row[field] !== '').map(({ field, label }) => (
          <button type="button" key={field} onClick={() => pivot({ field, value: row[field] })} title={printableValue(row[field])}>
            {label(row[field])}: <span className="mono">{printableValue(row[field])}</span>
          </button>
        ))}
        {typeof sharedEventId === 'string' && sharedEventId !== '' && (
          <button type="button" onClick={() => pivot({ kind: 'sharedEvent', value: sharedEventId })} title={`${printableValue(sharedEventId)}: ${SHARED_EVENT_MEANING}`}>
            this shared event ID: <span className="mono">{printableValue(sharedEventId)}</span>
          </button>
        )}
      </section>

      <section aria-label="Identity">
        <h3>Who</h3>
        <Pairs pairs={whoGap ? [['Identity', gapText(whoGap)]] : describeIdentity(parsed, view.zone)} identifiers={IDENTIFIERS} />
      </section>

      <RoleChain caseDb={caseDb} accessKey={row.accessKey} time={row.time} account={row.account} view={view} onPivot={pivot} />

      {/* A CSV row gives request parameters only if its export selected them (Lake's requestparameters), and its cell is not empty. */}
      <CallValues caseDb={caseDb} part="requestParameters" event={parsed} asText={csvRow !== null} unsaid={paramsGap && gapText(paramsGap)} onPivot={pivot} />

      {/* What the call returned (a key created, a user's ARN, instances started), pivoted on as the parameters are. */}
      <CallValues caseDb={caseDb} part="responseElements" event={parsed} asText={csvRow !== null} unsaid={responseGap && gapText(responseGap)} onPivot={pivot} />

      <section aria-label="Provenance">
        <h3>Where it came from</h3>
        <dl className="pairs">
          <div>
            <dt>File</dt>
            <dd className="mono">
              <Identifier text={placeOf(detail.file, detail.index)} />
            </dd>
          </div>
          {held && (
            <div>
              <dt>Held in</dt>
              <dd>{held.what}</dd>
            </div>
          )}
          {held?.facts.map(({ name, value }, i) => (
            <div key={i} data-testid="wrapper-fact">
              <dt className="mono">{printableValue(name)}</dt>
              <dd className="mono">{value === '' ? '—' : <Identifier text={printableValue(value)} />}</dd>
            </div>
          ))}
          {detail.file?.s3Key && (
            <div>
              <dt>S3 key</dt>
              <dd className="mono">
                <Identifier text={printableValue(detail.file.s3Key)} />
              </dd>
            </div>
          )}
          <div>
            <dt>SHA-256</dt>
            <dd className="mono hash">{detail.file ? <Sha256 file={detail.file} /> : '—'}</dd>
          </div>
          {detail.file && detail.file.contentSha256 !== detail.file.sha256 && (
            <div>
              <dt>SHA-256 (decompressed)</dt>
              <dd className="mono hash">{detail.file.contentSha256}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-label="Notes and tags">
        <h3>Tags and note</h3>
        <div className="tags">
          {annotation.tags.map((tag) => (
            <span className="tag" key={tag}>
              <button type="button" className="tag-name" title="Show all events with this tag" onClick={() => pivot({ kind: 'tag', value: tag })}>
                {printable(tag)}
              </button>
              <button type="button" aria-label={`Remove tag ${printable(tag)}`} onClick={() => void annotate({ tags: latest().tags.filter((t) => t !== tag) })}>
                ×
              </button>
            </span>
          ))}
          <input
            aria-label="Add a tag"
            placeholder="Add a tag, Enter"
            value={tagDraft}
            maxLength={60}
            onChange={(event) => setTagDraft(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && addTag()}
            onBlur={addTag}
          />
        </div>
        <textarea aria-label="Note" placeholder="Note on this event" value={noteShown} onChange={(event) => setNote(event.target.value)} onBlur={leaveNote} rows={3} />
      </section>

      {csvRow && (
        <section aria-label="Columns">
          <h3>Columns of this row</h3>
          <dl className="pairs" data-testid="csv-columns">
            {csvRow.columns.map(({ name, value }, i) => (
              <div key={i}>
                <dt>{printableValue(name)}</dt>
                <dd className="mono">{value === '' ? '—' : <Identifier text={printableValue(value)} />}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section aria-label={csvRow ? 'Original row' : 'Original JSON'}>
        <h3>
          {csvRow ? 'Original row, as in the file' : 'Original JSON'}
          {!csvRow &&
            views.map((choice) => (
              <button type="button" className="link" key={choice} onClick={() => setTextView(choice)}>
                {choice === 'pretty' ? 'Pretty' : choice === 'raw' ? rawText.label : 'As in the file'}
              </button>
            ))}
        </h3>
        {((row.flags & EVENT_FLAGS.deepNesting) !== 0 || shown.deep) && (
          <p className="text-note" data-testid="deep-note">
            {DEEP_NESTING}
          </p>
        )}
        {!csvRow && textView === 'file' && held && (
          <p className="text-note">{`As in the file: ${held.what}, character for character, with the event’s JSON in it as the file writes it.`}</p>
        )}
        {!csvRow && textView !== 'file' && rawText.note && <p className="text-note">{rawText.note}</p>}
        {alteredText(row.flags).map((reason) => (
          <p className="text-note" key={reason}>
            {reason}
          </p>
        ))}
        <pre className="json" data-testid="event-json">
          <JsonText text={textView === 'file' ? printableJson(detail.wrapper ?? '') : textView === 'raw' ? printableJson(detail.text) : shown.pretty} />
        </pre>
      </section>
    </aside>
  );
}
