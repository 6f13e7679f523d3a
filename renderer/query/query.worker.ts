/// <reference lib="webworker" />
import { DICTIONARY_FIELDS, EVENT_FLAGS, type DictionaryField } from '../../shared/event';
import { boundedParseOrUndefined } from '../../shared/jsonDepth';
import { asInFile } from '../../shared/eventWrapper';
import { PARTIAL_KEY } from '../../shared/ipc';
import { CaseDb, dictionaryCounts, isConflict, textsOf, wrapperOf, type Annotation, type ConflictRecord, type FileRecord, type SegmentRecord } from '../db/caseDb';
import { CaseIndex, type DecodedEvent, type EventOrigin } from './caseIndex';
import { conflictingCopies } from './conflictingCopies';
import { flagDisagreeingCopies, flagDisagreeingRows } from './copyDisagreements';
import { csvRowDetail } from './csvRowDetail';
import { copyPairs, csvRowsOfFull } from './csvRowsOfFull';
import { everyRowPair, otherRowsOfCall, rowsOfOneCall } from './rowsOfOneCall';
import { conflictedEvents, distinctEvidence, type EvidenceEntry } from './distinctEvidence';
import { filterEvidence, sortEvidence, summarizeEvidence, type EvidencePage, type EvidenceQuery } from './evidenceListing';
import { iamUserOfArn, identityOf, mayNameOnly, namesOnly, principalIdUnder, usersNamedBy, withoutArn, type IamUser, type NameOnlyEvents } from './iamUserAliases';
import { latestOnly } from './latestOnly';
import { paramMatcher } from './paramMatch';
import { chainOf, credentialsIssued, CREDENTIAL_CALLS, type IssuingCall } from './roleChain';
import { ValueFinder } from './valueFinder';
import { isByMarks, isPivot, isTagFilter, isTextFilter, type ByMarks, type CaseOverview, type EventDetail, type EventQuery, type OtherEvent, type Filter, type MarkedFilter, type OfferedValue, type OfferedValues, type Pivot, type QueryEnvelope, type QueryResponse, type RowsResult, type TextFilter } from './queryProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The case this worker holds in memory: its columns, evidence records and annotations. */
interface OpenCase {
  name: string;
  db: CaseDb;
  index: CaseIndex;
  /** How many events of the index hold each value of each field, by id (see dictionaryCounts). */
  counts: Record<DictionaryField, Uint32Array>;
  /** The index's values with their counts, searched for a typed text, once asked for. */
  finder?: ValueFinder;
  files: Map<number, FileRecord>;
  /** Events with a conflicting copy, by file record id (see conflictedEvents). */
  conflicted: Map<number, number>;
  /** How many conflict records were read. */
  conflicts: number;
  /** The partial copies whose two ends the case holds: a CSV row's global number, then its full event's (see copyPairs). */
  copies: Uint32Array;
  /** The case's CSV rows built from columns, with their eventIDs' keys (see partialRowsIn). */
  partialRows: PartialRows;
  /** The CSV rows of calls held only as rows, each with the row that stands for its call (see rowsOfOneCall). */
  sameCall: Uint32Array;
  /** `copies` and `sameCall`: each row of a call another event stands for, with that event (see csvRowsOfFull). */
  standIns: Uint32Array;
  /** The evidence files, one entry per distinct file (see distinctEvidence), once worked out. */
  evidence?: EvidenceEntry[];
  /** The evidence files in each order the panel asked for, by the order's JSON. */
  evidenceOrders: Map<string, EvidenceEntry[]>;
  annotations: Map<string, Annotation>;
  /** Selections already worked out, by filters, marks and order. */
  selections: Map<string, Listing>;
  /** Global numbers (storage order) of the events matching each text filter (parameter, sharedEventID), by the filter's JSON. */
  params: Map<string, Promise<Uint32Array>>;
  /** Events naming an IAM user without its ARN, by the ARN an actor pivot is on (see nameOnlyEvents). */
  nameOnly: Map<string, Promise<NameOnlyFound | null>>;
  /** The IAM user ARNs whose events give a principal ID, by account and ID (see usersNamed). */
  vouching: Map<string, Promise<string[]>>;
  /** The texts of the segments read last, most recent last (see `textOf`). */
  texts: Map<number, Promise<string[]>>;
  /** The credentials calls' events by the temporary access key each issued, oldest first, once asked for (see `issuers`). */
  issuers?: Promise<Map<string, IssuingCall[]>>;
}

