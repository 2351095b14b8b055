import { describe, expect, it } from 'vitest';
import { DEFAULT_DEAL_STAGES, DEFAULT_REASON_CODES, type LeadStage, type ReasonKind } from '../lifecycle/constants.ts';
import { decideDealTransition } from '../lifecycle/deal-transitions.ts';
import { decideLeadTransition, REASON_REQUIRED, replayStages } from '../lifecycle/lead-transitions.ts';
import type { OrgId, UserId } from '../shared/ids.ts';
import { seededRandom } from '../shared/random.ts';
import { DAY, HOUR } from './calendar.ts';
import { planCast } from './cast.ts';
import { companyPool } from './companies.ts';
import { demoIds } from './demo-ids.ts';
import { type DemoOptions, generateDemo } from './generate.ts';
import { type DemoAccountRow, type DemoBatch, type DemoLeadEventRow, emptyBatch } from './rows.ts';

const NOW = new Date('2025-03-14T15:30:00Z');
const START = NOW.getTime() - 365 * DAY;

function options(overrides: Partial<DemoOptions> = {}): DemoOptions {
  const cast = planCast(overrides.seed ?? 42);
  const userIds = new Map(
    cast.people.map((p, i) => [p.key, `00000000-0000-7000-8000-${String(i).padStart(12, '0')}` as UserId]),
  );
  return {
    orgId: '01950000-0000-7000-8000-000000000001' as OrgId,
    seed: 42,
    leads: 2000,
    now: NOW,
    timeZone: 'America/New_York',
    currency: 'USD',
    cast,
    userIds,
    ...overrides,
  };
}

function generateAll(opts: DemoOptions): DemoBatch {
  const all = emptyBatch();
  for (const batch of generateDemo(opts)) {
    for (const key of Object.keys(all) as (keyof DemoBatch)[]) (all[key] as unknown[]).push(...batch[key]);
  }
  return all;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const codesOf = (kind: ReasonKind) => DEFAULT_REASON_CODES.filter((r) => r.kind === kind).map((r) => r.code);
const byTime = <T extends { occurred_at: Date }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());

// One generated year shared by the invariant tests; generating it takes well under a second.
const year = generateAll(options());

