// The demand waterfall and its off-ramps, declared once for types, schemas, SQL and UI.
export const LEAD_STAGES = [
  'inquiry',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'won',
  'disqualified',
  'recycled',
  'lost',
] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const REASON_KINDS = ['reject', 'recycle', 'loss', 'win'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export const DEAL_STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type DealStageKind = (typeof DEAL_STAGE_KINDS)[number];

export const DEAL_OUTCOMES = ['won', 'lost'] as const;
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

export interface DealStageDef {
  readonly key: string;
  readonly label: string;
  readonly kind: DealStageKind;
  readonly probability: number;
}

export const DEFAULT_DEAL_STAGES: readonly DealStageDef[] = [
  { key: 'discovery', label: 'Discovery', kind: 'open', probability: 10 },
  { key: 'demo', label: 'Demo', kind: 'open', probability: 25 },
  { key: 'proposal', label: 'Proposal', kind: 'open', probability: 50 },
  { key: 'negotiation', label: 'Negotiation', kind: 'open', probability: 75 },
  { key: 'closed_won', label: 'Closed won', kind: 'won', probability: 100 },
  { key: 'closed_lost', label: 'Closed lost', kind: 'lost', probability: 0 },
];

export const DEFAULT_REASON_CODES: readonly { kind: ReasonKind; code: string; label: string }[] = [
  { kind: 'reject', code: 'no_budget', label: 'No budget' },
  { kind: 'reject', code: 'not_decision_maker', label: 'Not a decision maker' },
  { kind: 'reject', code: 'bad_fit', label: 'Not our target customer' },
  { kind: 'reject', code: 'bad_data', label: 'Invalid or fake contact data' },
  { kind: 'reject', code: 'competitor', label: 'Competitor or vendor' },
  { kind: 'reject', code: 'student_or_job_seeker', label: 'Student or job seeker' },
  { kind: 'reject', code: 'duplicate', label: 'Duplicate of another lead' },
  { kind: 'recycle', code: 'not_ready', label: 'Interested but not ready to buy' },
  { kind: 'recycle', code: 'no_response', label: 'No response after follow-ups' },
  { kind: 'recycle', code: 'timing', label: 'Bad timing, revisit later' },
  { kind: 'recycle', code: 'nurture_needed', label: 'Needs more education' },
  { kind: 'loss', code: 'price', label: 'Price too high' },
  { kind: 'loss', code: 'competitor_won', label: 'Chose a competitor' },
  { kind: 'loss', code: 'no_decision', label: 'No decision / status quo' },
  { kind: 'loss', code: 'missing_feature', label: 'Missing feature' },
  { kind: 'loss', code: 'timing', label: 'Timing' },
  { kind: 'win', code: 'product_fit', label: 'Best product fit' },
  { kind: 'win', code: 'price', label: 'Best price' },
  { kind: 'win', code: 'relationship', label: 'Relationship / trust' },
  { kind: 'win', code: 'time_to_value', label: 'Fastest time to value' },
];

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'select'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