/** The events a query lists: their global numbers in its order, and how many of them are CSV rows of calls another of them stands for (see csvRowsOfFull). */
interface Listing {
  globals: Uint32Array;
  csvRowsOfFull: number;
}

type PartialRows = { globals: number[]; keys: number[] };

/**
 * Adds to `rows` the partial rows (see PARTIAL_KEY) among `segments`, the last of `index`'s, with
 * their eventIDs' keys, in storage order. Their identities, which opening a case otherwise does not
 * read, are read only for segments holding an event of a CSV file (or of a file not recorded yet).
 */
async function partialRowsIn(db: CaseDb, index: CaseIndex, files: ReadonlyMap<number, FileRecord>, segments: readonly SegmentRecord[], rows: PartialRows): Promise<void> {
  const mayHoldRows = (id: number): boolean => files.get(id)?.csvHeader !== undefined || !files.has(id);
  // A file's events lie together in a segment: a file is looked up where the column changes, not for each of a million events.
  const holdsRows = (file: ArrayLike<number>): boolean => {
    for (let row = 0, last = -1; row < file.length; row++) {
      if (file[row] === last) continue;
      last = file[row]!;
      if (mayHoldRows(last)) return true;
    }
    return false;
  };
  const held = segments.filter((segment) => holdsRows(segment.file));
  if (held.length === 0) return;
  const identities = await db.identities.bulkGet(held.map((segment) => segment.id));
  const starts = new Map(index.segmentStarts().map(({ id, start }) => [id, start]));
  held.forEach((segment, k) => {
    const start = starts.get(segment.id)!;
    identities[k]?.keys.forEach((key, row) => {
      if (key < PARTIAL_KEY) return;
      rows.globals.push(start + row);
      rows.keys.push(key - PARTIAL_KEY);
    });
  });
}

/** Each row of a call another event stands for, with that event: its full event's copies, and the rows of calls held only as rows. */
function standInsOf(copies: Uint32Array, sameCall: Uint32Array): Uint32Array {
  const all = new Uint32Array(copies.length + sameCall.length);
  all.set(copies);
  all.set(sameCall, copies.length);
  return all;
}

let current: OpenCase | null = null;
const place = (segment: number, row: number): string => `${segment}:${row}`;
const EMPTY_ANNOTATION = { bookmarked: false, tags: [] as string[], note: '' };
/** Transactions the segments are read in at once (measured: a million-event case opened ~100 ms sooner with four than with one). */
const SEGMENT_READS = 4;

async function load(name: string): Promise<OpenCase> {
  current?.db.close();
  current = null;
  const db = new CaseDb(name);
  // Separate read transactions, so that reads overlap: the segments (most of the bytes) in a few
  // ranges, then the rest. Segments are asked for first: a write landing in between can only add
  // dictionary values and files that no segment read here uses, never miss ones it does.
  const last = ((await db.segments.orderBy(':id').lastKey()) as number | undefined) ?? -1;
  const bound = (k: number): number => Math.floor(((last + 1) * k) / SEGMENT_READS);
  const ranges = Array.from({ length: SEGMENT_READS }, (_, k) => db.transaction('r', db.segments, () => db.segments.where(':id').between(bound(k), bound(k + 1), true, false).toArray()));
  const [parts, [dictionary, files, annotations, conflicts]] = await Promise.all([
    Promise.all(ranges),
    db.transaction('r', [db.dictionaries, db.files, db.annotations, db.conflicts], () =>
      Promise.all([db.dictionaries.toArray(), db.files.toArray(), db.annotations.toArray(), db.conflicts.toArray()]),
    ),
  ]);
  const segments = parts.flat();
  const index = CaseIndex.fromStore(segments, dictionary, conflicts);
  const copies = copyPairs(index, conflicts.filter((record) => !isConflict(record)));
  const fileRecords = new Map(files.map((file) => [file.id, file]));
  const partialRows: PartialRows = { globals: [], keys: [] };
  await partialRowsIn(db, index, fileRecords, segments, partialRows);
  const sameCall = rowsOfOneCall(partialRows, copies);
  const open: OpenCase = {
    name,
    db,
    index,
    counts: dictionaryCounts(dictionary, index.lastSegment),
    files: fileRecords,
    conflicted: conflictedEvents(conflicts),
    conflicts: conflicts.length,
    copies,
    partialRows,
    sameCall,
    standIns: standInsOf(copies, sameCall),
    evidenceOrders: new Map(),
    annotations: new Map(annotations.map((a) => [place(a.segment, a.row), a])),
    selections: new Map(),
    params: new Map(),
    nameOnly: new Map(),
    vouching: new Map(),
    texts: new Map(),
  };
  await flagDisagreeingCopies(index, copies, (event) => textOf(open, event.segment, event.row));
  await flagDisagreeingRows(index, everyRowPair(sameCall));
  current = open;
  return current;
}