describe('generateDemo', () => {
  it('gives the same rows for the same seed and different rows for another seed', () => {
    const a = generateAll(options({ leads: 300 }));
    const b = generateAll(options({ leads: 300 }));
    const c = generateAll(options({ leads: 300, seed: 7 }));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c.leads)).not.toBe(JSON.stringify(a.leads));
  });

  it('yields bounded batches whose rows refer only to their own leads and earlier accounts', () => {
    const batches = [...generateDemo(options({ leads: 450, batchSize: 100 }))];
    expect(batches.map((b) => b.leads.length)).toEqual([100, 100, 100, 100, 50]);
    expect(batches.slice(1).every((b) => b.campaigns.length === 0 && b.spend.length === 0)).toBe(true);
    const accountsSoFar = new Set<string>();
    for (const batch of batches) {
      for (const account of batch.accounts) accountsSoFar.add(account.id);
      const leads = new Set(batch.leads.map((l) => l.id));
      const deals = new Set(batch.deals.map((d) => d.id));
      expect(batch.leads.every((l) => l.account_id === null || accountsSoFar.has(l.account_id))).toBe(true);
      expect(batch.touchpoints.every((t) => leads.has(t.lead_id))).toBe(true);
      expect(batch.leadEvents.every((e) => leads.has(e.lead_id))).toBe(true);
      expect(batch.deals.every((d) => d.lead_id !== null && leads.has(d.lead_id))).toBe(true);
      expect(batch.dealEvents.every((e) => deals.has(e.deal_id))).toBe(true);
      expect(batch.activities.every((a) => a.lead_id !== null && leads.has(a.lead_id))).toBe(true);
    }
  });

  it('makes every lead history a legal walk of the stage machine that replays to the lead stage', () => {
    const events = groupBy(year.leadEvents, (e) => e.lead_id);
    const reachedMql = new Set(year.leadEvents.filter((e) => e.to_stage === 'mql').map((e) => e.lead_id));
    for (const lead of year.leads) {
      const history = byTime(events.get(lead.id) ?? []);
      expect(history[0]).toMatchObject({ from_stage: null, to_stage: 'inquiry', actor_id: null });
      expect(history[0]?.occurred_at.getTime()).toBe(lead.created_at.getTime());
      expect(replayStages(history.map((e) => ({ fromStage: e.from_stage, toStage: e.to_stage })))).toBe(lead.stage);
      expect(history.at(-1)?.occurred_at.getTime()).toBe(lead.stage_changed_at.getTime());
      for (const [i, event] of history.entries()) {
        if (i === 0) continue;
        const previous = history[i - 1] as DemoLeadEventRow;
        expect(event.occurred_at.getTime()).toBeGreaterThan(previous.occurred_at.getTime());
        expect(legalLeadMove(event), `${event.from_stage} → ${event.to_stage} (${event.reason_code})`).toBe(true);
        expect(event.actor_id === null).toBe(event.to_stage === 'mql');
      }
      expect(lead.owner_id !== null).toBe(reachedMql.has(lead.id));
    }
  });

  it('keeps every time inside the year that ends at now', () => {
    const times = [
      ...year.leads.flatMap((l) => [l.created_at, l.stage_changed_at, l.updated_at]),
      ...year.leadEvents.map((e) => e.occurred_at),
      ...year.touchpoints.map((t) => t.occurred_at),
      ...year.deals.flatMap((d) => [d.created_at, d.stage_changed_at, d.closed_at ?? d.created_at]),
      ...year.dealEvents.map((e) => e.occurred_at),
      ...year.activities.map((a) => a.occurred_at),
      ...year.accounts.map((a) => a.created_at),
      ...year.campaigns.map((c) => c.created_at),
    ].map((d) => d.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(START);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(year.spend.every((s) => s.day <= '2025-03-14')).toBe(true);
    expect(
      year.deals.every((d) => d.expected_close_on !== null && /^\d{4}-\d{2}-\d{2}$/.test(d.expected_close_on)),
    ).toBe(true);
  });

  it('walks deals through the default stages and closes them consistently with their lead', () => {
    const events = groupBy(year.dealEvents, (e) => e.deal_id);
    const leadEvents = groupBy(year.leadEvents, (e) => e.lead_id);
    const kindOf = new Map(DEFAULT_DEAL_STAGES.map((s) => [s.key, s.kind]));
    for (const deal of year.deals) {
      const history = byTime(events.get(deal.id) ?? []);
      expect(history[0]).toMatchObject({ from_stage: null, to_stage: 'discovery' });
      expect(history[0]?.occurred_at.getTime()).toBe(deal.created_at.getTime());
      let stage = 'discovery';
      for (const event of history.slice(1)) {
        expect(event.from_stage).toBe(stage);
        const decision = decideDealTransition({
          stages: DEFAULT_DEAL_STAGES,
          from: stage,
          to: event.to_stage,
          reasonCode: event.reason_code,
          validLossCodes: codesOf('loss'),
          validWinCodes: codesOf('win'),
        });
        expect(decision.ok, `${stage} → ${event.to_stage}`).toBe(true);
        stage = event.to_stage;
      }
      expect(deal.stage).toBe(stage);
      expect(deal.stage_changed_at.getTime()).toBe(history.at(-1)?.occurred_at.getTime());
      const kind = kindOf.get(deal.stage);
      expect(deal.outcome).toBe(kind === 'open' ? null : kind);
      expect(deal.closed_at === null).toBe(deal.outcome === null);
      if (deal.closed_at) expect(deal.closed_at.getTime()).toBe(deal.stage_changed_at.getTime());
      expect(deal.amount_minor).toBeGreaterThan(0);
      expect(deal.amount_minor % 100).toBe(0);
      expect(deal.currency).toBe('USD');
      // The lead moved to won or lost at the moment its deal closed, with the same loss reason.
      const closing = (deal.lead_id ? (leadEvents.get(deal.lead_id) ?? []) : []).find(
        (e) => (e.to_stage === 'won' || e.to_stage === 'lost') && e.occurred_at.getTime() === deal.closed_at?.getTime(),
      );
      if (deal.outcome)
        expect(closing).toMatchObject({
          to_stage: deal.outcome,
          reason_code: deal.outcome === 'lost' ? deal.reason_code : null,
        });
    }
    const opportunities = year.leadEvents.filter((e) => e.to_stage === 'opportunity');
    expect(year.deals.length).toBe(opportunities.length);
    expect(year.deals.some((d) => d.competitor !== null)).toBe(true);
    expect(year.deals.filter((d) => d.outcome === 'won').some((d) => d.reason_code !== null)).toBe(true);
  });

  it('gives every lead one to six touchpoints, the first one being the touch that created it', () => {
    const touches = groupBy(year.touchpoints, (t) => t.lead_id);
    for (const lead of year.leads) {
      const list = byTime(touches.get(lead.id) ?? []);
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.length).toBeLessThanOrEqual(6);
      expect(list[0]).toMatchObject({ campaign_id: lead.first_campaign_id, channel: lead.source_channel });
      expect(list[0]?.occurred_at.getTime()).toBe(lead.created_at.getTime());
    }
    const campaigns = new Set(year.campaigns.map((c) => c.id));
    expect(year.touchpoints.every((t) => t.campaign_id === null || campaigns.has(t.campaign_id))).toBe(true);
    expect(new Set(year.campaigns.map((c) => c.channel)).size).toBeGreaterThanOrEqual(7);
  });

  it('never repeats an id or an account domain', () => {
    const unique = (values: readonly string[]) => new Set(values).size === values.length;
    expect(unique(year.leads.map((l) => l.id))).toBe(true);
    expect(unique(year.leadEvents.map((e) => e.id))).toBe(true);
    expect(unique(year.touchpoints.map((t) => t.id))).toBe(true);
    expect(unique(year.activities.map((a) => a.id))).toBe(true);
    expect(unique(year.accounts.map((a) => a.domain ?? ''))).toBe(true);
    expect(unique(year.spend.map((s) => `${s.campaign_id} ${s.day}`))).toBe(true);
  });

  it('keeps account names and domains unique past the first few thousand companies', () => {
    const pool = companyPool(options().orgId, demoIds(1, 'org'), seededRandom(1));
    const accounts: DemoAccountRow[] = [];
    for (let i = 0; accounts.length < 60_000; i++) pool.prospect(START + i * 1000, accounts);
    expect(new Set(accounts.map((a) => a.domain)).size).toBe(accounts.length);
    expect(accounts.every((a) => a.domain && /^[a-z0-9-]+\.example$/.test(a.domain))).toBe(true);
  });

  it('converts at plausible rates, better from referrals and events than from display', () => {
    const funnel = funnelByChannel(generateAll(options({ leads: 8000 })));
    const all = funnel.get('all');
    expect(all).toBeDefined();
    if (!all) return;
    expect(all.mql / all.inquiry).toBeGreaterThan(0.33);
    expect(all.mql / all.inquiry).toBeLessThan(0.48);
    expect(all.sal / all.mql).toBeGreaterThan(0.7);
    expect(all.sal / all.mql).toBeLessThan(0.9);
    expect(all.sql / all.sal).toBeGreaterThan(0.35);
    expect(all.sql / all.sal).toBeLessThan(0.55);
    expect(all.opportunity / all.sql).toBeGreaterThan(0.5);
    expect(all.opportunity / all.sql).toBeLessThan(0.7);
    expect(all.won / (all.won + all.lost)).toBeGreaterThan(0.18);
    expect(all.won / (all.won + all.lost)).toBeLessThan(0.38);
    const toSql = (channel: string) => {
      const f = funnel.get(channel);
      return f ? f.sql / f.inquiry : Number.NaN;
    };
    expect(toSql('referral')).toBeGreaterThan(2 * toSql('display'));
    expect(toSql('events')).toBeGreaterThan(2 * toSql('display'));
  });

  it('lets reps differ in how fast they accept and how often they win', () => {
    const data = generateAll(options({ leads: 8000 }));
    const leadEvents = groupBy(data.leadEvents, (e) => e.lead_id);
    const acceptHours = new Map<string, number[]>();
    for (const history of leadEvents.values()) {
      for (const [i, event] of history.entries()) {
        const previous = history[i - 1];
        if (event.to_stage !== 'sal' || !previous || !event.actor_id) continue;
        const hours = (event.occurred_at.getTime() - previous.occurred_at.getTime()) / HOUR;
        acceptHours.set(event.actor_id, [...(acceptHours.get(event.actor_id) ?? []), hours]);
      }
    }
    const medians = [...acceptHours.values()].map(median).sort((a, b) => a - b);
    expect(medians.length).toBeGreaterThanOrEqual(5);
    expect((medians.at(-1) ?? 0) / (medians[0] ?? 1)).toBeGreaterThan(3);
    const winRates = [
      ...groupBy(
        data.deals.filter((d) => d.outcome),
        (d) => d.owner_id,
      ).values(),
    ]
      .filter((deals) => deals.length >= 20)
      .map((deals) => deals.filter((d) => d.outcome === 'won').length / deals.length)
      .sort((a, b) => a - b);
    expect((winRates.at(-1) ?? 0) - (winRates[0] ?? 0)).toBeGreaterThan(0.1);
  });
});

