import type { Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type AccountId, newId, type OrgId } from '../shared/ids.ts';
import { toAccount } from './account-queries.ts';
import type { Account, AccountCreate } from './accounts.schema.ts';
import { findAccountByDomain, findAccountByExternalId, insertAccount } from './accounts.store.ts';
import { assertCustomValues } from './assert-custom-values.ts';
import { assertReferences } from './references.store.ts';

export async function createAccount(trx: Trx, ctx: CommandContext, input: AccountCreate): Promise<Account> {
  const { orgId } = ctx.actor;
  const domain = normalizeDomain(input.domain);
  await assertReferences(trx, orgId, { ownerId: input.ownerId });
  if (input.custom) await assertCustomValues(trx, ctx, input.custom, 'account');
  await assertAccountUnique(trx, orgId, { domain, externalId: input.externalId ?? null });
  const row = await insertAccount(trx, orgId, {
    id: newId<AccountId>(),
    name: input.name,
    domain,
    industry: input.industry ?? null,
    employee_count: input.employeeCount ?? null,
    country: input.country ?? null,
    owner_id: input.ownerId ?? null,
    external_id: input.externalId ?? null,
    custom: JSON.stringify(input.custom ?? {}),
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  return toAccount(row);
}

// Host names are case-insensitive; storing them lower-cased lets the unique index and
// lead-to-account matching compare plain strings.
export function normalizeDomain(domain: string | null | undefined): string | null {
  if (domain === null || domain === undefined) return null;
  return domain.trim().toLowerCase();
}

/** Refuses a domain or external id that another account of the org already has. */
export async function assertAccountUnique(
  trx: Trx,
  orgId: OrgId,
  values: { domain: string | null; externalId: string | null },
  self?: AccountId,
): Promise<void> {
  if (values.domain) {
    const other = await findAccountByDomain(trx, orgId, values.domain);
    if (other && other.id !== self) {
      throw new AppError('conflict', `domain: account ${other.id} already has the domain ${values.domain}`, 'domain');
    }
  }
  if (values.externalId) {
    const other = await findAccountByExternalId(trx, orgId, values.externalId);
    if (other && other.id !== self) {
      throw new AppError(
        'conflict',
        `externalId: an account with external id ${values.externalId} already exists`,
        'externalId',
      );
    }
  }
}
