import type { Trx } from '../db/database.ts';
import type { CommandContext } from '../shared/context.ts';
import { type AccountId, newId } from '../shared/ids.ts';
import { findAccountByDomain, insertAccountUnlessDomainTaken } from './accounts.store.ts';
import { normalizeDomain } from './create-account.ts';

export interface EnsuredAccount {
  readonly accountId: AccountId;
  readonly created: boolean;
}

// The account that owns a company e-mail domain, created (named after the company, else the
// domain) when there is none. Race-safe: of two requests creating the same domain at once,
// the second's insert waits for the first and then finds its row.
export async function ensureAccountForDomain(
  trx: Trx,
  ctx: CommandContext,
  input: { domain: string; name: string | null },
): Promise<EnsuredAccount> {
  const { orgId } = ctx.actor;
  const domain = normalizeDomain(input.domain) ?? input.domain;
  const existing = await findAccountByDomain(trx, orgId, domain);
  if (existing) return { accountId: existing.id, created: false };
  const inserted = await insertAccountUnlessDomainTaken(trx, orgId, {
    id: newId<AccountId>(),
    name: input.name?.trim() || domain,
    domain,
    industry: null,
    employee_count: null,
    country: null,
    owner_id: null,
    external_id: null,
    custom: '{}',
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  if (inserted) return { accountId: inserted.id, created: true };
  const winner = await findAccountByDomain(trx, orgId, domain);
  if (!winner) throw new Error(`account for ${domain} vanished after a conflicting insert`);
  return { accountId: winner.id, created: false };
}