/**
 * The open case with the segments, files and conflicts stored since it was read, in one read
 * transaction (a segment and its dictionary chunks are written in one): the segments held are
 * kept, so catching up with an import costs the new segments' read and their time order merged in, not a
 * reading of the whole case. Annotations and texts read are kept; selections are worked out again.
 */
async function caughtUp(open: OpenCase): Promise<OpenCase> {
  const { db, index } = open;
  const last = index.lastSegment;
  const [added, chunks, files, conflicts] = await db.transaction('r', [db.segments, db.dictionaries, db.files, db.conflicts], () =>
    Promise.all([db.segments.where(':id').above(last).toArray(), db.dictionaries.where('[segment+field]').aboveOrEqual([last + 1, '']).toArray(), db.files.toArray(), db.conflicts.toArray()]),
  );
  const extended = added.length === 0 && conflicts.length === open.conflicts ? index : index.extended(added, chunks, conflicts);
  // Records are read in the order stored: those past the count held came since.
  const copied = copyPairs(extended, conflicts.slice(open.conflicts).filter((record) => !isConflict(record)));
  const copies = standInsOf(open.copies, copied);
  const fileRecords = new Map(files.map((file) => [file.id, file]));
  const partialRows = { globals: [...open.partialRows.globals], keys: [...open.partialRows.keys] };
  await partialRowsIn(db, extended, fileRecords, added, partialRows);
  // A full event come since takes its rows over.
  const sameCall = rowsOfOneCall(partialRows, copies);
  const next: OpenCase = {
    ...open,
    index: extended,
    counts: extended === index ? open.counts : dictionaryCounts(chunks, extended.lastSegment, open.counts),
    finder: extended === index ? open.finder : undefined,
    files: fileRecords,
    conflicted: conflictedEvents(conflicts),
    conflicts: conflicts.length,
    copies,
    partialRows,
    sameCall,
    standIns: standInsOf(copies, sameCall),
    evidence: undefined,
    evidenceOrders: new Map(),
    selections: new Map(),
    params: new Map(),
    nameOnly: new Map(),
    vouching: new Map(),
    issuers: undefined,
  };
  // Rows a full event come since stands for are compared with it, no longer with one another.
  const still = new Set(sameCall);
  for (const global of new Set(open.sameCall)) if (!still.has(global)) next.index.clearFlag(global, EVENT_FLAGS.copyDisagrees);
  await flagDisagreeingCopies(next.index, copied, (event) => textOf(next, event.segment, event.row));
  await flagDisagreeingRows(next.index, everyRowPair(sameCall));
  // A case opened or closed meanwhile wins.
  if (current === open) current = next;
  return next;
}

/** Opening and catching up run one at a time, in the order asked: a catch-up never replaces a case opened after it began. */
let reading: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const next = reading.then(work, work);
  reading = next.catch(() => undefined);
  return next;
}

const opened = async (name: string): Promise<OpenCase> => (current?.name === name ? current : load(name));

const evidenceOf = (open: OpenCase): EvidenceEntry[] => (open.evidence ??= distinctEvidence([...open.files.values()], open.conflicted));

function overview(open: OpenCase): CaseOverview {
  const { index } = open;
  const known = Number.isFinite(index.minTime);
  const { count, minFraction, maxFraction, timeDigits } = index;
  return { count, csvRowsOfFull: csvRowsOfFull(open.standIns, index.select([]), count), minTime: known ? index.minTime : null, maxTime: known && Number.isFinite(index.maxTime) ? index.maxTime : null, minFraction, maxFraction, timeDigits, evidence: summarizeEvidence(evidenceOf(open)) };
}

/**
 * The first `limit` evidence files the panel's choices keep. Worked out here, not in the page: the
 * page never receives the case's tens of thousands of file records, only those it shows. Each
 * order is worked out once per case read; filtering the ordered files takes a few milliseconds.
 */
function evidencePage(open: OpenCase, query: EvidenceQuery, limit: number): EvidencePage {
  const key = JSON.stringify(query.sort);
  let sorted = open.evidenceOrders.get(key);
  if (!sorted) {
    sorted = sortEvidence(evidenceOf(open), query.sort);
    open.evidenceOrders.set(key, sorted);
  }
  const kept = filterEvidence(sorted, query);
  return { matching: kept.length, files: kept.slice(0, limit) };
}

