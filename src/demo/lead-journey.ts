import type { LeadStage } from '../lifecycle/constants.ts';
import type { AccountId, LeadId, UserId } from '../shared/ids.ts';
import { DAY, MINUTE } from './calendar.ts';
import type { DemoSource } from './campaigns.ts';
import { MARKETING_REJECT_REASONS, REASON_NOTES, RECYCLE_REASONS, REJECT_BIAS, REJECT_REASONS } from './catalog.ts';
import type { Segment } from './companies.ts';
import { runDeal } from './deal-journey.ts';
import type { DemoBatch } from './rows.ts';
import { BASE_RATES, clampRate, type DemoRep, logActivity, lognormal, type World } from './world.ts';

export interface JourneyLead {
  readonly id: LeadId;
  readonly accountId: AccountId | null;
  /** What the deal will be called if the lead converts. */
  readonly dealName: string;
  readonly createdAt: number;
  readonly source: DemoSource;
  readonly fit: number;
  readonly segment: Segment;
}

export interface JourneyOutcome {
  readonly stage: LeadStage;
  readonly stageChangedAt: number;
  readonly ownerId: UserId | null;
  /** Every time the lead became an MQL: the first from its first touch, later ones from nurture. */
  readonly mqlTimes: readonly number[];
}

const MAX_MQL_ENTRIES = 3;

