import type { DictionaryField } from '../../shared/event';
import type { Annotation, FileRecord } from '../db/caseDb';
import type { EvidencePage, EvidenceQuery, EvidenceSummary } from './evidenceListing';
import type { ChainLink } from './roleChain';
import type { CsvRowDetail } from './csvRowDetail';
import type { NameOnlyEvents } from './iamUserAliases';
import type { FoundValues, ValueCount } from './valueFinder';

/** One field = value condition: what a pivot adds. */
export interface Pivot {
  field: DictionaryField;
  value: string;
  /** Set as part of an actor pivot (the Account of `this actor in account …`): it goes when another actor pivot takes that one's place. */
  withActor?: true;
}

/** A scalar leaf of an event's requestParameters or responseElements, as JSON has it. */
export type ParamValue = string | number | boolean | null;
/** Keys and array indices leading from requestParameters (or responseElements) down to a leaf. */
export type ParamPath = (string | number)[];
/** The part of an event a parameter filter looks in: what the call was given, or what it returned. */
export type CallPart = 'requestParameters' | 'responseElements';

/**
 * Events whose requestParameters (or responseElements, `of`) hold `value` at `path`, compared
 * type-exact ("1" is not 1); read from the original texts. A value taken from a CSV row (`asText`: Lake writes every value of its
 * maps as text) is of no known type, so it stands for the text and the number or boolean it reads
 * as (see sameParamValue); so does a CSV row's value matched against a filter.
 */
export interface ParamFilter {
  kind: 'param';
  /** Absent for requestParameters: views saved before response elements hold only those. */
  of?: 'responseElements';
  path: ParamPath;
  value: ParamValue;
  asText?: boolean;
}

/** The part of an event a parameter filter looks in. */
export const partOf = (filter: ParamFilter): CallPart => filter.of ?? 'requestParameters';

/**
 * Events with this top-level sharedEventID, read from the original texts: CloudTrail gives one to the
 * records of a single action delivered to several accounts, and to an Insight's Start and End.
 */
export interface SharedEventFilter {
  kind: 'sharedEvent';
  value: string;
}

/** A filter answered from the events' original texts rather than from the columns. */
export type TextFilter = ParamFilter | SharedEventFilter;

/** Events the investigator tagged with `value`, answered from the case's annotations. */
export interface TagFilter {
  kind: 'tag';
  value: string;
}

/** A condition of the listing; views saved before parameter filters hold only pivots. */
export type Filter = Pivot | TextFilter | TagFilter;

export const isPivot = (filter: Filter): filter is Pivot => !('kind' in filter);
export const isTagFilter = (filter: Filter): filter is TagFilter => !isPivot(filter) && filter.kind === 'tag';
export const isTextFilter = (filter: Filter): filter is TextFilter => !isPivot(filter) && !isTagFilter(filter);
export const isParamFilter = (filter: Filter): filter is ParamFilter => isTextFilter(filter) && filter.kind === 'param';

/** What a filter constrains: a listing keeps one filter per slot, a new one replaces the old. */
export function filterSlot(filter: Filter): string {
  if (isPivot(filter)) return filter.field;
  return filter.kind === 'param' ? `${partOf(filter)}:${JSON.stringify(filter.path)}` : filter.kind;
}

export type SortOrder = 'asc' | 'desc';
/**
 * The Show choice: all events, the failed calls and sign-ins (✖: an error code, or a failed sign-in's
 * reason, which ingest stores as its error), those the investigator marked (any mark, or one), or
 * those in conflict (⚠, or a CSV row disagreeing with its event, ≠).
 */
export type MarkedFilter = 'all' | 'failed' | 'marked' | 'bookmarked' | 'tagged' | 'noted' | 'conflicts';
/** The Show choices that keep events by their marks or flags; 'failed' keeps them by their error column. */
export type ByMarks = Exclude<MarkedFilter, 'all' | 'failed'>;
/** Whether a Show choice keeps events by their marks or flags: what the investigator marks can move an event in or out of its listing. */
export const isByMarks = (marked: MarkedFilter): marked is ByMarks => marked !== 'all' && marked !== 'failed';

/** Which events the explorer lists, and in what order. */
export interface EventQuery {
  filters: Filter[];
  order: SortOrder;
  marked: MarkedFilter;
}

/** Whether a query leaves events out of its listing, by a filter or its Show choice (or may: a filter can keep them all). */
export const isNarrowed = (query: EventQuery): boolean => query.filters.length > 0 || query.marked !== 'all';

