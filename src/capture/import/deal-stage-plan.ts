import type { DealStageDef } from '../../lifecycle/constants.ts';
import { RowError } from './import-result.ts';

export interface PlannedDealStage {
  readonly stage: string;
  readonly outcome: 'won' | 'lost' | null;
  /** The stage events that lead to `stage`, so the deal's stage is the fold of its events. */
  readonly events: readonly { from: string | null; to: string; at: Date }[];
  readonly closedAt: Date | null;
}

const OUTCOMES: Record<string, 'won' | 'lost'> = {
  won: 'won',
  win: 'won',
  'closed won': 'won',
  closedwon: 'won',
  yes: 'won',
  true: 'won',
  lost: 'lost',
  loss: 'lost',
  'closed lost': 'lost',
  closedlost: 'lost',
  no: 'lost',
  false: 'lost',
};

// A pure rule: an imported deal's stage from the file's stage (a key or label of the org's
// stages) and/or outcome. An open deal gets one event into its stage at creation; a closed
// one enters the first open stage at creation and moves to its won or lost stage at close.
export function planDealStage(
  stages: readonly DealStageDef[],
  input: { stage: string | null; outcome: string | null; createdAt: Date; closedAt: Date | null; now: Date },
): PlannedDealStage {
  const firstOpen = stages.find((s) => s.kind === 'open');
  if (!firstOpen) throw new RowError('stage', 'the organisation has no open deal stage');
  let outcome: 'won' | 'lost' | null = null;
  if (input.outcome !== null) {
    outcome = OUTCOMES[input.outcome.trim().toLowerCase()] ?? null;
    if (outcome === null) throw new RowError('outcome', `${input.outcome} is not won or lost`);
  }
  let def: DealStageDef | undefined;
  if (input.stage !== null) {
    const wanted = input.stage.trim().toLowerCase();
    def = stages.find((s) => s.key === wanted || s.label.toLowerCase() === wanted);
    if (!def) {
      throw new RowError('stage', `${input.stage} is not a deal stage (${stages.map((s) => s.key).join(', ')})`);
    }
    if (outcome !== null && def.kind !== outcome) {
      throw new RowError('outcome', `${input.outcome} contradicts stage ${input.stage}`);
    }
  } else {
    def = outcome === null ? firstOpen : stages.find((s) => s.kind === outcome);
    if (!def) throw new RowError('outcome', `the organisation has no ${outcome} stage`);
  }
  if (def.kind === 'open') {
    return {
      stage: def.key,
      outcome: null,
      closedAt: null,
      events: [{ from: null, to: def.key, at: input.createdAt }],
    };
  }
  const closedAt = input.closedAt ?? input.now;
  if (closedAt.getTime() < input.createdAt.getTime()) {
    throw new RowError('closed_at', 'a deal cannot close before it was created');
  }
  return {
    stage: def.key,
    outcome: def.kind,
    closedAt,
    events: [
      { from: null, to: firstOpen.key, at: input.createdAt },
      { from: firstOpen.key, to: def.key, at: closedAt },
    ],
  };
}
