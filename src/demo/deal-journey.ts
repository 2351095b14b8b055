import { DEFAULT_DEAL_STAGES, type DealOutcome } from '../lifecycle/constants.ts';
import type { AccountId, DealId, LeadId } from '../shared/ids.ts';
import { DAY } from './calendar.ts';
import { COMPETITORS, LOSS_REASONS, PRODUCT_PLANS, REASON_NOTES, WIN_REASONS } from './catalog.ts';
import type { Segment } from './companies.ts';
import type { DemoBatch } from './rows.ts';
import { type DemoRep, logActivity, lognormal, type World } from './world.ts';

const OPEN_STAGES = DEFAULT_DEAL_STAGES.filter((s) => s.kind === 'open').map((s) => s.key);
const WON_STAGE = DEFAULT_DEAL_STAGES.find((s) => s.kind === 'won')?.key ?? 'closed_won';
const LOST_STAGE = DEFAULT_DEAL_STAGES.find((s) => s.kind === 'lost')?.key ?? 'closed_lost';

/** Median deal size in major units and median days spent in each open stage. */
const SEGMENT_DEALS: Readonly<Record<Segment, { amount: number; stageDays: number }>> = {
  smb: { amount: 12_000, stageDays: 6 },
  mid: { amount: 36_000, stageDays: 10 },
  enterprise: { amount: 120_000, stageDays: 18 },
};

/** Which open stage a lost deal is lost from, by index into OPEN_STAGES. */
const LOSS_STAGE_WEIGHTS = [30, 30, 25, 15];

export interface DealStart {
  readonly leadId: LeadId;
  readonly accountId: AccountId | null;
  readonly name: string;
  readonly segment: Segment;
  readonly rep: DemoRep;
  readonly openedAt: number;
  readonly winChance: number;
}

export interface DealClose {
  readonly at: number;
  readonly outcome: DealOutcome;
  /** The loss reason, which the lead's lost event repeats; null for a win. */
  readonly lossReason: string | null;
}

