import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { CursorPosition } from './cursor.ts';

// Keyset pagination over (sort expression, id): the next page starts strictly after the
// last row seen, so pages never skip or repeat rows while new rows arrive.
export function afterCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  sortExpr: Expression<unknown>,
  idExpr: Expression<unknown>,
  cursor: CursorPosition,
  order: 'asc' | 'desc',
  castTo: 'timestamptz' | 'int' | 'text' | 'date' | 'bigint',
): Expression<SqlBool> {
  const value = sql`cast(${cursor.value} as ${sql.raw(castTo)})`;
  return order === 'asc'
    ? eb(sql`(${sortExpr}, ${idExpr})`, '>', sql`(${value}, cast(${cursor.id} as uuid))`)
    : eb(sql`(${sortExpr}, ${idExpr})`, '<', sql`(${value}, cast(${cursor.id} as uuid))`);
}
