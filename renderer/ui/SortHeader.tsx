import type { SortOrder } from './sortOrder';

/** A column the table can be ordered by; a `numeric` one holds figures, set flush right, and its header with them. */
export interface SortColumn<Key extends string> {
  key: Key;
  title: string;
  hint: string;
  numeric?: boolean;
}

/**
 * A column header that orders its table: a button, with the order it gives announced through
 * aria-sort and shown by an arrow. A numeric column's header is set right, its arrow before the
 * title, so that the title ends where the figures under it end.
 */
export function SortHeader<Key extends string>({ column, sort, onSort }: { column: SortColumn<Key>; sort: SortOrder<Key>; onSort(key: Key): void }) {
  const active = sort.key === column.key;
  const arrow = active ? (sort.direction === 'asc' ? '▲' : '▼') : '';
  const mark = (
    <span aria-hidden="true" className="sort-mark">
      {/* Before a title, the arrow keeps to its first word's line (a no-break space). */}
      {arrow && (column.numeric ? `${arrow}\u00a0` : ` ${arrow}`)}
    </span>
  );
  return (
    <th scope="col" className={column.numeric ? 'num' : undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort" title={column.hint} onClick={() => onSort(column.key)}>
        {column.numeric && mark}
        {column.title}
        {!column.numeric && mark}
      </button>
    </th>
  );
}