/**
 * The events matching a text filter (a parameter or a sharedEventID), found in the original texts read one segment at a time:
 * only the matches outlive the scan. Worked out once per filter, so paging and combining are instant.
 */
function textMatches(open: OpenCase, filter: TextFilter): Promise<Uint32Array> {
  const key = JSON.stringify(filter);
  let found = open.params.get(key);
  if (!found) {
    found = (async () => {
      const test = paramMatcher(filter);
      const matches: number[] = [];
      for (const { id, start } of open.index.segmentStarts()) {
        const texts = await textsOf(await open.db.texts.get(id));
        texts.forEach((text, row) => {
          if (test(text, () => csvHeaderAt(open, id, row))) matches.push(start + row);
        });
      }
      return Uint32Array.from(matches);
    })();
    found.catch(() => open.params.delete(key));
    open.params.set(key, found);
  }
  return found;
}

/** The events an actor pivot on an IAM user's ARN takes in besides those listed under it, and what they are. */
interface NameOnlyFound {
  globals: Uint32Array;
  found: NameOnlyEvents;
}

/**
 * The events naming the IAM user of `arn` without its ARN (see iamUserAliases), null when the actor
 * is no IAM user's ARN. The columns pick the candidates: type IAMUser and an actor that is the
 * user's name or a user principal ID (dictionary ids, then a scan of the typed arrays); only those
 * events' texts are read, a segment at a time, for the identity's own account, user name and
 * principal ID. A principal ID alone counts when an event under the ARN gives it: those events'
 * texts are read only then, and only until each such ID is found. Worked out once per ARN.
 */
function nameOnlyEvents(open: OpenCase, arn: string): Promise<NameOnlyFound | null> {
  let result = open.nameOnly.get(arn);
  if (!result) {
    result = (async () => {
      const user = iamUserOfArn(arn);
      if (!user) return null;
      const { index } = open;
      const candidates = index.globalsWhere({ actor: index.valuesWhere('actor', (actor) => mayNameOnly(actor, user)), actorType: ['IAMUser'] });
      const named: number[] = [];
      const byPrincipal = new Map<string, number[]>();
      await eachIdentity(open, candidates, (identity, global) => {
        const match = namesOnly(identity, user);
        if (match?.by === 'name') named.push(global);
        else if (match?.by === 'principal') byPrincipal.set(match.principalId, [...(byPrincipal.get(match.principalId) ?? []), global]);
      });
      const vouched = byPrincipal.size === 0 ? new Map<string, Set<string>>() : await vouchers(open, [user], new Set(byPrincipal.keys()), (found) => found.size === byPrincipal.size);
      const principalIds = [...vouched.keys()].sort();
      const byId = principalIds.flatMap((principalId) => byPrincipal.get(principalId)!);
      const globals = Uint32Array.from([...named, ...byId]).sort();
      return { globals, found: { user, byName: named.length, byPrincipal: byId.length, principalIds } };
    })();
    result.catch(() => open.nameOnly.delete(arn));
    open.nameOnly.set(arn, result);
  }
  return result;
}

/**
 * The principal IDs of `principalIds` that events under the ARNs of `users` give, with the ARNs
 * giving each (see principalIdUnder). Only texts holding one of the IDs are parsed (or holding a
 * \u escape, which could spell one); stops once `enough` says so of what it found.
 */
async function vouchers(open: OpenCase, users: readonly IamUser[], principalIds: ReadonlySet<string>, enough: (found: ReadonlyMap<string, Set<string>>) => boolean = () => false): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const ids = [...principalIds];
  const mentions = (stored: string): boolean => stored.includes('\\u') || ids.some((id) => stored.includes(id));
  await eachIdentity(
    open,
    open.index.globalsWhere({ actor: users.map(({ arn }) => arn) }),
    (identity) => {
      for (const user of users) {
        const principalId = principalIdUnder(identity, user);
        if (principalIds.has(principalId)) found.set(principalId, (found.get(principalId) ?? new Set()).add(user.arn));
      }
      return enough(found);
    },
    mentions,
  );
  return found;
}

/**
 * The ARNs of the IAM users the event at `row` of `segment` names without an ARN (see usersNamedBy),
 * sorted; none when its identity is not an IAM user's without an ARN. By user name, the case's ARNs
 * alone answer (one pass over the actor dictionary); by principal ID alone, the events under the
 * account's user ARNs are read once per account and ID, and only those holding the ID parsed.
 */