function legalLeadMove(event: DemoLeadEventRow): boolean {
  if (event.from_stage === null) return false;
  const kind = REASON_REQUIRED[event.to_stage];
  const via =
    event.to_stage === 'opportunity'
      ? 'conversion'
      : event.to_stage === 'won' || event.to_stage === 'lost'
        ? 'deal_close'
        : 'command';
  return decideLeadTransition({
    from: event.from_stage,
    to: event.to_stage,
    reasonCode: event.reason_code,
    note: event.note,
    validReasonCodes: kind ? codesOf(kind) : [],
    via,
  }).ok;
}

type Funnel = Record<'inquiry' | 'mql' | 'sal' | 'sql' | 'opportunity' | 'won' | 'lost', number>;

function funnelByChannel(data: DemoBatch): Map<string, Funnel> {
  const reached = groupBy(data.leadEvents, (e) => e.lead_id);
  const funnels = new Map<string, Funnel>();
  for (const lead of data.leads) {
    const stages = new Set<LeadStage>((reached.get(lead.id) ?? []).map((e) => e.to_stage));
    for (const key of [lead.source_channel ?? 'none', 'all']) {
      const funnel = funnels.get(key) ?? { inquiry: 0, mql: 0, sal: 0, sql: 0, opportunity: 0, won: 0, lost: 0 };
      for (const stage of Object.keys(funnel) as (keyof Funnel)[]) if (stages.has(stage)) funnel[stage] += 1;
      funnels.set(key, funnel);
    }
  }
  return funnels;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
