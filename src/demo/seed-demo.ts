import { randomBytes } from 'node:crypto';
import { disableAudit } from '../db/audit.ts';
import type { Db, Trx } from '../db/database.ts';
import { scheduleJobs } from '../handoff/jobs-core.ts';
import { clockJobs } from '../handoff/sla-clocks.ts';
import type { WorkCalendar } from '../handoff/work-calendar.ts';
import { createOrg } from '../platform/create-org.ts';
import { createApiKey, createUser } from '../platform/create-user.ts';
import {
  findOrgBySlug,
  hasApiKeyNamed,
  insertTeam,
  listUsers,
  revokeApiKeysByName,
  setTeamManager,
} from '../platform/platform.store.ts';
import { setUserPassword } from '../platform/set-user-password.ts';
import type { Role } from '../shared/actor.ts';
import { newId, type OrgId, type TeamId, type UserId } from '../shared/ids.ts';
import { planCast, type TeamKey } from './cast.ts';
import { generateDemo } from './generate.ts';
import { DEMO_SLA_HOURS, demoWorkCalendar } from './handoff-history.ts';
import { deleteOrg, insertDemoBatch, openDealsByOwner, openMqlsByOwner, saveDemoHandoffSettings } from './load.ts';
import type { DemoBatch, DemoClockRow } from './rows.ts';

export interface SeedOptions {
  slug: string;
  name?: string;
  leads: number;
  seed: number;
  now?: Date;
  timeZone?: string;
  currency?: string;
  log?: (line: string) => void;
}

export interface SeedCounts {
  leads: number;
  touchpoints: number;
  stageEvents: number;
  deals: number;
  activities: number;
  campaigns: number;
  users: number;
  accounts: number;
  dealStageEvents: number;
}

export interface SeededOrg {
  orgId: OrgId;
  slug: string;
  counts: SeedCounts;
}

export const DEMO_SLUG = 'demo';
export const DEMO_NAME = 'Northwind Demo';
export const DEMO_KEY_NAME = 'demo (npm start)';
const DEMO_LEADS = 5000;
const DEMO_SEED = 42;
const PROGRESS_EVERY_MS = 5000;

// Creates an organisation with a year of generated history. The org, its teams and people
// go through the platform commands (so the org gets its default stages and reason codes);
// the history is bulk-inserted one transaction per generated batch. If loading fails the
// half-seeded org is deleted, so a retry with the same slug starts clean.
export async function seedOrg(db: Db, options: SeedOptions): Promise<SeededOrg> {
  const { slug } = options;
  if (!Number.isInteger(options.leads) || options.leads < 0) {
    throw new Error(`leads: ${options.leads} is not a non-negative whole number`);
  }
  if (await findOrgBySlug(db, slug))
    throw new Error(`cannot seed ${slug}: an organisation with that slug already exists`);
  const timeZone = options.timeZone ?? 'America/New_York';
  const currency = options.currency ?? 'USD';
  const cast = planCast(options.seed);
  const calendar = demoWorkCalendar(timeZone);
  const { orgId, userIds, teamIds } = await db.transaction().execute(async (trx) => {
    const id = await createOrg(trx, { name: options.name ?? DEMO_NAME, slug, timeZone, currency });
    const teamIds = new Map<TeamKey, TeamId>();
    for (const team of cast.teams) {
      const teamId = newId<TeamId>();
      await insertTeam(trx, id, { id: teamId, name: team.name });
      teamIds.set(team.key, teamId);
    }
    const users = new Map<string, UserId>();
    for (const person of cast.people) {
      const teamId = person.team ? (teamIds.get(person.team) ?? null) : null;
      users.set(
        person.key,
        await createUser(trx, id, { name: person.name, email: person.email, role: person.role, teamId }),
      );
    }
    for (const [key, teamId] of teamIds) {
      const manager = users.get(`manager:${key}`);
      if (manager) await setTeamManager(trx, id, teamId, manager);
    }
    await saveDemoHandoffSettings(trx, id, calendar, DEMO_SLA_HOURS);
    return { orgId: id, userIds: users, teamIds };
  });

  const counts: SeedCounts = {
    leads: 0,
    touchpoints: 0,
    stageEvents: 0,
    deals: 0,
    activities: 0,
    campaigns: 0,
    users: cast.people.length,
    accounts: 0,
    dealStageEvents: 0,
  };
  const started = Date.now();
  let lastLog = started;
  const now = options.now ?? new Date();
  try {
    const batches = generateDemo({
      orgId,
      seed: options.seed,
      leads: options.leads,
      now,
      timeZone,
      currency,
      cast,
      userIds,
      teamIds,
    });
    for (const batch of batches) {
      await db.transaction().execute(async (trx) => {
        // Generated history is not anybody's edit: keep it out of the audit log.
        await disableAudit(trx);
        await insertDemoBatch(trx, batch);
        await scheduleRunningClockJobs(trx, orgId, batch.clocks, now, calendar);
      });
      tally(counts, batch);
      if (options.log && Date.now() - lastLog >= PROGRESS_EVERY_MS) {
        lastLog = Date.now();
        const seconds = ((lastLog - started) / 1000).toFixed(0);
        options.log(
          `seeding ${slug}: ${counts.leads.toLocaleString('en')} of ${options.leads.toLocaleString('en')} leads (${seconds} s)`,
        );
      }
    }
  } catch (error) {
    await deleteOrg(db, orgId);
    throw error;
  }
  return { orgId, slug, counts };
}

