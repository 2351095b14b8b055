import { z } from 'zod';
import { ReasonCode } from '../shared/schema.ts';
import { CUSTOM_FIELD_TYPES, REASON_KINDS } from './constants.ts';
import { DealStageSchema } from './lifecycle.schema.ts';

export const CUSTOM_FIELD_ENTITIES = ['lead', 'account', 'deal'] as const;
const Label = z.string().trim().min(1).max(200);

export const ReasonCodeView = z.object({
  kind: z.enum(REASON_KINDS),
  code: z.string(),
  label: z.string(),
  active: z.boolean(),
  position: z.number().int(),
});
export type ReasonCodeView = z.infer<typeof ReasonCodeView>;

export const ReasonCodeListQuery = z.object({ kind: z.enum(REASON_KINDS).optional() });
export const ReasonCodeParams = z.object({ kind: z.enum(REASON_KINDS), code: ReasonCode });
export type ReasonCodeParams = z.infer<typeof ReasonCodeParams>;

// Absent fields keep their current value; a new code defaults to active, placed last.
export const ReasonCodePut = z.strictObject({
  label: Label,
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type ReasonCodePut = z.infer<typeof ReasonCodePut>;

export const DealStage = DealStageSchema;
export type DealStage = z.infer<typeof DealStage>;
export const DealStageList = z.object({ stages: z.array(DealStage) });
export type DealStageList = z.infer<typeof DealStageList>;
export const DealStagesPut = z.strictObject({ stages: z.array(DealStageSchema).min(1).max(50) });
export type DealStagesPut = z.infer<typeof DealStagesPut>;

export const CustomFieldEntity = z.enum(CUSTOM_FIELD_ENTITIES);
export const CustomFieldDef = z.object({
  entity: CustomFieldEntity,
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()).nullable(),
});
export type CustomFieldDef = z.infer<typeof CustomFieldDef>;

export const CustomFieldListQuery = z.object({ entity: CustomFieldEntity.optional() });
export const CustomFieldParams = z.object({ entity: CustomFieldEntity, key: ReasonCode });
export type CustomFieldParams = z.infer<typeof CustomFieldParams>;
export const CustomFieldPut = z.strictObject({
  label: Label,
  type: z.enum(CUSTOM_FIELD_TYPES),
  /** The allowed values of a `select` field, and of no other type. */
  options: z.array(z.string().trim().min(1).max(200)).min(1).max(200).nullable().optional(),
});
export type CustomFieldPut = z.infer<typeof CustomFieldPut>;
