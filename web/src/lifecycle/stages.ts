import { queryOptions } from '@tanstack/react-query';
import type { LeadStage, ReasonKind } from '../../../src/lifecycle/constants.ts';
import type { DealStageList, ReasonCodeView } from '../../../src/lifecycle/settings.schema.ts';
import { api, type Items } from '../platform/api.ts';

export const STAGE_LABEL: { readonly [S in LeadStage]: string } = {
  inquiry: 'Inquiry',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  won: 'Won',
  disqualified: 'Disqualified',
  recycled: 'Recycled',
  lost: 'Lost',
};

/** The button that moves a lead into a stage says what the move means to a person. */
export const MOVE_LABEL: { readonly [S in LeadStage]: string } = {
  inquiry: 'Back to inquiry',
  mql: 'Mark MQL',
  sal: 'Accept (SAL)',
  sql: 'Qualify (SQL)',
  opportunity: 'Convert to opportunity…',
  won: 'Won',
  disqualified: 'Reject…',
  recycled: 'Recycle…',
  lost: 'Lost',
};

export function stageLabel(stage: string): string {
  return (STAGE_LABEL as Readonly<Record<string, string>>)[stage] ?? stage;
}

export const reasonCodesQuery = (kind?: ReasonKind) =>
  queryOptions({
    queryKey: ['reason-codes', kind ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<Items<ReasonCodeView>>('/reason-codes', kind ? { kind } : undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const dealStagesQuery = queryOptions({
  queryKey: ['deal-stages'],
  queryFn: ({ signal }) => api.get<DealStageList>('/deal-stages', undefined, signal).then((r) => r.stages),
  staleTime: 5 * 60_000,
});
