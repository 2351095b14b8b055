import { encodeCursor, type Page } from './cursor.ts';

/** Turns limit+1 rows into a page and the cursor after its last row. */
export function pageFromRows<R extends { id: string; sort_key: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: more && last ? encodeCursor({ value: last.sort_key, id: last.id }) : null,
  };
}
