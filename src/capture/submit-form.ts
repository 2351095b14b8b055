import { setAuditActor } from '../db/audit.ts';
import type { Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { LeadId } from '../shared/ids.ts';
import { customLeadFieldTypes } from './form-queries.ts';
import { filledHoneypot, inputForLeadField, readSubmission } from './form-rules.ts';
import type { FormSubmission } from './forms.schema.ts';
import { findFormByKey } from './forms.store.ts';
import { IngestItem } from './ingest.schema.ts';
import { ingestLead } from './ingest-lead.ts';

export interface FormPost {
  readonly formKey: string;
  readonly submission: FormSubmission;
  /** The Referer header: the page the form was on, when the browser sends its full address. */
  readonly referer: string | null;
}

export type FormPostOutcome =
  | { readonly kind: 'stored'; readonly leadId: LeadId; readonly redirectUrl: string | null }
  /** The honeypot was filled: answered like a success, and nothing is stored. */
  | { readonly kind: 'dropped'; readonly redirectUrl: string | null };

// A public web-form submission becomes an ingest (type form_fill, the form's campaign
// unless the visit names its own utm_campaign), acting as the form's machine user.
// Problems name the form's own input, so the visitor knows what to fix.
export async function submitForm(trx: Trx, now: Date, post: FormPost): Promise<FormPostOutcome> {
  const form = await findFormByKey(trx, post.formKey);
  if (!form) throw new AppError('not_found', `formKey: there is no form ${post.formKey}`, 'formKey');
  if (!form.active) {
    throw new AppError('not_found', `formKey: form ${post.formKey} no longer takes submissions`, 'formKey');
  }
  if (filledHoneypot(form.honeypot_field, post.submission)) return { kind: 'dropped', redirectUrl: form.redirect_url };
  const ctx: CommandContext = {
    actor: { orgId: form.org_id, userId: form.actor_id, role: 'marketing', teamId: null },
    now,
  };
  await setAuditActor(trx, form.actor_id);
  const customTypes = await customLeadFieldTypes(trx, form.org_id);
  const reading = readSubmission(form.fields, post.submission, post.referer, customTypes);
  if ('problem' in reading) {
    throw new AppError('validation_failed', reading.problem.message, reading.problem.field);
  }
  const parsed = IngestItem.safeParse(reading.item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const leadField = issue?.path.map(String).join('.') ?? 'lead';
    const field = inputForLeadField(form.fields, leadField) ?? leadField;
    throw new AppError('validation_failed', `${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  try {
    const result = await ingestLead(trx, ctx, parsed.data, { defaultCampaignId: form.campaign_id });
    return { kind: 'stored', leadId: result.leadId as LeadId, redirectUrl: form.redirect_url };
  } catch (error) {
    const input = error instanceof AppError && error.field ? inputForLeadField(form.fields, error.field) : null;
    if (!(error instanceof AppError) || !error.field || input === null) throw error;
    throw new AppError(error.code, `${input}${error.message.slice(error.field.length)}`, input);
  }
}
