import type { Db } from '../../src/db/database.ts';
import { runDueJobs } from '../../src/handoff/jobs.ts';
import { logMailer, type Mailer } from '../../src/handoff/notifications-email.ts';
import { createLead } from '../../src/lifecycle/create-lead.ts';
import type { LeadTransitionInput } from '../../src/lifecycle/lifecycle.schema.ts';
import { transitionLead } from '../../src/lifecycle/transition-lead.ts';
import { setTeamManager } from '../../src/platform/platform.store.ts';
import type { CommandContext } from '../../src/shared/context.ts';
import type { LeadId, TeamId, UserId } from '../../src/shared/ids.ts';
import { createTestOrg, type TestOrg, type TestUser } from './fixtures.ts';

// An organisation set up for the hand-off's tests: a sales team with its manager and a rep,
// and two marketing people. Its calendar is the default one: Monday to Friday 09:00–17:00
// UTC, 8 business hours for each clock. 2026-01-05 is a Monday.

export interface SlaWorld {
  readonly db: Db;
  readonly org: TestOrg;
  readonly team: TeamId;
  readonly manager: TestUser;
  readonly rep: TestUser;
  readonly marketing: readonly TestUser[];
  /** The org's admin acting at an ISO instant. */
  at(iso: string): CommandContext;
  /** A person acting at an ISO instant. */
  as(user: TestUser, iso: string): CommandContext;
  /** A new inquiry, owned by `ownerId` (the rep by default; null for none). */
  lead(ownerId?: UserId | null): Promise<LeadId>;
  move(ctx: CommandContext, leadId: LeadId, input: LeadTransitionInput): Promise<void>;
  clocks(leadId: LeadId): ReturnType<typeof clocksOf>;
  notifications(userId?: UserId): ReturnType<typeof notificationsOf>;
  /** One round of this org's due jobs at `iso`; e-mails go to a log that is kept in `mail`. */
  runJobs(iso: string, mailer?: Mailer): ReturnType<typeof runDueJobs>;
  /** Rounds at `iso` until none is due (jobs schedule e-mails due at once): every job claimed. */
  drainJobs(iso: string, mailer?: Mailer): Promise<string[]>;
  readonly mail: { to: unknown; subject: unknown; body: unknown }[];
  /** What failing jobs logged. */
  readonly errors: string[];
}

export async function createSlaWorld(db: Db): Promise<SlaWorld> {
  const org = await createTestOrg(db);
  const team = await org.team('Sales team');
  const manager = await org.user('sales_manager', 'Mia Manager', { teamId: team });
  const rep = await org.user('sales_rep', 'Ray Rep', { teamId: team });
  await db.transaction().execute((trx) => setTeamManager(trx, org.orgId, team, manager.userId));
  const marketing = [await org.user('marketing', 'Mo Marketing'), await org.user('marketing', 'Max Marketing')];
  const mail: SlaWorld['mail'] = [];
  const errors: string[] = [];
  const logger = {
    info: (fields: Record<string, unknown>) => mail.push({ to: fields.to, subject: fields.subject, body: fields.body }),
    error: (fields: Record<string, unknown>, message: string) => errors.push(`${message}: ${String(fields.error)}`),
  };
  const at = (iso: string): CommandContext => ({ actor: org.admin, now: new Date(iso) });
  return {
    db,
    org,
    team,
    manager,
    rep,
    marketing,
    mail,
    errors,
    at,
    as: (user, iso) => ({ actor: user.actor, now: new Date(iso) }),
    lead: async (ownerId = rep.userId) => {
      const lead = await db.transaction().execute((trx) =>
        createLead(trx, at('2026-01-01T08:00:00Z'), {
          firstName: 'Lena',
          lastName: 'Lead',
          companyName: 'Acme',
          email: `lena.${Math.random().toString(36).slice(2)}@acme.test`,
          ownerId,
        }),
      );
      return lead.id as LeadId;
    },
    move: async (ctx, leadId, input) => {
      await db.transaction().execute((trx) => transitionLead(trx, ctx, leadId, input));
    },
    clocks: (leadId) => clocksOf(db, org, leadId),
    notifications: (userId) => notificationsOf(db, org, userId),
    runJobs: (iso, mailer) =>
      runDueJobs(db, new Date(iso), { orgId: org.orgId, logger, mailer: mailer ?? logMailer(logger) }),
    drainJobs: async (iso, mailer) => {
      const claimed: string[] = [];
      for (let round = 0; round < 20; round++) {
        const result = await runDueJobs(db, new Date(iso), {
          orgId: org.orgId,
          logger,
          mailer: mailer ?? logMailer(logger),
        });
        if (result.claimed.length === 0) return claimed;
        claimed.push(...result.claimed);
      }
      throw new Error(`jobs of org ${org.orgId} still due at ${iso} after 20 rounds`);
    },
  };
}

function clocksOf(db: Db, org: TestOrg, leadId: LeadId) {
  return db
    .selectFrom('sla_clocks')
    .selectAll()
    .where('org_id', '=', org.orgId)
    .where('lead_id', '=', leadId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

function notificationsOf(db: Db, org: TestOrg, userId?: UserId) {
  let query = db.selectFrom('notifications').selectAll().where('org_id', '=', org.orgId);
  if (userId) query = query.where('user_id', '=', userId);
  return query.orderBy('created_at').orderBy('id').execute();
}