export const COLUMN_IDS = ['time', 'eventName', 'annotation', 'eventSource', 'actor', 'actorType', 'sourceIp', 'region', 'account', 'errorCode', 'userAgent', 'readOnly'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** The explorer as an investigator left it: saved with the case. */
export interface ExplorerView extends EventQuery {
  columns: ColumnId[];
  zone: 'utc' | 'local';
}

/** What the page shows of a case before any search: its size, span and evidence. */
export interface CaseOverview {
  count: number;
  /** How many of them are CSV rows of calls another event stands for (see csvRowsOfFull): the calls counted twice. */
  csvRowsOfFull: number;
  /** Epoch ms of the earliest and latest known event time; null when no event has a time. */
  minTime: number | null;
  maxTime: number | null;
  /** How those two events' times were written below the second (shared/timeFraction), to show them as written. */
  minFraction?: number;
  maxFraction?: number;
  /** The most fraction digits of a second any event's time was written with: how wide times are shown. */
  timeDigits: number;
  /** The evidence files in figures, each counted once however often it was added; the panel asks for the files themselves ('evidence'). */
  evidence: EvidenceSummary;
}

/** An event's decoded fields (see CairnEvent). */
export type EventFields = Record<DictionaryField, string> & {
  time: number;
  /** How the time was written below the second (shared/timeFraction); undefined in cases stored before it was kept. */
  timeFraction: number | undefined;
  readOnly: number;
};

/** One event as the table shows it: decoded fields and marks, no original text. */
export type EventRow = EventFields & {
  /** Position in the current listing. */
  position: number;
  flags: number;
  segment: number;
  row: number;
  bookmarked: boolean;
  tags: string[];
  /** The investigator's note, '' when none. */
  note: string;
};

export interface RowsResult {
  /** How many events the listing holds. */
  total: number;
  /** How many the case holds, as read for this answer: what the listing's count is out of. */
  inCase: number;
  /** How many of the events listed are CSV rows of calls another listed event stands for (see csvRowsOfFull): the calls the listing counts twice. */
  csvRowsOfFull: number;
  offset: number;
  rows: EventRow[];
  /** For an actor pivot on an IAM user's ARN, the events without the ARN it also lists (see iamUserAliases); empty otherwise. */
  nameOnly: NameOnlyEvents[];
}

/** Another event of the case, with where it was read and where it is stored (`at`, null when the case does not hold it). */
export interface OtherEvent {
  text: string;
  file: FileRecord | null;
  index: number;
  at: { segment: number; row: number } | null;
}

/**
 * An event's original text, where it came from, the other full copies of its eventID that differ
 * from one another (none when it has no conflict), its copies (of a partial row, the full event of
 * its eventID, or with none, the other rows of it; of a full event, each partial row of it), and its annotation.
 */
export interface EventDetail {
  text: string;
  file: FileRecord | null;
  index: number;
  /** In the order read. */
  partners: OtherEvent[];
  /**
   * In the order read, then the other CSV rows of a call held only as rows (see rowsOfOneCall).
   * `partial`: which of the two is the partial row, `both` for two rows; `fields`: the copy's, as
   * the listing has them (none when the case does not hold it).
   */
  copies: (OtherEvent & { partial: 'here' | 'there' | 'both'; fields: EventFields | null })[];
  /** For a row of a CSV export built from its columns (its text is the row), the row read again with its file's header. */
  csvRow: CsvRowDetail | null;
  annotation: Annotation;
  /** What held the event's JSON in its file (a lookup-events item, a log event, a CSV row, an export line), as it stood there; null when not kept. */
  wrapper: string | null;
}

export type QueryRequest =
  | { type: 'open'; caseDb: string }
  /** The open case with what was stored since it was read (an import running or just ended): its new segments only are read. */
  | { type: 'refresh'; caseDb: string }
  | { type: 'rows'; caseDb: string; query: EventQuery; offset: number; limit: number }
  /** The first `limit` evidence files the panel's choices keep, in its order. */
  | { type: 'evidence'; caseDb: string; query: EvidenceQuery; limit: number }
  | { type: 'detail'; caseDb: string; segment: number; row: number }
  /** Where an event now stands in a listing: how a selection follows its event when the listing is read again. */
  | { type: 'locate'; caseDb: string; query: EventQuery; segment: number; row: number }
  /** The query without what leaves an event out of its listing: how the listing is widened to show it. */
  | { type: 'revealing'; caseDb: string; query: EventQuery; segment: number; row: number }
  /** How the credentials signed with an access key came to be: the credentials calls that led to it, first first. */
  | { type: 'roleChain'; caseDb: string; accessKey: string; time: number }
  /** The IAM user ARNs an event written without one names (an IAMUser identity giving only a user name or principal ID): those whose actor pivot takes it in. */
  | { type: 'usersNamed'; caseDb: string; segment: number; row: number }
  /** Those of the pivots whose value some event of the case holds in the pivot's field: which pivots would list any event. */
  | { type: 'pivotsHeld'; caseDb: string; pivots: Pivot[] }
  /** The values of the case's fields best matching a typed text, with how many events picking each lists (see ValueFinder, OfferedValue). */
  | { type: 'findValues'; caseDb: string; text: string; limit: number }
  | { type: 'annotate'; caseDb: string; annotation: Annotation }
  | { type: 'close' };

/**
 * A value Find a value offers. An IAM user's ARN comes with the events its actor pivot takes in
 * besides those under it (`also`, see nameOnlyEvents): picking it lists `count` and those.
 */
export interface OfferedValue extends ValueCount {
  also?: NameOnlyEvents;
}

/** The values offered for a text (see FoundValues). */
export interface OfferedValues extends Omit<FoundValues, 'values'> {
  values: OfferedValue[];
}

/** How many events picking an offered value lists. */
export const listedBy = ({ count, also }: OfferedValue): number => count + (also ? also.byName + also.byPrincipal : 0);

/** What each request answers. */
export interface QueryResults {
  open: CaseOverview;
  refresh: CaseOverview;
  rows: RowsResult;
  evidence: EvidencePage;
  detail: EventDetail;
  /** The event's position in the listing; null when the listing does not hold it. */
  locate: number | null;
  /** The query's order and the conditions the event meets; the Show choice back to all events when its marks do not meet it. */
  revealing: EventQuery;
  roleChain: ChainLink[];
  usersNamed: string[];
  pivotsHeld: Pivot[];
  /** Null when a later findValues came while this one waited its turn: only the latest text typed is searched. */
  findValues: OfferedValues | null;
  annotate: null;
  close: null;
}

export type QueryEnvelope = QueryRequest & { id: number };
export type QueryResponse = { id: number; result: unknown } | { id: number; error: string };
