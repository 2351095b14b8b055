import type { Role } from '../shared/actor.ts';
import { type Random, seededRandom } from '../shared/random.ts';
import { FIRST_NAMES, LAST_NAMES } from './catalog.ts';

export const TEAM_KEYS = ['mid_market', 'enterprise'] as const;
export type TeamKey = (typeof TEAM_KEYS)[number];

export interface DemoTeamPlan {
  readonly key: TeamKey;
  readonly name: string;
}

/** How a rep works, as multipliers on the org's average (accept time in working hours). */
export interface RepSkill {
  readonly tier: RepTier;
  readonly acceptHours: number;
  readonly sqlRate: number;
  readonly winRate: number;
  readonly dealSize: number;
  readonly activity: number;
}

const REP_TIERS = ['star', 'solid', 'average', 'ramping', 'slow'] as const;
type RepTier = (typeof REP_TIERS)[number];

const TIER_SKILLS: Readonly<Record<RepTier, Omit<RepSkill, 'tier'>>> = {
  star: { acceptHours: 1.5, sqlRate: 1.25, winRate: 1.35, dealSize: 1.25, activity: 1.35 },
  solid: { acceptHours: 5, sqlRate: 1.08, winRate: 1.08, dealSize: 1.05, activity: 1.1 },
  average: { acceptHours: 10, sqlRate: 1, winRate: 1, dealSize: 1, activity: 1 },
  ramping: { acceptHours: 16, sqlRate: 0.82, winRate: 0.75, dealSize: 0.85, activity: 0.9 },
  slow: { acceptHours: 34, sqlRate: 0.92, winRate: 0.95, dealSize: 0.95, activity: 0.7 },
};

export interface DemoPersonPlan {
  /** A stable key the loader maps to the created user's id. */
  readonly key: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly team: TeamKey | null;
  readonly skill: RepSkill | null;
}

export interface DemoCastPlan {
  readonly teams: readonly DemoTeamPlan[];
  readonly people: readonly DemoPersonPlan[];
}

export const DEMO_EMAIL_DOMAIN = 'northwind.example';

// The org's people: one admin, one marketer, two sales teams with a manager each and 5–10
// reps between them. Every team gets reps of different tiers, so the leaderboard and the
// "what do top reps do differently" reports have something to find.
export function planCast(seed: number): DemoCastPlan {
  const random = seededRandom((seed ^ 0x5eed_ca57) >>> 0);
  const names = uniqueNames(random);
  const person = (key: string, role: Role, team: TeamKey | null, skill: RepSkill | null): DemoPersonPlan => {
    const [first, last] = names();
    return {
      key,
      name: `${first} ${last}`,
      email: `${asciiLower(first)}.${asciiLower(last)}@${DEMO_EMAIL_DOMAIN}`,
      role,
      team,
      skill,
    };
  };
  const repCount = random.int(5, 10);
  const enterpriseReps = Math.max(2, Math.floor(repCount * 0.4));
  const people: DemoPersonPlan[] = [
    person('admin', 'admin', null, null),
    person('marketing', 'marketing', null, null),
    person('manager:mid_market', 'sales_manager', 'mid_market', null),
    person('manager:enterprise', 'sales_manager', 'enterprise', null),
  ];
  for (const [team, count] of [
    ['mid_market', repCount - enterpriseReps],
    ['enterprise', enterpriseReps],
  ] as const) {
    const tiers = shuffle(random, [...REP_TIERS]);
    for (let i = 0; i < count; i++) {
      const tier = tiers[i % tiers.length] ?? 'average';
      people.push(person(`rep:${team}:${i + 1}`, 'sales_rep', team, jitterSkill(random, tier)));
    }
  }
  return {
    teams: [
      { key: 'mid_market', name: 'Mid-Market' },
      { key: 'enterprise', name: 'Enterprise' },
    ],
    people,
  };
}

export function asciiLower(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function jitterSkill(random: Random, tier: RepTier): RepSkill {
  const base = TIER_SKILLS[tier];
  const jitter = () => 0.92 + random.next() * 0.16;
  return {
    tier,
    acceptHours: base.acceptHours * jitter(),
    sqlRate: base.sqlRate * jitter(),
    winRate: base.winRate * jitter(),
    dealSize: base.dealSize * jitter(),
    activity: base.activity * jitter(),
  };
}

function uniqueNames(random: Random): () => [string, string] {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      const key = `${asciiLower(first)}.${asciiLower(last)}`;
      if (!used.has(key)) {
        used.add(key);
        return [first, last];
      }
    }
  };
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    const a = items[i];
    const b = items[j];
    if (a !== undefined && b !== undefined) {
      items[i] = b;
      items[j] = a;
    }
  }
  return items;
}
