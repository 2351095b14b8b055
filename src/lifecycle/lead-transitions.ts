import type { Role } from '../shared/actor.ts';
import type { LeadStage, ReasonKind } from './constants.ts';

// The demand waterfall as data: for each stage, the stages a lead may move to next.
// `won` and `lost` are reached only by closing the lead's deal; `opportunity` only by
// converting the lead, which creates the deal.
export const LEAD_TRANSITIONS: { readonly [S in LeadStage]: readonly LeadStage[] } = {
  inquiry: ['mql', 'disqualified'],
  mql: ['sal', 'disqualified', 'recycled'],
  sal: ['sql', 'disqualified', 'recycled'],
  sql: ['opportunity', 'disqualified', 'recycled'],
  opportunity: ['won', 'lost'],
  won: [],
  disqualified: ['recycled'],
  recycled: ['mql', 'disqualified'],
  lost: ['recycled'],
};

/**
 * Moves that need a note besides the reason code: rejecting a lead is feedback to
 * marketing, and a code alone does not say what was wrong with this lead.
 */
export const NOTE_REQUIRED: readonly LeadStage[] = ['disqualified'];

/** The reason-code kind a move into this stage requires, if any. */
export const REASON_REQUIRED: { readonly [S in LeadStage]?: ReasonKind } = {
  disqualified: 'reject',
  recycled: 'recycle',
  lost: 'loss',
};

// Roles that may make only some moves by command. Marketing qualifies leads (an inquiry
// or a recycled lead becomes an MQL); accepting or rejecting them is sales' decision.
const ROLE_LEAD_MOVES: { readonly [R in Role]?: readonly (readonly [LeadStage, LeadStage])[] } = {
  marketing: [
    ['inquiry', 'mql'],
    ['recycled', 'mql'],
  ],
};

/** The only moves a role may make by command, or null when the stage machine alone decides. */
export function roleLeadMoves(role: Role): readonly (readonly [LeadStage, LeadStage])[] | null {
  return ROLE_LEAD_MOVES[role] ?? null;
}

/** Stages that only a deal command may enter. */
export const SYSTEM_STAGES: readonly LeadStage[] = ['opportunity', 'won', 'lost'];

export type TransitionVia = 'command' | 'conversion' | 'deal_close';

export interface TransitionRequest {
  readonly from: LeadStage;
  readonly to: LeadStage;
  readonly reasonCode?: string | null | undefined;
  readonly note?: string | null | undefined;
  /** The active reason codes of the kind the target stage needs. */
  readonly validReasonCodes: readonly string[];
  readonly via: TransitionVia;
}

export type TransitionDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly field: 'to' | 'reasonCode' | 'note'; readonly message: string };

export function decideLeadTransition(request: TransitionRequest): TransitionDecision {
  const { from, to, reasonCode, via } = request;
  if (from === to) return { ok: false, field: 'to', message: `the lead is already ${to}` };
  const allowed = LEAD_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const options = allowed.length > 0 ? allowed.join(', ') : 'nothing (it is final)';
    return {
      ok: false,
      field: 'to',
      message: `a lead cannot move from ${from} to ${to}; from ${from} it can move to ${options}`,
    };
  }
  if (to === 'opportunity' && via !== 'conversion') {
    return { ok: false, field: 'to', message: 'a lead becomes an opportunity by conversion, which needs a deal' };
  }
  if ((to === 'won' || to === 'lost') && via !== 'deal_close') {
    return { ok: false, field: 'to', message: `a lead becomes ${to} when its deal is closed; close the deal instead` };
  }
  const kind = REASON_REQUIRED[to];
  if (kind && (reasonCode === undefined || reasonCode === null || reasonCode === '')) {
    return { ok: false, field: 'reasonCode', message: `moving a lead to ${to} needs a ${kind} reason code` };
  }
  if (reasonCode && kind && !request.validReasonCodes.includes(reasonCode)) {
    return {
      ok: false,
      field: 'reasonCode',
      message: `${reasonCode} is not an active ${kind} reason code; use one of ${request.validReasonCodes.join(', ')}`,
    };
  }
  if (reasonCode && !kind) {
    return { ok: false, field: 'reasonCode', message: `moving a lead to ${to} takes no reason code` };
  }
  if (NOTE_REQUIRED.includes(to) && !request.note?.trim()) {
    return { ok: false, field: 'note', message: `moving a lead to ${to} needs a note saying why` };
  }
  return { ok: true };
}

export interface StageEventLike {
  readonly fromStage: LeadStage | null;
  readonly toStage: LeadStage;
}

// The current stage is a fold over the events: the last event's target. An event whose
// `from` does not match the stage before it means history was corrupted.
export function replayStages(events: readonly StageEventLike[]): LeadStage | null {
  let stage: LeadStage | null = null;
  for (const event of events) {
    if (event.fromStage !== stage) {
      throw new Error(`stage history is broken: event from ${event.fromStage} follows stage ${stage}`);
    }
    stage = event.toStage;
  }
  return stage;
}
