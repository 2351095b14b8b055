import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { AccountId, OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import type { Account, AccountListQuery } from './accounts.schema.ts';
import { findAccount, listAccountRows } from './accounts.store.ts';
import type { AccountsTable } from './lifecycle.tables.ts';

export async function getAccount(db: Executor, orgId: OrgId, id: AccountId): Promise<Account> {
  const row = await findAccount(db, orgId, id);
  if (!row) throw notFound('account', id);
  return toAccount(row);
}

export async function listAccounts(db: Executor, orgId: OrgId, query: AccountListQuery): Promise<Page<Account>> {
  const rows = await listAccountRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toAccount);
}

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    employeeCount: row.employee_count,
    country: row.country,
    ownerId: row.owner_id,
    externalId: row.external_id,
    custom: row.custom,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