async function usersNamed(open: OpenCase, segment: number, row: number): Promise<string[]> {
  const identity = identityOf(await textOf(open, segment, row), csvHeaderAt(open, segment, row));
  const id = withoutArn(identity);
  if (!id) return [];
  const users = open.index.valuesWhere('actor', (actor) => iamUserOfArn(actor)?.account === id.account).map((arn) => iamUserOfArn(arn)!);
  const named = usersNamedBy(identity, users);
  if ('named' in named) return named.named.map(({ arn }) => arn).sort();
  const key = `${id.account}:${named.principalId}`;
  let found = open.vouching.get(key);
  if (!found) {
    found = vouchers(open, named.candidates, new Set([named.principalId])).then((vouched) => [...(vouched.get(named.principalId) ?? [])].sort());
    found.catch(() => open.vouching.delete(key));
    open.vouching.set(key, found);
  }
  return found;
}

/**
 * Calls `visit` with the userIdentity of each event of `globals` (storage order) and its global number, reading the texts of only the segments holding them, each once;
 * stops once `visit` returns true. Given `worth`, an event whose stored text fails it is passed over unparsed.
 */
async function eachIdentity(open: OpenCase, globals: Uint32Array, visit: (identity: unknown, global: number) => boolean | void, worth?: (stored: string) => boolean): Promise<void> {
  let texts: string[] = [];
  let read = -1;
  for (const global of globals) {
    const { segment, row } = open.index.placeOf(global);
    if (segment !== read) {
      texts = await textsOf(await open.db.texts.get(segment));
      read = segment;
    }
    const stored = texts[row] ?? '';
    if (worth && !worth(stored)) continue;
    if (visit(identityOf(stored, csvHeaderAt(open, segment, row)), global) === true) return;
  }
}

/** The events each actor pivot of `pivots` takes in besides its value's (see nameOnlyEvents), by pivot. */
async function actorAlso(open: OpenCase, pivots: readonly Pivot[]): Promise<Map<Pivot, NameOnlyFound>> {
  const also = new Map<Pivot, NameOnlyFound>();
  for (const pivot of pivots) {
    if (pivot.field !== 'actor') continue;
    const found = await nameOnlyEvents(open, pivot.value);
    if (found && found.globals.length > 0) also.set(pivot, found);
  }
  return also;
}

/** The header of the CSV file the event at `row` of `segment` was read from, if it was read from one (see storedEvent). */
function csvHeaderAt(open: OpenCase, segment: number, row: number): string | undefined {
  const here = open.index.origin(segment, row);
  return here ? open.files.get(here.file)?.csvHeader : undefined;
}

/** An event's marks, as an annotation holds them. */
type Marks = Pick<Annotation, 'bookmarked' | 'tags' | 'note'>;

/**
 * What each Show choice by marks keeps, given an event's annotation and flags: the events with any mark,
 * exactly those with one mark, or those in conflict (with a conflicting copy, or a CSV row of them
 * disagreeing with the full event).
 */
const MARKED: Record<ByMarks, (mark: Marks, flags: number) => boolean> = {
  marked: (mark) => mark.bookmarked || mark.tags.length > 0 || mark.note !== '',
  bookmarked: (mark) => mark.bookmarked,
  tagged: (mark) => mark.tags.length > 0,
  noted: (mark) => mark.note !== '',
  conflicts: (_, flags) => (flags & (EVENT_FLAGS.conflict | EVENT_FLAGS.copyDisagrees)) !== 0,
};

/**
 * What the 'failed' Show choice leaves out: the events with no error. A failed call has an error code,
 * a failed sign-in its reason as its error (see normalizeEvent): the ✖ of the marks column. Answered
 * from the error column's dictionary ids (see CaseIndex.select), never from decoded values.
 */
const NO_ERROR: Pivot = { field: 'errorCode', value: '' };

/** Whether an event's annotation, flags and error meet a Show choice. */
const shows = (marked: MarkedFilter, mark: Marks, event: Pick<DecodedEvent, 'flags' | 'errorCode'>): boolean =>
  marked === 'all' || (marked === 'failed' ? event.errorCode !== '' : MARKED[marked](mark, event.flags));

/** The prefix of a selection's key that depends on the investigator's marks: it is worked out again when they change. */
const BY_MARKS = 'marks|';

/**
 * What a query keeps by the investigator's marks (its Show choice and tag filters), as one test of
 * an annotation; undefined when it keeps events whatever their marks.
 */
