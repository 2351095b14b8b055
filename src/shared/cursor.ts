import { AppError } from './app-error.ts';
import { UUID_PATTERN } from './ids.ts';

// A cursor is the sort value and id of the last row of a page, plus the sort it was made
// for, opaque to clients. A cursor from another sort or order would silently skip rows,
// so it is refused instead.
export interface CursorPosition {
  readonly value: string | number | null;
  readonly id: string;
}

/** What a list query must carry for cursor paging. */
export interface PagedQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly order: 'asc' | 'desc';
  readonly sort?: string | undefined;
}

function orderingOf(query: PagedQuery): string {
  return `${query.sort ?? 'default'}:${query.order}`;
}

export function encodeCursor(position: CursorPosition, query: PagedQuery): string {
  return Buffer.from(JSON.stringify([position.value, position.id, orderingOf(query)])).toString('base64url');
}

/** The position a query's cursor points after, or null for the first page. */
export function cursorOf(query: PagedQuery): CursorPosition | null {
  if (query.cursor === undefined) return null;
  const invalid = (why: string) => new AppError('validation_failed', `cursor: ${why}`, 'cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor returned by this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid('not a cursor returned by this API');
  const [value, id, ordering] = parsed as unknown[];
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) throw invalid('not a cursor returned by this API');
  if (!(value === null || typeof value === 'string' || typeof value === 'number')) {
    throw invalid('not a cursor returned by this API');
  }
  if (ordering !== orderingOf(query)) {
    throw invalid(`this cursor was made for another sort or order (${String(ordering)}); start again without it`);
  }
  return { value, id };
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
