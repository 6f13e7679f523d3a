import { listed } from '../../shared/listed';
import type { Filter } from '../query/queryProtocol';

/**
 * What the detail pane's pivots start from: the listing's filters when the investigator keeps them
 * (a pivot then narrows the listing, replacing only the filter of its own slot), none otherwise, so
 * that a pivot lists every event with its value ("everything this IP did", whatever the listing held).
 */
export const pivotBase = (filters: readonly Filter[], keep: boolean): readonly Filter[] => (keep ? filters : []);

/** The pivots' heading, given the names of the listing's filters (as their chips name them) and whether pivots keep them: it says what pressing one lists. */
export const pivotHeading = (names: readonly string[], keep: boolean): string => (names.length > 0 && keep ? 'Narrow the listing to events with…' : 'Show all events with…');

/** The choice to keep the listing's filters under a pivot, named after them: `Keep the listing's Actor and Source IP filters`. */
export const keepFiltersLabel = (names: readonly string[]): string => `Keep the listing's ${listed(names)} filter${names.length > 1 ? 's' : ''}`;
