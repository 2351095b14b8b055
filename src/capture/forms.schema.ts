import { z } from 'zod';
import { CampaignIdSchema, IsoDateTime, PageQuery, Uuid } from '../shared/schema.ts';

export const FORM_FIELD_TYPES = ['text', 'email', 'tel', 'textarea', 'select', 'checkbox', 'hidden'] as const;
export const LEAD_TARGETS = [
  'email',
  'firstName',
  'lastName',
  'phone',
  'title',
  'company',
  'country',
  'externalId',
] as const;
export type LeadTarget = (typeof LEAD_TARGETS)[number];

/** Inputs every snippet carries besides the form's own fields; a field may not take these names. */
export const TRACKING_FIELDS = [
  'page_url',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const;

const FieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/, 'a letter, then letters, digits, _ or - (at most 63)');

export const FormField = z.strictObject({
  name: FieldName,
  label: z.string().trim().min(1).max(200),
  type: z.enum(FORM_FIELD_TYPES).default('text'),
  required: z.boolean().default(false),
  /** A lead field, or `custom.<key>` for a custom lead field. */
  mapsTo: z.union([
    z.enum(LEAD_TARGETS),
    z.string().regex(/^custom\.[a-z][a-z0-9_]{0,62}$/, 'a lead field or custom.<key>'),
  ]),
  /** The choices of a select field. */
  options: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional(),
});
export type FormField = z.infer<typeof FormField>;

const RedirectUrl = z.url({ protocol: /^https?$/ }).max(2000);

const FormFields = {
  name: z.string().trim().min(1).max(200),
  fields: z.array(FormField).min(1).max(50),
  campaignId: CampaignIdSchema.nullable().optional(),
  /** Where a browser goes after a successful submission (303); without it Baton shows a thank-you page. */
  redirectUrl: RedirectUrl.nullable().optional(),
  /** A hidden input people leave empty; a submission that fills it is answered as a success and dropped. */
  honeypotField: FieldName.nullable().optional(),
  active: z.boolean().optional(),
};

export const FormCreate = z.strictObject(FormFields);
export type FormCreate = z.infer<typeof FormCreate>;
export const FormUpdate = z.strictObject({
  ...FormFields,
  name: FormFields.name.optional(),
  fields: FormFields.fields.optional(),
});
export type FormUpdate = z.infer<typeof FormUpdate>;

export const Form = z.object({
  id: Uuid,
  /** Public: it is the address submissions go to. */
  key: z.string(),
  name: z.string(),
  fields: z.array(FormField),
  campaignId: Uuid.nullable(),
  redirectUrl: z.string().nullable(),
  honeypotField: z.string().nullable(),
  active: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Form = z.infer<typeof Form>;

export const FormIdParams = z.object({ id: Uuid.brand<'FormId'>() });
export const FormListQuery = PageQuery.extend({ sort: z.enum(['createdAt']).default('createdAt') });
export type FormListQuery = z.infer<typeof FormListQuery>;

export const FormKeyParams = z.object({ formKey: z.string().max(100) });

/** A public submission: the form's field names and the tracking fields, as strings. */
export const FormSubmission = z.record(z.string(), z.unknown());
export type FormSubmission = z.infer<typeof FormSubmission>;

export const FormPostResult = z.object({ ok: z.literal(true), leadId: Uuid });
export type FormPostResult = z.infer<typeof FormPostResult>;