function markTest(query: EventQuery): ((mark: Marks, flags: number) => boolean) | undefined {
  const tests: ((mark: Marks, flags: number) => boolean)[] = query.filters.filter(isTagFilter).map(({ value }) => (mark) => mark.tags.includes(value));
  if (isByMarks(query.marked)) tests.push(MARKED[query.marked]);
  return tests.length === 0 ? undefined : (mark, flags) => tests.every((test) => test(mark, flags));
}

/** The events a query lists, in its order; worked out once per filters, marks and order. */
async function selectionOf(open: OpenCase, query: EventQuery): Promise<Listing> {
  const marked = markTest(query);
  const key = `${marked ? BY_MARKS : ''}${query.marked}|${query.order}|${JSON.stringify(query.filters)}`;
  let listing = open.selections.get(key);
  if (!listing) {
    const within = await Promise.all(query.filters.filter(isTextFilter).map((filter) => textMatches(open, filter)));
    const pivots = query.filters.filter(isPivot);
    const also = new Map([...(await actorAlso(open, pivots))].map(([pivot, { globals }]) => [pivot, globals]));
    const marks = open.annotations;
    const keep =
      marked &&
      ((segment: number, row: number, flags: number): boolean => marked(marks.get(place(segment, row)) ?? EMPTY_ANNOTATION, flags));
    const selection = open.index.select(pivots, keep, within, also, query.marked === 'failed' ? [NO_ERROR] : []);
    listing = { globals: query.order === 'desc' ? open.index.newestFirst(selection) : selection, csvRowsOfFull: csvRowsOfFull(open.standIns, selection, open.index.count) };
    open.selections.set(key, listing);
  }
  return listing;
}

async function rows(open: OpenCase, query: EventQuery, offset: number, limit: number): Promise<RowsResult> {
  const { globals: selection, csvRowsOfFull } = await selectionOf(open, query);
  const nameOnly = [...(await actorAlso(open, query.filters.filter(isPivot))).values()].map(({ found }) => found);
  const total = selection.length;
  const found = [];
  for (let position = offset; position < Math.min(total, offset + limit); position++) {
    const event = open.index.event(selection[position]!);
    const mark = open.annotations.get(place(event.segment, event.row)) ?? EMPTY_ANNOTATION;
    found.push({ ...event, position, bookmarked: mark.bookmarked, tags: mark.tags, note: mark.note });
  }
  return { total, inCase: open.index.count, csvRowsOfFull, offset, rows: found, nameOnly };
}

async function locate(open: OpenCase, query: EventQuery, segment: number, row: number): Promise<number | null> {
  const global = open.index.globalOf(segment, row);
  const position = global === null ? -1 : (await selectionOf(open, query)).globals.indexOf(global);
  return position < 0 ? null : position;
}

/**
 * Texts are stored a segment (a few MB) per record. The last few read are kept, so that moving
 * through neighbouring events does not read the same record again: each read holds up the rows
 * the table asks for next.
 */
const TEXT_SEGMENTS_KEPT = 4;

async function textOf({ db, texts }: OpenCase, segment: number, row: number): Promise<string> {
  let segmentTexts = texts.get(segment);
  texts.delete(segment);
  segmentTexts ??= db.texts.get(segment).then(textsOf);
  texts.set(segment, segmentTexts);
  if (texts.size > TEXT_SEGMENTS_KEPT) texts.delete(texts.keys().next().value!);
  return (await segmentTexts)[row] ?? '';
}

/** A record linking the event read at `here` to another, the other, and which end `here` is. */
type Link = { record: ConflictRecord; other: EventOrigin; hereIs: 'first' | 'second' };

/**
 * The events linked to the event read at `here`: every other full copy of its eventID that differs
 * (see conflictingCopies), and its partial copies, all of them (a full event may have a row in each
 * of several CSV exports); each in the order read. The event may be either end of any record.
 */
async function linksOf({ db }: OpenCase, here: EventOrigin): Promise<{ conflicts: EventOrigin[]; copies: Link[] }> {
  const at = [here.file, here.index];
  const [asSecond, asFirst] = await Promise.all([db.conflicts.where('[second.file+second.index]').equals(at).toArray(), db.conflicts.where('[first.file+first.index]').equals(at).toArray()]);
  const links: Link[] = [...asSecond.map((record): Link => ({ record, other: record.first, hereIs: 'second' })), ...asFirst.map((record): Link => ({ record, other: record.second, hereIs: 'first' }))];
  const copies = links.filter((link) => !isConflict(link.record)).sort((a, b) => a.other.file - b.other.file || a.other.index - b.other.index);
  const conflict = links.find((link) => isConflict(link.record));
  const conflicts = conflict ? conflictingCopies(await db.conflicts.where('eventId').equals(conflict.record.eventId).toArray(), here) : [];
  return { conflicts, copies };
}

