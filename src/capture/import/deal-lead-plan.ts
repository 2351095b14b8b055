import type { LeadStage } from '../../lifecycle/constants.ts';
import { LEAD_TRANSITIONS } from '../../lifecycle/lead-transitions.ts';

export interface LeadState {
  readonly stage: LeadStage;
  readonly stageChangedAt: Date;
}

export interface LinkedDeal {
  readonly createdAt: Date;
  readonly outcome: 'won' | 'lost' | null;
  readonly closedAt: Date | null;
}

export interface LeadMove {
  readonly from: LeadStage;
  readonly to: LeadStage;
  readonly at: Date;
}

/** The waterfall a lead walks to become an opportunity; a recycled lead re-enters it at mql. */
const WATERFALL: readonly LeadStage[] = ['inquiry', 'mql', 'sal', 'sql', 'opportunity'];

// A pure rule: what the lifecycle would have done to a lead as the imported deals linked to
// it were opened and closed, in time order. A deal opening converts the lead: a lead before
// opportunity (or recycled) walks the waterfall to opportunity, each implied move a
// millisecond after the last, as imported leads do. Closing a deal moves an opportunity as
// transitionDeal does: won by its first won deal; lost only when no other deal of the lead
// is open at that moment (`openElsewhere` counts the lead's open deals outside the import).
// A lead that is disqualified, lost or won keeps its stage: the stage machine has no move
// from there to opportunity. No move is earlier than the lead's last stage change.
export function planLeadMoves(lead: LeadState, deals: readonly LinkedDeal[], openElsewhere: number): LeadMove[] {
  const moves: LeadMove[] = [];
  let stage = lead.stage;
  let last = lead.stageChangedAt.getTime();
  const move = (to: LeadStage, at: number) => {
    if (!LEAD_TRANSITIONS[stage].includes(to)) throw new Error(`a lead cannot move from ${stage} to ${to}`);
    last = Math.max(at, last + 1);
    moves.push({ from: stage, to, at: new Date(last) });
    stage = to;
  };
  const points = deals
    .flatMap((deal) => [
      { deal, at: deal.createdAt.getTime(), closes: null },
      ...(deal.outcome && deal.closedAt ? [{ deal, at: deal.closedAt.getTime(), closes: deal.outcome }] : []),
    ])
    // Openings before closings at the same moment: a deal opened and closed at once still converts first.
    .sort((a, b) => a.at - b.at || (a.closes === null ? 0 : 1) - (b.closes === null ? 0 : 1));
  for (const point of points) {
    if (point.closes === null) {
      const start = stage === 'recycled' ? 0 : WATERFALL.indexOf(stage);
      if (start < 0 || stage === 'opportunity') continue;
      for (const to of WATERFALL.slice(start + 1)) move(to, point.at);
      continue;
    }
    if (stage !== 'opportunity') continue;
    if (point.closes === 'won') {
      move('won', point.at);
      continue;
    }
    const otherOpen =
      openElsewhere > 0 ||
      deals.some(
        (d) =>
          d !== point.deal &&
          d.createdAt.getTime() <= point.at &&
          (d.closedAt === null || d.closedAt.getTime() > point.at),
      );
    if (!otherOpen) move('lost', point.at);
  }
  return moves;
}
