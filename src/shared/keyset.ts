import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from './app-error.ts';
import type { CursorPosition } from './cursor.ts';

export type SortCast = 'timestamptz' | 'int' | 'text' | 'date' | 'bigint';

const VALUE_CHECKS: { readonly [C in SortCast]: (value: string | number | null) => boolean } = {
  timestamptz: (v) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(v),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  int: (v) => v !== null && v !== '' && Number.isSafeInteger(Number(v)),
  bigint: (v) => v !== null && v !== '' && Number.isSafeInteger(Number(v)),
  text: (v) => typeof v === 'string',
};

// Keyset pagination over (sort expression, id): the next page starts strictly after the
// last row seen, so pages never skip or repeat rows while new rows arrive.
export function afterCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  sortExpr: Expression<unknown>,
  idExpr: Expression<unknown>,
  cursor: CursorPosition,
  order: 'asc' | 'desc',
  castTo: SortCast,
): Expression<SqlBool> {
  if (!VALUE_CHECKS[castTo](cursor.value)) {
    throw new AppError('validation_failed', 'cursor: not a cursor returned by this API', 'cursor');
  }
  const value = sql`cast(${cursor.value} as ${sql.raw(castTo)})`;
  return order === 'asc'
    ? eb(sql`(${sortExpr}, ${idExpr})`, '>', sql`(${value}, cast(${cursor.id} as uuid))`)
    : eb(sql`(${sortExpr}, ${idExpr})`, '<', sql`(${value}, cast(${cursor.id} as uuid))`);
}