/** The event read at `origin`, as another event's detail shows it. */
async function otherEvent(open: OpenCase, origin: EventOrigin): Promise<{ event: OtherEvent; global: number | null }> {
  const found = open.index.find(origin.file, origin.index);
  const at = found ? { segment: found.segment, row: found.row } : null;
  const event = { text: at ? await textOf(open, at.segment, at.row) : '', file: open.files.get(origin.file) ?? null, index: origin.index, at };
  return { event, global: found ? open.index.globalOf(found.segment, found.row) : null };
}

async function detail(open: OpenCase, segment: number, row: number): Promise<EventDetail> {
  const { index, files } = open;
  const here = index.origin(segment, row);
  if (!here) throw new Error(`no event at segment ${segment}, row ${row}`);
  const { conflicts, copies: copied } = await linksOf(open, here);
  const partners: OtherEvent[] = [];
  for (const other of conflicts) partners.push((await otherEvent(open, other)).event);
  const copies: EventDetail['copies'] = [];
  for (const link of copied) {
    const { event, global } = await otherEvent(open, link.other);
    const partial = link.record.partial === link.hereIs ? 'here' : 'there';
    copies.push({ ...event, partial, fields: global === null ? null : index.event(global) });
  }
  const global = index.globalOf(segment, row);
  for (const other of global === null ? [] : otherRowsOfCall(open.sameCall, global)) {
    const fields = index.event(other);
    const { event } = await otherEvent(open, { file: fields.file, index: fields.index });
    copies.push({ ...event, partial: 'both', fields });
  }
  const annotation = open.annotations.get(place(segment, row)) ?? { segment, row, ...EMPTY_ANNOTATION };
  const text = await textOf(open, segment, row);
  const file = files.get(here.file) ?? null;
  // A row built from a CSV file's columns is stored as the row: read again, cell by cell.
  const csvRow = file?.csvHeader !== undefined && boundedParseOrUndefined(text) === undefined ? (csvRowDetail(file.csvHeader, text) ?? null) : null;
  return { text, file, index: here.index, partners, copies, csvRow, annotation, wrapper: await wrapperText(open, segment, row, file, text) };
}

/** What held the event's JSON in its file, as it stood there (see CairnEvent.wrapper); null when it was kept of no such event. */
async function wrapperText(open: OpenCase, segment: number, row: number, file: FileRecord | null, text: string): Promise<string | null> {
  const global = open.index.globalOf(segment, row);
  // Only an event read out of a value, or a CloudWatch Logs export line's, has one: others cost no read.
  if (!file || global === null || ((open.index.event(global).flags & EVENT_FLAGS.unwrapped) === 0 && file.format !== 'cloudwatch-export')) return null;
  const wrapper = await wrapperOf(await open.db.texts.get(segment), row);
  return wrapper ? asInFile(file.format, wrapper, text) : null;
}

async function revealing(open: OpenCase, query: EventQuery, segment: number, row: number): Promise<EventQuery> {
  const global = open.index.globalOf(segment, row);
  if (global === null) throw new Error(`no event at segment ${segment}, row ${row}`);
  const event = open.index.event(global);
  const mark = open.annotations.get(place(segment, row)) ?? { segment, row, ...EMPTY_ANNOTATION };
  const text = query.filters.some(isTextFilter) ? await textOf(open, segment, row) : '';
  const also = await actorAlso(open, query.filters.filter(isPivot));
  const takenIn = (filter: Pivot): boolean => also.get(filter)?.globals.includes(global) ?? false;
  const meets = (filter: Filter): boolean => (isPivot(filter) ? event[filter.field] === filter.value || takenIn(filter) : isTagFilter(filter) ? mark.tags.includes(filter.value) : paramMatcher(filter)(text, () => csvHeaderAt(open, segment, row)));
  return { ...query, filters: query.filters.filter(meets), marked: shows(query.marked, mark, event) ? query.marked : 'all' };
}

/**
 * The events that issued temporary credentials, by the access key issued: found by event name in
 * the columns, then read from the texts of only the segments that hold them. Worked out once per
 * opened case (new evidence opens it again).
 */
