import type { OrgId, UserId } from '../shared/ids.ts';
import type { Random } from '../shared/random.ts';
import type { DemoCalendar } from './calendar.ts';
import type { RepSkill, TeamKey } from './cast.ts';
import type { Segment } from './companies.ts';
import type { IdFactory } from './demo-ids.ts';
import type { DemoActivityRow, DemoBatch } from './rows.ts';

// The org-wide averages the channel and rep multipliers scale: roughly what B2B
// benchmarks report for each step of the demand waterfall.
export const BASE_RATES = { mql: 0.4, accept: 0.8, sql: 0.37, opp: 0.55, win: 0.23 } as const;

export interface DemoRep {
  readonly id: UserId;
  readonly team: TeamKey;
  readonly skill: RepSkill;
}

/** What every lead's simulation shares: the clock, the random stream, ids and people. */
export interface World {
  readonly orgId: OrgId;
  readonly currency: string;
  readonly random: Random;
  readonly calendar: DemoCalendar;
  readonly ids: IdFactory;
  readonly marketingId: UserId;
  route(segment: Segment): DemoRep;
}

// Round-robin within the team that owns the segment, as a plain routing rule would.
export function roundRobin(reps: readonly DemoRep[]): (segment: Segment) => DemoRep {
  const teams: Record<TeamKey, DemoRep[]> = {
    mid_market: reps.filter((r) => r.team === 'mid_market'),
    enterprise: reps.filter((r) => r.team === 'enterprise'),
  };
  const turns: Record<TeamKey, number> = { mid_market: 0, enterprise: 0 };
  return (segment) => {
    const team: TeamKey = segment === 'enterprise' ? 'enterprise' : 'mid_market';
    const members = teams[team].length > 0 ? teams[team] : reps;
    const rep = members[turns[team] % members.length];
    turns[team] += 1;
    if (!rep) throw new Error('the demo cast has no sales reps');
    return rep;
  };
}

export function clampRate(p: number): number {
  return Math.min(0.95, Math.max(0.01, p));
}

/** A log-normal delay around a median, so most delays are typical and a few are long. */
export function lognormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(random.normal(0, sigma));
}

export interface ActivityInput {
  readonly type: DemoActivityRow['type'];
  readonly at: number;
  readonly subject: string;
  readonly direction?: DemoActivityRow['direction'];
  readonly origin?: DemoActivityRow['origin'];
  readonly rep: DemoRep;
  readonly leadId: DemoActivityRow['lead_id'];
  readonly dealId?: DemoActivityRow['deal_id'];
  readonly accountId: DemoActivityRow['account_id'];
}

/** Logs an activity unless it would lie in the future. */
export function logActivity(world: World, out: DemoBatch, input: ActivityInput): void {
  if (input.at > world.calendar.now) return;
  out.activities.push({
    org_id: world.orgId,
    id: world.ids(input.at),
    type: input.type,
    occurred_at: new Date(input.at),
    subject: input.subject,
    body: null,
    direction: input.direction ?? null,
    origin: input.origin ?? 'manual',
    user_id: input.rep.id,
    lead_id: input.leadId,
    deal_id: input.dealId ?? null,
    account_id: input.accountId,
    due_at: null,
    completed_at: null,
    created_at: new Date(input.at),
  });
}
