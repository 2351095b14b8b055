import { describe, expect, it } from 'vitest';
import type { LeadStage } from '../../lifecycle/constants.ts';
import { type LinkedDeal, planLeadMoves } from './deal-lead-plan.ts';

const day = (d: number) => new Date(Date.UTC(2026, 1, d));
const open = (created: number): LinkedDeal => ({ createdAt: day(created), outcome: null, closedAt: null });
const closed = (created: number, outcome: 'won' | 'lost', at: number): LinkedDeal => ({
  createdAt: day(created),
  outcome,
  closedAt: day(at),
});

/** The moves as "from>to@day", the implied waterfall steps a millisecond apart on the same day. */
function plan(stage: LeadStage, deals: LinkedDeal[], openElsewhere = 0): string[] {
  return planLeadMoves({ stage, stageChangedAt: day(1) }, deals, openElsewhere).map(
    (m) => `${m.from}>${m.to}@${m.at.getUTCDate()}`,
  );
}

describe('moving the lead of imported deals', () => {
  it.each<[string, LeadStage, LinkedDeal[], number, string[]]>([
    ['an open deal converts an sql lead', 'sql', [open(5)], 0, ['sql>opportunity@5']],
    [
      'an open deal walks an inquiry through the waterfall',
      'inquiry',
      [open(5)],
      0,
      ['inquiry>mql@5', 'mql>sal@5', 'sal>sql@5', 'sql>opportunity@5'],
    ],
    [
      'a recycled lead re-enters at mql',
      'recycled',
      [open(5)],
      0,
      ['recycled>mql@5', 'mql>sal@5', 'sal>sql@5', 'sql>opportunity@5'],
    ],
    ['a won deal converts and wins', 'sql', [closed(5, 'won', 9)], 0, ['sql>opportunity@5', 'opportunity>won@9']],
    ['a lost deal converts and loses', 'sql', [closed(5, 'lost', 9)], 0, ['sql>opportunity@5', 'opportunity>lost@9']],
    ['an opportunity is only closed', 'opportunity', [closed(5, 'won', 9)], 0, ['opportunity>won@9']],
    [
      'a lost deal leaves the lead open when another deal is open elsewhere',
      'opportunity',
      [closed(5, 'lost', 9)],
      1,
      [],
    ],
    [
      'a lost deal leaves the lead open while another imported deal is still open',
      'sql',
      [closed(2, 'lost', 9), open(5)],
      0,
      ['sql>opportunity@2'],
    ],
    [
      'a deal lost before the other one opened loses the lead, which then stays lost',
      'sql',
      [closed(2, 'lost', 4), open(5)],
      0,
      ['sql>opportunity@2', 'opportunity>lost@4'],
    ],
    [
      'the first won deal wins the lead even with another deal open',
      'sql',
      [closed(2, 'won', 9), open(5)],
      0,
      ['sql>opportunity@2', 'opportunity>won@9'],
    ],
    [
      'a lost deal and a later won one: the lead is won',
      'sql',
      [closed(2, 'lost', 9), closed(3, 'won', 12)],
      0,
      ['sql>opportunity@2', 'opportunity>won@12'],
    ],
    ['a disqualified lead keeps its stage', 'disqualified', [closed(5, 'won', 9)], 0, []],
    ['a lost lead keeps its stage', 'lost', [open(5)], 0, []],
    ['a won lead keeps its stage', 'won', [closed(5, 'lost', 9)], 0, []],
  ])('%s', (_name, stage, deals, openElsewhere, expected) => {
    expect(plan(stage, deals, openElsewhere)).toEqual(expected);
  });

  it('never moves a lead before its last stage change, and keeps every move after the one before', () => {
    const moves = planLeadMoves({ stage: 'sal', stageChangedAt: day(10) }, [closed(5, 'won', 5)], 0);
    expect(moves.map((m) => [m.from, m.to, m.at.getTime() - day(10).getTime()])).toEqual([
      ['sal', 'sql', 1],
      ['sql', 'opportunity', 2],
      ['opportunity', 'won', 3],
    ]);
  });
});