function issuers(open: OpenCase): Promise<Map<string, IssuingCall[]>> {
  open.issuers ??= (async () => {
    const { index, db } = open;
    const calls = new Map<number, DecodedEvent[]>();
    for (const event of index.eventsWhere('eventName', CREDENTIAL_CALLS)) {
      const inSegment = calls.get(event.segment) ?? [];
      calls.set(event.segment, inSegment);
      inSegment.push(event);
    }
    const found = new Map<string, IssuingCall[]>();
    for (const [segment, events] of calls) {
      const texts = await textsOf(await db.texts.get(segment));
      for (const { row, eventName, time, timeFraction } of events) {
        const issue = credentialsIssued(texts[row] ?? '', csvHeaderAt(open, segment, row));
        if (!issue) continue;
        const made = found.get(issue.issued) ?? [];
        found.set(issue.issued, made);
        made.push({ ...issue, segment, row, eventName, time, timeFraction });
      }
    }
    // Oldest first (unknown times last), as chainOf takes them.
    for (const made of found.values()) made.sort((a, b) => (a.time === b.time ? 0 : Number.isNaN(a.time) ? 1 : Number.isNaN(b.time) ? -1 : a.time - b.time));
    return found;
  })();
  return open.issuers;
}

/** The open case's values with their counts, as a ValueFinder: made once per case read (an import's new segments make it again when next asked). */
const finderOf = (open: OpenCase): ValueFinder =>
  (open.finder ??= new ValueFinder(DICTIONARY_FIELDS.flatMap((field) => open.index.dictionary(field).map((value, id) => ({ field, value, count: open.counts[field][id] ?? 0 })))));

/**
 * The values best matching a typed text (see ValueFinder), an IAM user's ARN with the events its
 * pivot takes in without it (see nameOnlyEvents), so that what is offered counts what picking it
 * lists; null for a text overtaken by the next one typed before its turn (see latestOnly).
 */
const findValues = latestOnly(async (caseDb: string, text: string, limit: number): Promise<OfferedValues> => {
  const open = await opened(caseDb);
  const found = finderOf(open).find(text, limit);
  const values = await Promise.all(
    found.values.map(async (entry): Promise<OfferedValue> => {
      const also = entry.field === 'actor' ? await nameOnlyEvents(open, entry.value) : null;
      return also && also.globals.length > 0 ? { ...entry, also: also.found } : entry;
    }),
  );
  return { ...found, values };
});

async function annotate(open: OpenCase, annotation: Annotation): Promise<null> {
  const key = place(annotation.segment, annotation.row);
  const empty = !annotation.bookmarked && annotation.tags.length === 0 && annotation.note === '';
  if (empty) {
    await open.db.annotations.delete([annotation.segment, annotation.row]);
    open.annotations.delete(key);
  } else {
    await open.db.annotations.put(annotation);
    open.annotations.set(key, annotation);
  }
  for (const key of open.selections.keys()) if (key.startsWith(BY_MARKS)) open.selections.delete(key);
  return null;
}

async function answer(request: QueryEnvelope): Promise<unknown> {
  switch (request.type) {
    case 'open':
      return overview(await inTurn(() => load(request.caseDb)));
    case 'refresh':
      return overview(await inTurn(() => (current?.name === request.caseDb ? caughtUp(current) : load(request.caseDb))));
    case 'rows':
      return rows(await opened(request.caseDb), request.query, request.offset, request.limit);
    case 'evidence':
      return evidencePage(await opened(request.caseDb), request.query, request.limit);
    case 'detail':
      return detail(await opened(request.caseDb), request.segment, request.row);
    case 'locate':
      return locate(await opened(request.caseDb), request.query, request.segment, request.row);
    case 'revealing':
      return revealing(await opened(request.caseDb), request.query, request.segment, request.row);
    case 'usersNamed':
      return usersNamed(await opened(request.caseDb), request.segment, request.row);
    case 'pivotsHeld': {
      const { index } = await opened(request.caseDb);
      return request.pivots.filter(({ field, value }) => index.holds(field, value));
    }
    case 'roleChain':
      return chainOf(request.accessKey, request.time, await issuers(await opened(request.caseDb)));
    case 'findValues':
      return findValues(request.caseDb, request.text, request.limit);
    case 'annotate':
      return annotate(await opened(request.caseDb), request.annotation);
    case 'close':
      current?.db.close();
      current = null;
      return null;
  }
}

scope.onmessage = async (event: MessageEvent<QueryEnvelope>) => {
  const request = event.data;
  let response: QueryResponse;
  try {
    response = { id: request.id, result: await answer(request) };
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
  }
  scope.postMessage(response);
};
