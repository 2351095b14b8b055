import { encodeCursor, type Page, type PagedQuery } from './cursor.ts';

/** Turns limit+1 rows into a page and the cursor after its last row. */
export function pageFromRows<R extends { id: string; sort_key: string }, T>(
  rows: R[],
  query: PagedQuery,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > query.limit;
  const pageRows = more ? rows.slice(0, query.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: more && last ? encodeCursor({ value: last.sort_key, id: last.id }, query) : null,
  };
}
