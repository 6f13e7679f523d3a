import { errorCount } from '../../shared/event';
import { fileName, printable } from '../../shared/printable';
import type { SortOrder } from '../ui/sortOrder';
import type { EvidenceEntry } from './distinctEvidence';

/** Which files the evidence panel shows: all, those with errors, with errors or warnings, with events in conflict. */
export type EvidenceShow = 'all' | 'errors' | 'problems' | 'conflicts';

/** What the evidence panel can order the files by: the columns it shows, but the hashes. */
export type EvidenceSortKey = 'file' | 'format' | 'size' | 'events' | 'duplicates' | 'conflicts' | 'errors';

export type EvidenceSort = SortOrder<EvidenceSortKey>;

/** The evidence panel's choices: the files listed are those shown by `show` whose name holds `text`, in `sort`'s order. */
export interface EvidenceQuery {
  show: EvidenceShow;
  text: string;
  sort: EvidenceSort;
}

/** By path, as a file manager lists them: the order before the investigator picks another. */
export const DEFAULT_EVIDENCE_QUERY: EvidenceQuery = { show: 'all', text: '', sort: { key: 'file', direction: 'asc' } };

/** The direction a column starts in when first picked: names A to Z, figures largest first. */
export const firstEvidenceDirection = (key: EvidenceSortKey): EvidenceSort['direction'] => (key === 'file' || key === 'format' ? 'asc' : 'desc');

/** The case's evidence in figures: what the panel's summary line says. */
export interface EvidenceSummary {
  files: number;
  /** Files added as they are, not found inside an archive: what the start screen counts. */
  outermost: number;
  events: number;
  withErrors: number;
  /** Files with warnings and no error: with `withErrors`, the files the 'errors or warnings' choice shows. */
  warningsOnly: number;
  withDuplicates: number;
  withConflicts: number;
}

/** One page of the panel's listing: how many files the choices keep, and the first of them. */
export interface EvidencePage {
  matching: number;
  files: EvidenceEntry[];
}

export function summarizeEvidence(files: readonly EvidenceEntry[]): EvidenceSummary {
  const summary: EvidenceSummary = { files: files.length, outermost: 0, events: 0, withErrors: 0, warningsOnly: 0, withDuplicates: 0, withConflicts: 0 };
  for (const file of files) {
    const errors = errorCount(file);
    if (file.container.length === 0) summary.outermost++;
    summary.events += file.events;
    if (errors > 0) summary.withErrors++;
    else if (file.issues.length > 0) summary.warningsOnly++;
    if (file.duplicates > 0) summary.withDuplicates++;
    if (file.conflicts > 0) summary.withConflicts++;
  }
  return summary;
}

const SHOWN: Record<EvidenceShow, (file: EvidenceEntry) => boolean> = {
  all: () => true,
  errors: (file) => errorCount(file) > 0,
  problems: (file) => file.issues.length > 0,
  conflicts: (file) => file.conflicts > 0,
};

/**
 * A name as it sorts: case ignored, and each run of digits padded so that numbers compare as
 * numbers ('part-9' before 'part-10'). A fifth of the time Intl.Collator's numeric compare takes
 * over 50,000 paths.
 */
const nameKey = (name: string): string => name.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(20, '0'));

const FIGURES: Record<Exclude<EvidenceSortKey, 'file' | 'format'>, (file: EvidenceEntry) => number> = {
  size: (file) => file.size,
  events: (file) => file.events,
  duplicates: (file) => file.duplicates,
  conflicts: (file) => file.conflicts,
  errors: errorCount,
};

/** The files in `sort`'s order; ties keep the order they came in (the order they were added). */
export function sortEvidence(files: readonly EvidenceEntry[], { key, direction }: EvidenceSort): EvidenceEntry[] {
  const sign = direction === 'asc' ? 1 : -1;
  const values: (string | number)[] = key === 'file' ? files.map((file) => nameKey(fileName(file))) : key === 'format' ? files.map((file) => file.format) : files.map(FIGURES[key]);
  const order = files.map((_, i) => i).sort((a, b) => {
    const [x, y] = [values[a]!, values[b]!];
    return x < y ? -sign : x > y ? sign : a - b;
  });
  return order.map((i) => files[i]!);
}

/** What the text box looks in: the file's name as shown (archives, then path) and its S3 key, case ignored. */
const searched = (file: EvidenceEntry): string => `${fileName(file)}\n${printable(file.s3Key)}`.toLowerCase();

/** The files, already in order, that `show` keeps and whose name or S3 key holds `text` (case ignored). */
export function filterEvidence(sorted: readonly EvidenceEntry[], { show, text }: Pick<EvidenceQuery, 'show' | 'text'>): EvidenceEntry[] {
  const wanted = text.trim().toLowerCase();
  return sorted.filter((file) => SHOWN[show](file) && (wanted === '' || searched(file).includes(wanted)));
}
