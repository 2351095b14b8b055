import type { Trx } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { AccountId } from '../shared/ids.ts';
import { toAccount } from './account-queries.ts';
import type { Account, AccountUpdate } from './accounts.schema.ts';
import { type AccountPatch, findAccount, updateAccountRow } from './accounts.store.ts';
import { assertCustomValues } from './assert-custom-values.ts';
import { assertAccountUnique, normalizeDomain } from './create-account.ts';
import { assertReferences } from './references.store.ts';

// Updates the fields a client sent; absent fields stay as they are.
export async function updateAccount(
  trx: Trx,
  ctx: CommandContext,
  id: AccountId,
  input: AccountUpdate,
): Promise<Account> {
  const { orgId } = ctx.actor;
  const current = await findAccount(trx, orgId, id, { forUpdate: true });
  if (!current) throw notFound('account', id);
  await assertReferences(trx, orgId, { ownerId: input.ownerId });
  if (input.custom) await assertCustomValues(trx, ctx, input.custom, 'account');
  const domain = input.domain === undefined ? undefined : normalizeDomain(input.domain);
  await assertAccountUnique(trx, orgId, { domain: domain ?? null, externalId: input.externalId ?? null }, id);
  const patch: AccountPatch = { updated_at: ctx.now };
  if (input.name !== undefined) patch.name = input.name;
  if (domain !== undefined) patch.domain = domain;
  if (input.industry !== undefined) patch.industry = input.industry;
  if (input.employeeCount !== undefined) patch.employee_count = input.employeeCount;
  if (input.country !== undefined) patch.country = input.country;
  if (input.ownerId !== undefined) patch.owner_id = input.ownerId;
  if (input.externalId !== undefined) patch.external_id = input.externalId;
  // Custom values merge key by key; a null value clears one key.
  if (input.custom !== undefined) patch.custom = JSON.stringify({ ...current.custom, ...input.custom });
  return toAccount(await updateAccountRow(trx, orgId, id, patch));
}
