import type { SortOrder } from '../ui/sortOrder';
import type { CaseInfo } from './caseRegistry';

const CASE_SORT_KEYS = ['name', 'events', 'start', 'duration', 'evidence', 'created', 'lastOpened'] as const;

/** What the start screen can order the cases by ('start': the earliest event's time; 'duration': from it to the latest's). */
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];

export type CaseSort = SortOrder<CaseSortKey>;

/** The most recently opened first: the order before the investigator picks one. */
export const DEFAULT_CASE_SORT: CaseSort = { key: 'lastOpened', direction: 'desc' };

/** The direction a column starts in when first picked: names A to Z, everything else largest or latest first. */
export const firstDirection = (key: CaseSortKey): CaseSort['direction'] => (key === 'name' ? 'asc' : 'desc');

const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** How long a case's events span, in ms, from the earliest to the latest; null when none has a time. */
export const caseDuration = ({ minTime, maxTime }: Pick<CaseInfo, 'minTime' | 'maxTime'>): number | null => (minTime === null ? null : (maxTime ?? minTime) - minTime);

/** A case's value for a numeric key; null where it has none (a case without timed events has no start nor duration). */
function valueOf(info: CaseInfo, key: Exclude<CaseSortKey, 'name'>): number | null {
  if (key === 'start') return info.minTime;
  if (key === 'duration') return caseDuration(info);
  return info[key];
}

/**
 * The cases in the chosen order. Names compare as people read them ('IR-9' before 'IR-10', case
 * ignored); cases without a value (no events with a time) come last in either direction; ties keep
 * the order they came in.
 */
export function sortCases(cases: readonly CaseInfo[], { key, direction }: CaseSort): CaseInfo[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...cases].sort((a, b) => {
    if (key === 'name') return sign * names.compare(a.name, b.name);
    const [x, y] = [valueOf(a, key), valueOf(b, key)];
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0);
    return sign * (x - y);
  });
}

/** Whether a stored value is a sort this version understands (a pref may come from another version, or be damaged). */
export function isCaseSort(value: unknown): value is CaseSort {
  if (typeof value !== 'object' || value === null) return false;
  const { key, direction } = value as Record<string, unknown>;
  return CASE_SORT_KEYS.includes(key as CaseSortKey) && (direction === 'asc' || direction === 'desc');
}
