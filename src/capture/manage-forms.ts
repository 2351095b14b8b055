import { randomBytes } from 'node:crypto';
import type { Trx } from '../db/database.ts';
import type { CustomFieldType } from '../lifecycle/constants.ts';
import { createMachineUser } from '../platform/create-machine-user.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type CampaignId, type FormId, newId, type OrgId } from '../shared/ids.ts';
import { findCampaign } from './campaigns.store.ts';
import { customLeadFieldTypes, toForm } from './form-queries.ts';
import { checkFormDefinition } from './form-rules.ts';
import type { Form, FormCreate, FormField, FormUpdate } from './forms.schema.ts';
import { deleteFormRow, type FormPatch, findForm, insertForm, updateFormRow } from './forms.store.ts';

/** Bots fill an input named like this; people never see it. */
export const DEFAULT_HONEYPOT = 'website';

// A form gets a public key (24 random URL-safe characters, 144 bits) and a machine user
// that its submissions act as.
export async function createForm(trx: Trx, ctx: CommandContext, input: FormCreate): Promise<Form> {
  const { orgId } = ctx.actor;
  const honeypot = input.honeypotField === undefined ? DEFAULT_HONEYPOT : input.honeypotField;
  await assertForm(trx, orgId, input.fields, honeypot, input.campaignId ?? null);
  const actorId = await createMachineUser(trx, orgId, { name: `Web form: ${input.name}`, role: 'marketing' });
  const row = await insertForm(trx, orgId, {
    id: newId<FormId>(),
    key: randomBytes(18).toString('base64url'),
    name: input.name,
    fields: JSON.stringify(input.fields),
    campaign_id: input.campaignId ?? null,
    redirect_url: input.redirectUrl ?? null,
    honeypot_field: honeypot,
    active: input.active ?? true,
    actor_id: actorId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  return toForm(row);
}

export async function updateForm(trx: Trx, ctx: CommandContext, id: FormId, input: FormUpdate): Promise<Form> {
  const { orgId } = ctx.actor;
  const current = await findForm(trx, orgId, id, { forUpdate: true });
  if (!current) throw notFound('form', id);
  const fields = input.fields ?? current.fields;
  const honeypot = input.honeypotField === undefined ? current.honeypot_field : input.honeypotField;
  await assertForm(trx, orgId, fields, honeypot, input.campaignId ?? null);
  const patch: FormPatch = { updated_at: ctx.now };
  if (input.name !== undefined) patch.name = input.name;
  if (input.fields !== undefined) patch.fields = JSON.stringify(input.fields);
  if (input.campaignId !== undefined) patch.campaign_id = input.campaignId;
  if (input.redirectUrl !== undefined) patch.redirect_url = input.redirectUrl;
  if (input.honeypotField !== undefined) patch.honeypot_field = input.honeypotField;
  if (input.active !== undefined) patch.active = input.active;
  return toForm(await updateFormRow(trx, orgId, id, patch));
}

// Leads and touchpoints a form captured stay; they never referred to the form.
export async function deleteForm(trx: Trx, ctx: CommandContext, id: FormId): Promise<void> {
  if (!(await deleteFormRow(trx, ctx.actor.orgId, id))) throw notFound('form', id);
}

async function assertForm(
  trx: Trx,
  orgId: OrgId,
  fields: readonly FormField[],
  honeypot: string | null,
  campaignId: CampaignId | null,
): Promise<void> {
  if (campaignId && !(await findCampaign(trx, orgId, campaignId))) {
    throw new AppError('validation_failed', `campaignId: campaign ${campaignId} was not found`, 'campaignId');
  }
  const customTypes: Map<string, CustomFieldType> = await customLeadFieldTypes(trx, orgId);
  const problem = checkFormDefinition(fields, honeypot, customTypes);
  if (problem) throw new AppError('validation_failed', `${problem.field}: ${problem.message}`, problem.field);
}
