/** A table's order: the column it is ordered by, and which way. */
export interface SortOrder<Key extends string> {
  key: Key;
  direction: 'asc' | 'desc';
}

/** The order after a column header is picked: the same column turns round, another starts in `first` (names A to Z, figures largest first). */
export function pickedOrder<Key extends string>(current: SortOrder<Key>, key: Key, first: (key: Key) => SortOrder<Key>['direction']): SortOrder<Key> {
  return { key, direction: current.key === key ? (current.direction === 'asc' ? 'desc' : 'asc') : first(key) };
}