// Walks one lead through the demand waterfall from its inquiry until it reaches a final
// stage, runs out of luck, or its next step would fall after `now`. Every move is one that
// LEAD_TRANSITIONS allows, each strictly later than the one before, so replaying the
// events always gives the stage the lead row ends with.
export function runJourney(world: World, lead: JourneyLead, out: DemoBatch): JourneyOutcome {
  const { random, calendar } = world;
  const quality = lead.source.quality;
  const channel = lead.source.template.channel;
  const fitRoot = Math.sqrt(lead.fit);
  let stage = 'inquiry' as LeadStage;
  let at = lead.createdAt;
  let owner: DemoRep | null = null;
  const mqlTimes: number[] = [];

  // Two moves never share a millisecond, so ordering by time alone replays the history.
  const later = (t: number) => Math.max(Math.round(t), at + MINUTE);
  const move = (to: LeadStage, time: number, actor: UserId | null, reason: string | null = null) => {
    // A rejection always says why (the lifecycle requires it); other moves sometimes do.
    const noted = reason !== null && random.chance(0.25);
    const note = reason !== null && (noted || to === 'disqualified') ? (REASON_NOTES[reason] ?? reason) : null;
    out.leadEvents.push({
      org_id: world.orgId,
      id: world.ids(time),
      lead_id: lead.id,
      from_stage: stage,
      to_stage: to,
      occurred_at: new Date(time),
      actor_id: actor,
      reason_code: reason,
      note,
    });
    stage = to;
    at = time;
  };
  const activity = (rep: DemoRep, type: 'call' | 'email' | 'meeting' | 'note', t: number, subject: string) =>
    logActivity(world, out, {
      rep,
      type,
      at: t,
      subject,
      leadId: lead.id,
      accountId: lead.accountId,
      direction: type === 'call' || type === 'email' ? 'outbound' : null,
      origin: type === 'meeting' ? 'calendar' : type === 'email' ? 'email' : 'manual',
    });
  const daysLater = (median: number, sigma = 0.6) =>
    later(calendar.workingTimeFrom(at + lognormal(random, median, sigma) * DAY, random));

  out.leadEvents.push({
    org_id: world.orgId,
    id: world.ids(at),
    lead_id: lead.id,
    from_stage: null,
    to_stage: 'inquiry',
    occurred_at: new Date(at),
    actor_id: null,
    reason_code: null,
    note: null,
  });

  journey: for (let steps = 0; steps < 24; steps++) {
    switch (stage) {
      case 'inquiry': {
        const roll = random.next();
        const pMql = clampRate(BASE_RATES.mql * quality.mql * lead.fit);
        if (roll < pMql) {
          // Scoring makes a lead an MQL whenever it crosses the threshold, day or night.
          const t = later(at + lognormal(random, quality.mqlDays, 0.9) * DAY);
          if (t > calendar.now) break journey;
          owner = world.route(lead.segment);
          move('mql', t, null);
          mqlTimes.push(at);
        } else if (roll < pMql + (lead.fit < 0.5 ? 0.3 : 0.08)) {
          const t = daysLater(3, 0.8);
          if (t > calendar.now) break journey;
          move('disqualified', t, world.marketingId, random.weighted(MARKETING_REJECT_REASONS));
        } else break journey;
        break;
      }
      case 'mql': {
        if (!owner) break journey;
        const rep = owner;
        const decided = later(calendar.addWorkingHours(at, lognormal(random, rep.skill.acceptHours, 0.7)));
        if (decided > calendar.now) break journey;
        if (random.chance(clampRate(BASE_RATES.accept * quality.accept * (0.75 + 0.25 * lead.fit)))) {
          move('sal', decided, rep.id);
          activity(rep, 'call', at + random.int(5, 90) * MINUTE, 'Intro call');
        } else if (random.chance(0.6)) {
          move('disqualified', decided, rep.id, rejectReason(world, channel));
        } else {
          const reason = random.weighted(RECYCLE_REASONS.mql);
          const t = reason === 'no_response' ? later(calendar.addWorkingHours(decided, random.int(16, 40))) : decided;
          if (t > calendar.now) break journey;
          if (reason === 'no_response') {
            activity(rep, 'call', decided, 'First call attempt');
            activity(rep, 'email', Math.round((decided + t) / 2), 'Following up on your request');
          }
          move('recycled', t, rep.id, reason);
        }
        break;
      }
      case 'sal': {
        if (!owner) break journey;
        const rep = owner;
        const qualifies = random.chance(clampRate(BASE_RATES.sql * quality.sql * rep.skill.sqlRate * fitRoot));
        const t = qualifies ? daysLater(6) : daysLater(12);
        if (t > calendar.now) break journey;
        if (random.chance(0.6 * rep.skill.activity)) activity(rep, 'email', (at + t) / 2, 'Checking in');
        if (qualifies) {
          activity(rep, 'meeting', t - random.int(1, 4) * 60 * MINUTE, 'Discovery call');
          move('sql', t, rep.id);
        } else if (random.chance(0.7)) {
          move('recycled', t, rep.id, random.weighted(RECYCLE_REASONS.sal));
        } else {
          move('disqualified', t, rep.id, random.weighted(REJECT_REASONS.slice(0, 3)));
        }
        break;
      }
      case 'sql': {
        if (!owner) break journey;
        const rep = owner;
        const converts = random.chance(clampRate(BASE_RATES.opp * quality.opp * lead.fit ** 0.3));
        const t = converts ? daysLater(4) : daysLater(15, 0.5);
        if (t > calendar.now) break journey;
        if (!converts) {
          if (random.chance(0.75)) move('recycled', t, rep.id, random.weighted(RECYCLE_REASONS.sql));
          else move('disqualified', t, rep.id, random.weighted(REJECT_REASONS.slice(0, 3)));
          break;
        }
        move('opportunity', t, rep.id);
        const winChance = clampRate(
          BASE_RATES.win * quality.win * rep.skill.winRate * fitRoot * (lead.segment === 'enterprise' ? 0.9 : 1),
        );
        const close = runDeal(
          world,
          {
            leadId: lead.id,
            accountId: lead.accountId,
            name: lead.dealName,
            segment: lead.segment,
            rep,
            openedAt: at,
            winChance,
          },
          out,
        );
        if (!close || later(close.at) > calendar.now) break journey;
        move(close.outcome, later(close.at), rep.id, close.lossReason);
        break;
      }
      case 'lost': {
        if (mqlTimes.length >= MAX_MQL_ENTRIES || !random.chance(0.3)) break journey;
        const t = daysLater(60, 0.4);
        if (t > calendar.now) break journey;
        move('recycled', t, world.marketingId, random.weighted(RECYCLE_REASONS.lost));
        break;
      }
      case 'disqualified': {
        if (mqlTimes.length >= MAX_MQL_ENTRIES || !random.chance(0.05)) break journey;
        const t = daysLater(60, 0.5);
        if (t > calendar.now) break journey;
        move('recycled', t, world.marketingId, random.weighted(RECYCLE_REASONS.disqualified));
        break;
      }
      case 'recycled': {
        const roll = random.next();
        const pBack = mqlTimes.length >= MAX_MQL_ENTRIES ? 0 : 0.28 * Math.sqrt(quality.mql) * fitRoot;
        if (roll < pBack) {
          const t = later(at + lognormal(random, 50, 0.6) * DAY);
          if (t > calendar.now) break journey;
          // A returning lead goes back to the rep who knows it, unless routing says otherwise.
          owner = owner && random.chance(0.6) ? owner : world.route(lead.segment);
          move('mql', t, null);
          mqlTimes.push(at);
        } else if (roll < pBack + 0.04) {
          const t = daysLater(20);
          if (t > calendar.now) break journey;
          move('disqualified', t, world.marketingId, random.pick(['bad_data', 'duplicate']));
        } else break journey;
        break;
      }
      default:
        break journey;
    }
  }
  return { stage, stageChangedAt: at, ownerId: owner?.id ?? null, mqlTimes };
}

function rejectReason(world: World, channel: string): string {
  const bias = REJECT_BIAS[channel] ?? {};
  return world.random.weighted(REJECT_REASONS.map(([code, weight]) => [code, weight * (bias[code] ?? 1)] as const));
}
