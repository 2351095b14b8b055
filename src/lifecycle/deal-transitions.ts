import type { DealStageDef } from './constants.ts';

export interface DealTransitionRequest {
  readonly stages: readonly DealStageDef[];
  readonly from: string;
  readonly to: string;
  readonly reasonCode?: string | null | undefined;
  readonly validLossCodes: readonly string[];
  readonly validWinCodes: readonly string[];
}

export type DealTransitionDecision =
  | { readonly ok: true; readonly closes: 'won' | 'lost' | null }
  | { readonly ok: false; readonly field: 'to' | 'reasonCode'; readonly message: string };

// An open deal may move to any other stage of the org's list, backwards included (deals
// slip). A closed deal is final: a new attempt is a new deal, so history stays honest.
// Closing lost needs a loss reason; closing won takes an optional win reason.
export function decideDealTransition(request: DealTransitionRequest): DealTransitionDecision {
  const { stages, from, to, reasonCode } = request;
  const source = stages.find((s) => s.key === from);
  const target = stages.find((s) => s.key === to);
  if (!target) {
    return {
      ok: false,
      field: 'to',
      message: `${to} is not a deal stage; use one of ${stages.map((s) => s.key).join(', ')}`,
    };
  }
  if (from === to) return { ok: false, field: 'to', message: `the deal is already in ${to}` };
  if (source && source.kind !== 'open') {
    return { ok: false, field: 'to', message: `the deal is closed (${from}) and cannot move; open a new deal instead` };
  }
  const hasReason = reasonCode !== undefined && reasonCode !== null && reasonCode !== '';
  if (target.kind === 'lost') {
    if (!hasReason)
      return { ok: false, field: 'reasonCode', message: 'closing a deal as lost needs a loss reason code' };
    if (!request.validLossCodes.includes(reasonCode)) {
      return {
        ok: false,
        field: 'reasonCode',
        message: `${reasonCode} is not an active loss reason code; use one of ${request.validLossCodes.join(', ')}`,
      };
    }
    return { ok: true, closes: 'lost' };
  }
  if (target.kind === 'won') {
    if (hasReason && !request.validWinCodes.includes(reasonCode)) {
      return {
        ok: false,
        field: 'reasonCode',
        message: `${reasonCode} is not an active win reason code; use one of ${request.validWinCodes.join(', ')}`,
      };
    }
    return { ok: true, closes: 'won' };
  }
  if (hasReason)
    return { ok: false, field: 'reasonCode', message: 'moving between open deal stages takes no reason code' };
  return { ok: true, closes: null };
}

/** Checks an org's configured stage list: unique keys, open stages, exactly one won and one lost stage. */
export function validateDealStages(stages: readonly DealStageDef[]): string | null {
  const keys = new Set(stages.map((s) => s.key));
  if (keys.size !== stages.length) return 'stage keys must be unique';
  if (!stages.some((s) => s.kind === 'open')) return 'at least one open stage is needed';
  if (stages.filter((s) => s.kind === 'won').length !== 1) return 'exactly one won stage is needed';
  if (stages.filter((s) => s.kind === 'lost').length !== 1) return 'exactly one lost stage is needed';
  return null;
}
