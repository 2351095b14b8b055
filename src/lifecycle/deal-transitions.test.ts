import { describe, expect, it } from 'vitest';
import { DEFAULT_DEAL_STAGES, type DealStageDef } from './constants.ts';
import { decideDealTransition, validateDealStages } from './deal-transitions.ts';

const base = { stages: DEFAULT_DEAL_STAGES, validLossCodes: ['price'], validWinCodes: ['product_fit'] };
const open = DEFAULT_DEAL_STAGES.filter((s) => s.kind === 'open').map((s) => s.key);
const openPairs = open.flatMap((from) => open.filter((to) => to !== from).map((to) => [from, to] as const));

describe('decideDealTransition', () => {
  it.each(openPairs)('moves an open deal from %s to %s, backwards included', (from, to) => {
    expect(decideDealTransition({ ...base, from, to })).toEqual({ ok: true, closes: null });
  });

  it.each(open)('closes a deal from %s as won, with or without a win reason', (from) => {
    expect(decideDealTransition({ ...base, from, to: 'closed_won' })).toEqual({ ok: true, closes: 'won' });
    expect(decideDealTransition({ ...base, from, to: 'closed_won', reasonCode: 'product_fit' })).toEqual({
      ok: true,
      closes: 'won',
    });
  });

  it.each(open)('closes a deal from %s as lost only with a loss reason', (from) => {
    expect(decideDealTransition({ ...base, from, to: 'closed_lost' })).toMatchObject({
      ok: false,
      field: 'reasonCode',
    });
    expect(decideDealTransition({ ...base, from, to: 'closed_lost', reasonCode: 'product_fit' })).toMatchObject({
      ok: false,
      field: 'reasonCode',
    });
    expect(decideDealTransition({ ...base, from, to: 'closed_lost', reasonCode: 'price' })).toEqual({
      ok: true,
      closes: 'lost',
    });
  });

  it.each([
    ['closed_won', 'discovery'],
    ['closed_won', 'closed_lost'],
    ['closed_lost', 'negotiation'],
  ])('refuses to move a closed deal from %s to %s', (from, to) => {
    expect(decideDealTransition({ ...base, from, to, reasonCode: 'price' })).toMatchObject({ ok: false, field: 'to' });
  });

  it('refuses an unknown stage and a move to the same stage', () => {
    expect(decideDealTransition({ ...base, from: 'demo', to: 'signed' })).toMatchObject({ ok: false, field: 'to' });
    expect(decideDealTransition({ ...base, from: 'demo', to: 'demo' })).toMatchObject({ ok: false, field: 'to' });
  });

  it('refuses a reason code between open stages', () => {
    expect(decideDealTransition({ ...base, from: 'demo', to: 'proposal', reasonCode: 'price' })).toMatchObject({
      ok: false,
      field: 'reasonCode',
    });
  });
});

describe('validateDealStages', () => {
  it('accepts the default list', () => {
    expect(validateDealStages(DEFAULT_DEAL_STAGES)).toBeNull();
  });

  const [first] = DEFAULT_DEAL_STAGES;
  it.each<[readonly DealStageDef[], string]>([
    [first ? [...DEFAULT_DEAL_STAGES, first] : [], 'unique'],
    [DEFAULT_DEAL_STAGES.filter((s) => s.kind !== 'open'), 'open'],
    [DEFAULT_DEAL_STAGES.filter((s) => s.kind !== 'won'), 'won'],
    [DEFAULT_DEAL_STAGES.filter((s) => s.kind !== 'lost'), 'lost'],
  ])('refuses a broken list (%#)', (stages, word) => {
    expect(validateDealStages(stages)).toContain(word);
  });
});
