import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { AccountId, OrgId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { AccountListQuery } from './accounts.schema.ts';
import type { AccountsTable } from './lifecycle.tables.ts';

export type AccountInsert = Omit<Insertable<AccountsTable>, 'org_id'>;
export type AccountPatch = Omit<Updateable<AccountsTable>, 'org_id' | 'id' | 'created_at'>;

export function insertAccount(db: Executor, orgId: OrgId, account: AccountInsert) {
  return db
    .insertInto('accounts')
    .values({ ...account, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts unless an account already has the domain (or id); answers null then. */
export function insertAccountUnlessDomainTaken(db: Executor, orgId: OrgId, account: AccountInsert) {
  return db
    .insertInto('accounts')
    .values({ ...account, org_id: orgId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
}

export function findAccount(db: Executor, orgId: OrgId, id: AccountId, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('accounts').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findAccountByExternalId(db: Executor, orgId: OrgId, externalId: string) {
  return db
    .selectFrom('accounts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export function findAccountByDomain(db: Executor, orgId: OrgId, domain: string) {
  return db
    .selectFrom('accounts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('domain', '=', domain)
    .executeTakeFirst();
}

export function updateAccountRow(db: Executor, orgId: OrgId, id: AccountId, patch: AccountPatch) {
  return db
    .updateTable('accounts')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const SORT_COLUMNS = {
  createdAt: { expr: sql`a.created_at`, cast: 'timestamptz' },
  name: { expr: sql`a.name`, cast: 'text' },
} as const;

export function listAccountRows(db: Executor, orgId: OrgId, query: AccountListQuery, cursor: CursorPosition | null) {
  const sort = SORT_COLUMNS[query.sort];
  let q = db
    .selectFrom('accounts as a')
    .selectAll('a')
    .select(sql<string>`cast(${sort.expr} as text)`.as('sort_key'))
    .where('a.org_id', '=', orgId);
  if (query.ownerId === 'none') q = q.where('a.owner_id', 'is', null);
  else if (query.ownerId) q = q.where('a.owner_id', '=', query.ownerId);
  if (query.industry) q = q.where('a.industry', '=', query.industry);
  if (query.country) q = q.where('a.country', '=', query.country);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('a.name', 'ilike', pattern), eb('a.domain', 'ilike', pattern)]));
  }
  if (cursor) q = q.where((eb) => afterCursor(eb, sort.expr, sql`a.id`, cursor, query.order, sort.cast));
  return q
    .orderBy(sort.expr, query.order)
    .orderBy('a.id', query.order)
    .limit(query.limit + 1)
    .execute();
}