// A deal walks the default stage list: it is decided up front whether it will be won, and
// if not, at which stage it dies. Each step takes a log-normal number of days; a step that
// would land after `now` is not taken, so the deal is still open in its current stage.
export function runDeal(world: World, start: DealStart, out: DemoBatch): DealClose | null {
  const { random, calendar, ids } = world;
  const { rep } = start;
  const sizes = SEGMENT_DEALS[start.segment];
  const dealId = ids<DealId>(start.openedAt);
  const amount = Math.round((sizes.amount * rep.skill.dealSize * lognormal(random, 1, 0.45)) / 500) * 500;
  const won = random.chance(start.winChance);
  const lossIndex = won
    ? Number.POSITIVE_INFINITY
    : random.weighted(LOSS_STAGE_WEIGHTS.slice(0, OPEN_STAGES.length).map((w, i) => [i, w] as const));
  const expectedClose = start.openedAt + sizes.stageDays * (OPEN_STAGES.length + 1) * DAY;
  const context = { rep, leadId: start.leadId, dealId, accountId: start.accountId };

  let index = 0;
  let at = start.openedAt;
  const event = (to: string, t: number, reason: string | null, note: string | null) => {
    out.dealEvents.push({
      org_id: world.orgId,
      id: ids(t),
      deal_id: dealId,
      from_stage: OPEN_STAGES[index] ?? null,
      to_stage: to,
      occurred_at: new Date(t),
      actor_id: rep.id,
      reason_code: reason,
      note,
    });
  };
  const stepAfter = (scale: number) =>
    calendar.workingTimeFrom(at + lognormal(random, sizes.stageDays * scale, 0.5) * DAY, random);

  out.dealEvents.push({
    org_id: world.orgId,
    id: ids(at),
    deal_id: dealId,
    from_stage: null,
    to_stage: OPEN_STAGES[0] ?? 'discovery',
    occurred_at: new Date(at),
    actor_id: rep.id,
    reason_code: null,
    note: null,
  });
  let close: { at: number; outcome: DealOutcome; reason: string | null; competitor: string | null } | null = null;
  for (;;) {
    const last = index >= OPEN_STAGES.length - 1;
    if (index >= lossIndex || last) {
      const t = stepAfter(won ? 1 : 0.8);
      if (t > calendar.now) break;
      const stageKey = OPEN_STAGES[index] ?? 'discovery';
      const reason = won
        ? random.chance(0.7)
          ? random.weighted(WIN_REASONS)
          : null
        : random.weighted(LOSS_REASONS[stageKey] ?? LOSS_REASONS.discovery ?? [['no_decision', 1]]);
      const competitor =
        !won && (reason === 'competitor_won' || random.chance(reason === 'price' ? 0.3 : 0.05))
          ? random.pick(COMPETITORS)
          : null;
      const note = !won && reason && random.chance(0.3) ? (REASON_NOTES[reason] ?? null) : null;
      event(won ? WON_STAGE : LOST_STAGE, t, reason, note);
      logActivity(world, out, {
        ...context,
        type: 'note',
        at: t,
        subject: won ? 'Closed won — handing over to onboarding' : `Closed lost — ${reason ?? 'no reason given'}`,
      });
      close = { at: t, outcome: won ? 'won' : 'lost', reason, competitor };
      at = t;
      break;
    }
    // Some deals skip the demo: the buyer has seen the product at an event or a webinar.
    const next = index === 0 && OPEN_STAGES.length > 2 && random.chance(0.08) ? 2 : index + 1;
    const t = stepAfter(1);
    if (t > calendar.now) break;
    const to = OPEN_STAGES[next] ?? 'negotiation';
    event(to, t, null, null);
    index = next;
    at = t;
    stageActivities(world, out, context, to, t);
  }

  out.deals.push({
    org_id: world.orgId,
    id: dealId,
    name: `${start.name} — ${PRODUCT_PLANS[start.segment]}`,
    account_id: start.accountId,
    lead_id: start.leadId,
    owner_id: rep.id,
    amount_minor: amount * 100,
    currency: world.currency,
    stage: close ? (close.outcome === 'won' ? WON_STAGE : LOST_STAGE) : (OPEN_STAGES[index] ?? 'discovery'),
    stage_changed_at: new Date(at),
    expected_close_on: calendar.localDate(expectedClose),
    closed_at: close ? new Date(close.at) : null,
    outcome: close ? close.outcome : null,
    reason_code: close ? close.reason : null,
    competitor: close ? close.competitor : null,
    external_id: null,
    created_at: new Date(start.openedAt),
    updated_at: new Date(at),
  });
  if (!close) return null;
  return { at: close.at, outcome: close.outcome, lossReason: close.outcome === 'lost' ? close.reason : null };
}

function stageActivities(
  world: World,
  out: DemoBatch,
  context: { rep: DemoRep; leadId: LeadId; dealId: DealId; accountId: AccountId | null },
  stage: string,
  at: number,
): void {
  const { random } = world;
  const busy = context.rep.skill.activity;
  if (stage === 'demo') {
    logActivity(world, out, { ...context, type: 'meeting', at, subject: 'Product demo', origin: 'calendar' });
  } else if (stage === 'proposal') {
    logActivity(world, out, {
      ...context,
      type: 'email',
      at,
      subject: 'Proposal and order form',
      direction: 'outbound',
      origin: 'email',
    });
  } else if (stage === 'negotiation') {
    logActivity(world, out, { ...context, type: 'call', at, subject: 'Pricing and terms', direction: 'outbound' });
  }
  if (random.chance(0.5 * busy)) {
    logActivity(world, out, {
      ...context,
      type: 'email',
      at: at + random.int(1, 3) * DAY,
      subject: 'Follow-up and next steps',
      direction: random.chance(0.3) ? 'inbound' : 'outbound',
      origin: 'email',
    });
  }
}