export interface DemoOrg {
  slug: string;
  orgId: OrgId;
  apiKey: string;
  /** The people to sign in as, all with `password`. */
  users: { email: string; role: Role }[];
  password: string;
  created: boolean;
}

// What `baton serve` runs on start: seed the demo org the first time, then hand out a
// fresh admin key. Keys are stored hashed, so the old one cannot be shown again; it is
// revoked and replaced instead, and only the newest `demo (npm start)` key works.
export async function ensureDemoOrg(
  db: Db,
  options: { log?: (line: string) => void; leads?: number; slug?: string } = {},
): Promise<DemoOrg> {
  const slug = options.slug ?? DEMO_SLUG;
  const log = options.log ?? (() => {});
  let orgId = (await findOrgBySlug(db, slug))?.org_id;
  // The first start key is made only after seeding finished, so a demo org without one is
  // what an interrupted first start (Ctrl-C while seeding) left behind: start it again.
  if (orgId && !(await hasApiKeyNamed(db, orgId, DEMO_KEY_NAME))) {
    log(`baton: the demo organisation "${slug}" was not fully created; creating it again`);
    await deleteOrg(db, orgId);
    orgId = undefined;
  }
  let created = false;
  if (!orgId) {
    const leads = options.leads ?? DEMO_LEADS;
    log(
      `baton: creating the demo organisation "${slug}" with a year of history for ${leads.toLocaleString('en')} generated leads`,
    );
    const started = Date.now();
    const seeded = await seedOrg(db, {
      slug,
      name: DEMO_NAME,
      leads,
      seed: DEMO_SEED,
      timeZone: 'America/New_York',
      currency: 'USD',
      log,
    });
    const { counts } = seeded;
    log(
      `baton: demo organisation ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.leads} leads, ` +
        `${counts.deals} deals, ${counts.campaigns} campaigns, ${counts.users} users`,
    );
    orgId = seeded.orgId;
    created = true;
  }
  const demoOrgId = orgId;
  const password = randomBytes(12).toString('base64url');
  const signIn = await db.transaction().execute(async (trx) => {
    await revokeApiKeysByName(trx, demoOrgId, DEMO_KEY_NAME, new Date());
    const people = (await listUsers(trx, demoOrgId, { includeMachines: false })).filter((u) => u.active);
    const admin = people.find((u) => u.role === 'admin');
    const key = await createApiKey(trx, demoOrgId, {
      name: DEMO_KEY_NAME,
      role: 'admin',
      ...(admin ? { userId: admin.id } : {}),
    });
    const users = demoSignInUsers(
      people,
      await openDealsByOwner(trx, demoOrgId),
      await openMqlsByOwner(trx, demoOrgId),
    );
    for (const user of users) await setUserPassword(trx, demoOrgId, user.id, password);
    return { key, users };
  });
  return {
    slug,
    orgId: demoOrgId,
    apiKey: signIn.key.secret,
    users: signIn.users.map((u) => ({ email: u.email, role: u.role })),
    password,
    created,
  };
}

// One person per role to sign in as, and from each of two teams a rep with work to show:
// one with open deals (so the pipeline is never empty) and, among those, the most MQLs
// waiting in their queue, then the most open deals. The rep and manager views can then be
// compared. Like the API key, their shared password is made anew at every start: only a
// hash is stored, so an old one cannot be shown again.
function demoSignInUsers<U extends { id: string; email: string; role: Role; team_id: string | null }>(
  people: readonly U[],
  openDeals: ReadonlyMap<string, number>,
  openMqls: ReadonlyMap<string, number>,
): U[] {
  const chosen: U[] = [];
  for (const role of ['admin', 'marketing', 'sales_manager'] as const) {
    const person = people.find((u) => u.role === role);
    if (person) chosen.push(person);
  }
  const teams = new Set<string | null>();
  const reps = people
    .filter((u) => u.role === 'sales_rep')
    .sort((a, b) => {
      const [dealsA, dealsB] = [openDeals.get(a.id) ?? 0, openDeals.get(b.id) ?? 0];
      const [mqlsA, mqlsB] = [openMqls.get(a.id) ?? 0, openMqls.get(b.id) ?? 0];
      return Number(dealsB > 0) - Number(dealsA > 0) || mqlsB - mqlsA || dealsB - dealsA;
    });
  for (const rep of reps) {
    if (teams.has(rep.team_id)) continue;
    teams.add(rep.team_id);
    chosen.push(rep);
    if (teams.size === 2) break;
  }
  return chosen;
}

// The clocks still running when the history ends are watched like live ones: their
// "due soon" and "due" jobs are the ones startClock (handoff/sla-clocks.ts) schedules for
// a clock, so the jobs worker warns and escalates when their time comes. A clock whose breach
// the history already stamped needs neither.
async function scheduleRunningClockJobs(
  trx: Trx,
  orgId: OrgId,
  clocks: readonly DemoClockRow[],
  now: Date,
  calendar: WorkCalendar,
): Promise<void> {
  for (const clock of clocks) {
    if (clock.stopped_at !== null || clock.breached_at !== null) continue;
    await scheduleJobs(trx, { orgId, now }, clockJobs(clock, calendar));
  }
}

function tally(counts: SeedCounts, batch: DemoBatch): void {
  counts.leads += batch.leads.length;
  counts.touchpoints += batch.touchpoints.length;
  counts.stageEvents += batch.leadEvents.length;
  counts.deals += batch.deals.length;
  counts.activities += batch.activities.length;
  counts.campaigns += batch.campaigns.length;
  counts.accounts += batch.accounts.length;
  counts.dealStageEvents += batch.dealEvents.length;
}
