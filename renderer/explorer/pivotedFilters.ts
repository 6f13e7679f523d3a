import { filterSlot, isPivot, type Filter } from '../query/queryProtocol';

/**
 * `current` with `next` in place of the filters of their slots, and without those `dropped` says to
 * leave out. A new actor pivot also takes away the filters set as part of an earlier one (see
 * Pivot.withActor), even once that one's chip was removed: left, they would hide the new actor's
 * events elsewhere without its pivot saying so.
 */
export function pivotedFilters(current: readonly Filter[], next: readonly Filter[], dropped: (filter: Filter) => boolean = () => false): Filter[] {
  const slots = new Set(next.map(filterSlot));
  const ofActor = (filter: Filter): boolean => slots.has('actor') && isPivot(filter) && filter.withActor === true;
  return [...current.filter((filter) => !slots.has(filterSlot(filter)) && !ofActor(filter) && !dropped(filter)), ...next];
}
