import { describe, expect, it } from 'vitest';
import { LEAD_STAGES, type LeadStage } from './constants.ts';
import {
  decideLeadTransition,
  LEAD_TRANSITIONS,
  NOTE_REQUIRED,
  REASON_REQUIRED,
  replayStages,
  type TransitionVia,
} from './lead-transitions.ts';

const REASONS = ['no_budget', 'not_ready', 'price'];

function viaFor(to: LeadStage): TransitionVia {
  if (to === 'opportunity') return 'conversion';
  if (to === 'won' || to === 'lost') return 'deal_close';
  return 'command';
}

const pairs = LEAD_STAGES.flatMap((from) => LEAD_STAGES.map((to) => [from, to] as const));
const allowed = pairs.filter(([from, to]) => LEAD_TRANSITIONS[from].includes(to));
const forbidden = pairs.filter(([from, to]) => !LEAD_TRANSITIONS[from].includes(to));

describe('decideLeadTransition', () => {
  it('allows exactly the waterfall, its off-ramps and re-entry after recycling', () => {
    expect(allowed.map(([f, t]) => `${f}->${t}`).sort()).toEqual(
      [
        'inquiry->mql',
        'inquiry->disqualified',
        'mql->sal',
        'mql->disqualified',
        'mql->recycled',
        'sal->sql',
        'sal->disqualified',
        'sal->recycled',
        'sql->opportunity',
        'sql->disqualified',
        'sql->recycled',
        'opportunity->won',
        'opportunity->lost',
        'disqualified->recycled',
        'recycled->mql',
        'recycled->disqualified',
        'lost->recycled',
      ].sort(),
    );
  });

  it.each(allowed)('allows %s -> %s with the reason it needs', (from, to) => {
    const reasonCode = REASON_REQUIRED[to] ? 'no_budget' : null;
    const note = NOTE_REQUIRED.includes(to) ? 'no budget until Q3' : null;
    expect(decideLeadTransition({ from, to, reasonCode, note, validReasonCodes: REASONS, via: viaFor(to) })).toEqual({
      ok: true,
    });
  });

  it.each([null, '', '   '])('refuses a rejection whose note is %j, naming the field "note"', (note) => {
    const decision = decideLeadTransition({
      from: 'mql',
      to: 'disqualified',
      reasonCode: 'no_budget',
      note,
      validReasonCodes: REASONS,
      via: 'command',
    });
    expect(decision).toEqual({
      ok: false,
      field: 'note',
      message: 'moving a lead to disqualified needs a note saying why',
    });
  });

  it.each(forbidden)('refuses %s -> %s naming the field "to"', (from, to) => {
    const decision = decideLeadTransition({
      from,
      to,
      reasonCode: 'no_budget',
      validReasonCodes: REASONS,
      via: viaFor(to),
    });
    expect(decision).toMatchObject({ ok: false, field: 'to' });
  });

  it.each([
    ['mql', 'disqualified'],
    ['sal', 'recycled'],
    ['opportunity', 'lost'],
  ] as const)('refuses %s -> %s without a reason code', (from, to) => {
    const decision = decideLeadTransition({ from, to, validReasonCodes: REASONS, via: viaFor(to) });
    expect(decision).toMatchObject({ ok: false, field: 'reasonCode' });
    if (!decision.ok) expect(decision.message).toContain('reason code');
  });

  it('refuses a reason code that is not an active one of the org', () => {
    const decision = decideLeadTransition({
      from: 'mql',
      to: 'disqualified',
      reasonCode: 'made_up',
      validReasonCodes: REASONS,
      via: 'command',
    });
    expect(decision).toMatchObject({ ok: false, field: 'reasonCode' });
  });

  it('refuses a reason code on a move that takes none', () => {
    const decision = decideLeadTransition({
      from: 'mql',
      to: 'sal',
      reasonCode: 'no_budget',
      validReasonCodes: [],
      via: 'command',
    });
    expect(decision).toMatchObject({ ok: false, field: 'reasonCode' });
  });

  it('keeps opportunity, won and lost for conversion and deal closing', () => {
    expect(
      decideLeadTransition({ from: 'sql', to: 'opportunity', validReasonCodes: [], via: 'command' }),
    ).toMatchObject({
      ok: false,
      field: 'to',
    });
    expect(
      decideLeadTransition({ from: 'opportunity', to: 'won', validReasonCodes: [], via: 'command' }),
    ).toMatchObject({
      ok: false,
      field: 'to',
    });
  });

  it('explains where a lead can go instead', () => {
    const decision = decideLeadTransition({ from: 'inquiry', to: 'sal', validReasonCodes: [], via: 'command' });
    expect(decision).toEqual({
      ok: false,
      field: 'to',
      message: 'a lead cannot move from inquiry to sal; from inquiry it can move to mql, disqualified',
    });
  });
});

describe('replayStages', () => {
  it('recomputes the stage from the events, through a recycle and re-entry', () => {
    const stage = replayStages([
      { fromStage: null, toStage: 'inquiry' },
      { fromStage: 'inquiry', toStage: 'mql' },
      { fromStage: 'mql', toStage: 'recycled' },
      { fromStage: 'recycled', toStage: 'mql' },
      { fromStage: 'mql', toStage: 'sal' },
    ]);
    expect(stage).toBe('sal');
  });

  it('detects a broken history', () => {
    expect(() =>
      replayStages([
        { fromStage: null, toStage: 'inquiry' },
        { fromStage: 'mql', toStage: 'sal' },
      ]),
    ).toThrow(/broken/);
  });
});
