import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TouchpointType } from '../../../src/capture/constants.ts';
import type { LeadScoreView, MqlDefinition, MqlDefinitionInput } from '../../../src/handoff/mql.schema.ts';
import type { ConditionMode, RequiredField } from '../../../src/handoff/mql-definition.ts';
import type { FieldOp, ScoreField } from '../../../src/handoff/scoring.ts';
import type { CustomFieldDef } from '../../../src/lifecycle/settings.schema.ts';
import { ApiError, api, type Items } from '../platform/api.ts';

// The MQL definition as the settings tab edits it: every input is kept as typed (numbers
// and lists as text) and turned into the API's shape only to preview or save, so a
// half-typed "DE, " or an empty number reaches the server, which names what is wrong.

export const mqlDefinitionQuery = queryOptions({
  queryKey: ['mql-definition'],
  queryFn: ({ signal }) => api.get<MqlDefinition>('/handoff/mql-definition', undefined, signal),
  staleTime: 30_000,
});

export const leadCustomFieldsQuery = queryOptions({
  queryKey: ['custom-fields', 'lead'],
  queryFn: ({ signal }) =>
    api.get<Items<CustomFieldDef>>('/custom-fields', { entity: 'lead' }, signal).then((r) => r.items),
  staleTime: 60_000,
});

export const leadScoreQuery = (leadId: string, updatedAt: string) =>
  queryOptions({
    queryKey: ['leads', 'score', leadId, updatedAt],
    queryFn: ({ signal }) => api.get<LeadScoreView>(`/leads/${leadId}/score`, undefined, signal),
  });

export type DraftInput = z.input<typeof MqlDefinitionInput>;
export type ConditionKind = DraftInput['conditions'][number]['kind'];
export type RuleKind = DraftInput['scoringRules'][number]['kind'];

export interface ConditionRow {
  readonly rowId: number;
  readonly kind: ConditionKind;
  readonly mode: ConditionMode;
  /** Comma-separated values, domains or (for custom) the accepted values. */
  readonly values: string;
  readonly key: string;
  readonly min: string;
  readonly max: string;
}

export interface RuleRow {
  readonly rowId: number;
  readonly kind: RuleKind;
  readonly touchType: TouchpointType;
  readonly points: string;
  readonly cap: string;
  readonly field: ScoreField;
  readonly op: FieldOp;
  /** One value, or comma-separated values for `in`. */
  readonly value: string;
}

export interface Draft {
  readonly scoreThreshold: string;
  readonly scoreHalfLifeDays: string;
  readonly requiredFields: readonly RequiredField[];
  readonly conditions: readonly ConditionRow[];
  readonly scoringRules: readonly RuleRow[];
}

let nextRowId = 0;
const rowId = () => nextRowId++;

export function newCondition(kind: ConditionKind): ConditionRow {
  return { rowId: rowId(), kind, mode: 'exclude', values: '', key: '', min: '', max: '' };
}

export function newRule(kind: RuleKind): RuleRow {
  return {
    rowId: rowId(),
    kind,
    touchType: 'form_fill',
    points: '10',
    cap: '',
    field: 'title',
    op: 'contains',
    value: '',
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
const optionalNumber = (text: string) => (text.trim() === '' ? null : Number(text));

export function fromDefinition(definition: MqlDefinition): Draft {
  return {
    scoreThreshold: String(definition.scoreThreshold),
    scoreHalfLifeDays: String(definition.scoreHalfLifeDays),
    requiredFields: definition.requiredFields,
    conditions: definition.conditions.map((c) => ({
      ...newCondition(c.kind),
      mode: 'mode' in c ? c.mode : 'exclude',
      values: 'values' in c ? c.values.join(', ') : 'domains' in c ? c.domains.join(', ') : '',
      key: 'key' in c ? c.key : '',
      min: 'min' in c && c.min !== null ? String(c.min) : '',
      max: 'max' in c && c.max !== null ? String(c.max) : '',
    })),
    scoringRules: definition.scoringRules.map((r) =>
      r.kind === 'touch'
        ? {
            ...newRule('touch'),
            touchType: r.touchType,
            points: String(r.points),
            cap: r.cap == null ? '' : String(r.cap),
          }
        : {
            ...newRule('field'),
            field: r.field,
            op: r.match.op,
            value: 'values' in r.match ? r.match.values.join(', ') : String(r.match.value),
            points: String(r.points),
          },
    ),
  };
}

function conditionInput(row: ConditionRow): DraftInput['conditions'][number] {
  switch (row.kind) {
    case 'country':
    case 'email_domain':
      return { kind: row.kind, mode: row.mode, values: list(row.values) };
    case 'custom':
      return { kind: 'custom', key: row.key, mode: row.mode, values: list(row.values) };
    case 'free_mail':
      return { kind: 'free_mail', mode: row.mode };
    case 'competitor':
      return { kind: 'competitor', domains: list(row.values) };
    case 'company_size':
      return { kind: 'company_size', mode: row.mode, min: optionalNumber(row.min), max: optionalNumber(row.max) };
  }
}

function ruleInput(row: RuleRow): DraftInput['scoringRules'][number] {
  if (row.kind === 'touch') {
    return {
      kind: 'touch',
      touchType: row.touchType,
      points: number(row.points),
      cap: optionalNumber(row.cap),
    };
  }
  const match =
    row.op === 'in'
      ? { op: 'in' as const, values: list(row.value) }
      : row.op === 'at_least' || row.op === 'below'
        ? { op: row.op, value: number(row.value) }
        : { op: row.op, value: row.value };
  return { kind: 'field', field: row.field, match, points: number(row.points) };
}

export function toInput(draft: Draft): DraftInput {
  return {
    scoreThreshold: number(draft.scoreThreshold),
    scoreHalfLifeDays: number(draft.scoreHalfLifeDays),
    requiredFields: [...draft.requiredFields],
    conditions: draft.conditions.map(conditionInput),
    scoringRules: draft.scoringRules.map(ruleInput),
  };
}

/** The API's message when it names `path` or a field under it. */
export function errorAt(error: unknown, path: string): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  return error.field === path || error.field.startsWith(`${path}.`) ? error.message : null;
}
