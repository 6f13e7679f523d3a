import type { SortOrder } from './sortOrder';

/** A column header that orders its table: a button, with the order it gives announced through aria-sort and shown by an arrow. */
export function SortHeader<Key extends string>({ column, sort, onSort }: { column: { key: Key; title: string; hint: string }; sort: SortOrder<Key>; onSort(key: Key): void }) {
  const active = sort.key === column.key;
  return (
    <th scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort" title={column.hint} onClick={() => onSort(column.key)}>
        {column.title}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );
}
