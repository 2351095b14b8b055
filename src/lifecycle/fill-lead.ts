import type { Trx } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { AccountId, LeadId } from '../shared/ids.ts';
import type { LeadWriteOptions } from './create-lead.ts';
import { findLead, findLeadByExternalId } from './leads.store.ts';
import type { LeadUpdate } from './lifecycle.schema.ts';
import type { CustomValues } from './lifecycle.tables.ts';
import { updateLead } from './update-lead.ts';

export interface LeadValues {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly title: string | null;
  readonly companyName: string | null;
  readonly country: string | null;
  readonly externalId: string | null;
  readonly accountId: AccountId | null;
  readonly custom: CustomValues;
}

// A second arrival of the same person completes the lead without overwriting it: a field
// (or custom value) is written only where the lead has none yet. Answers the fields written.
export async function fillEmptyLeadFields(
  trx: Trx,
  ctx: CommandContext,
  leadId: LeadId,
  values: LeadValues,
  options: LeadWriteOptions = {},
): Promise<string[]> {
  const current = await findLead(trx, ctx.actor.orgId, leadId, { forUpdate: true });
  if (!current) throw notFound('lead', leadId);
  const patch: LeadUpdate = {};
  const empty = (value: unknown) => value === null || value === undefined || value === '';
  if (empty(current.first_name) && values.firstName) patch.firstName = values.firstName;
  if (empty(current.last_name) && values.lastName) patch.lastName = values.lastName;
  if (empty(current.email) && values.email) patch.email = values.email;
  if (empty(current.phone) && values.phone) patch.phone = values.phone;
  if (empty(current.title) && values.title) patch.title = values.title;
  if (empty(current.company_name) && values.companyName) patch.companyName = values.companyName;
  if (empty(current.country) && values.country) patch.country = values.country;
  // An external id is unique: it is not filled when another lead holds it, as a lead merged
  // into this one does (identity matching followed it here).
  if (
    empty(current.external_id) &&
    values.externalId &&
    !(await findLeadByExternalId(trx, ctx.actor.orgId, values.externalId))
  ) {
    patch.externalId = values.externalId;
  }
  if (empty(current.account_id) && values.accountId) patch.accountId = values.accountId;
  const custom = Object.fromEntries(
    Object.entries(values.custom).filter(([key, value]) => !empty(value) && empty(current.custom[key])),
  );
  if (Object.keys(custom).length > 0) patch.custom = custom;
  const written = Object.keys(patch);
  if (written.length > 0) await updateLead(trx, ctx, leadId, patch, options);
  return written;
}
