import { type Insertable, type QueryCreator, type Selectable, sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { ReasonKind } from '../lifecycle/constants.ts';
import type { Role } from '../shared/actor.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { JobId, LeadId, NotificationId, OrgId, UserId } from '../shared/ids.ts';
import { afterCursor } from '../shared/keyset.ts';
import type { NotificationsTable } from './handoff.tables.ts';

export type NotificationRow = Selectable<NotificationsTable>;

/**
 * Inserts a notification and schedules its e-mail, a 'send_email' job run at once (see
 * notifications-email.ts), in one statement. One with the same user and dedupe key exists
 * already: nothing changes, nothing is e-mailed again, undefined.
 */
export function insertNotificationWithEmail(
  db: Executor,
  orgId: OrgId,
  row: Omit<Insertable<NotificationsTable>, 'org_id'>,
  emailJobId: JobId,
): Promise<NotificationRow | undefined> {
  return withNotice(db, orgId, { row, emailJobId }).selectFrom('notice').selectAll().executeTakeFirst();
}

/**
 * The two CTEs of a notification and its e-mail job, `notice` (the inserted row, none when
 * its dedupe key was taken) and `email`, added to a statement under way.
 */
export function withNotice(
  db: QueryCreator<Database>,
  orgId: OrgId,
  notice: { readonly row: Omit<Insertable<NotificationsTable>, 'org_id'>; readonly emailJobId: JobId },
) {
  return db
    .with('notice', (db) =>
      db
        .insertInto('notifications')
        .values({ ...notice.row, org_id: orgId })
        .onConflict((oc) =>
          oc.columns(['org_id', 'user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
        )
        .returningAll(),
    )
    .with('email', (db) =>
      db
        .insertInto('jobs')
        .columns(['org_id', 'id', 'kind', 'run_at', 'payload', 'dedupe_key'])
        .expression((eb) =>
          eb
            .selectFrom('notice')
            .select([
              'notice.org_id',
              sql.val(notice.emailJobId).as('id'),
              sql.lit('send_email').as('kind'),
              'notice.created_at',
              sql`jsonb_build_object('notificationId', notice.id)`.as('payload'),
              'notice.id',
            ]),
        )
        .returning('id'),
    );
}

/** A notification with its recipient's address, for the e-mail. */
export function findNotificationForEmail(db: Executor, orgId: OrgId, id: NotificationId) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', (join) => join.onRef('u.org_id', '=', 'n.org_id').onRef('u.id', '=', 'n.user_id'))
    .innerJoin('orgs as o', 'o.org_id', 'n.org_id')
    .select(['n.id', 'n.title', 'n.body', 'n.emailed_at', 'u.email', 'u.name', 'u.active', 'o.name as org_name'])
    .where('n.org_id', '=', orgId)
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function markEmailed(db: Executor, orgId: OrgId, id: NotificationId, at: Date): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ emailed_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('emailed_at', 'is', null)
    .execute();
}

export function listNotificationRows(
  db: Executor,
  orgId: OrgId,
  userId: UserId,
  query: { readonly limit: number; readonly unread?: boolean | undefined },
  cursor: CursorPosition | null,
) {
  const sortExpr = sql`n.created_at`;
  let q = db
    .selectFrom('notifications as n')
    .selectAll('n')
    .select(sql<string>`cast(${sortExpr} as text)`.as('sort_key'))
    .where('n.org_id', '=', orgId)
    .where('n.user_id', '=', userId);
  if (query.unread !== undefined) q = q.where('n.read_at', query.unread ? 'is' : 'is not', null);
  if (cursor) q = q.where((eb) => afterCursor(eb, sortExpr, sql`n.id`, cursor, 'desc', 'timestamptz'));
  return q
    .orderBy(sortExpr, 'desc')
    .orderBy('n.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

export async function countUnread(db: Executor, orgId: OrgId, userId: UserId): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks one of the user's notifications read (keeping an earlier read time); undefined when it is not theirs. */
export async function markRead(
  db: Executor,
  orgId: OrgId,
  userId: UserId,
  id: NotificationId,
  at: Date,
): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, ${at})` })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function markAllRead(db: Executor, orgId: OrgId, userId: UserId, at: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function isActiveUser(db: Executor, orgId: OrgId, userId: UserId): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('active')
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.active === true;
}

export async function userName(db: Executor, orgId: OrgId, userId: UserId): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('name')
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** A reason code's label, or the code itself when the org has no such code. */
export async function reasonLabel(db: Executor, orgId: OrgId, kind: ReasonKind, code: string): Promise<string> {
  const row = await db
    .selectFrom('reason_codes')
    .select('label')
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.label ?? code;
}

/** Active people (not machine users) of a role: who hears about a lead rejected back to marketing. */
export function activePeopleWithRole(db: Executor, orgId: OrgId, role: Role) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('role', '=', role)
    .where('active', '=', true)
    .where('is_machine', '=', false)
    .orderBy('id')
    .execute();
}

/** What a notification calls a lead: the person, their company, or their address. */
export async function leadLabel(db: Executor, orgId: OrgId, leadId: LeadId): Promise<string> {
  const row = await db
    .selectFrom('leads')
    .select(['first_name', 'last_name', 'company_name', 'email'])
    .where('org_id', '=', orgId)
    .where('id', '=', leadId)
    .executeTakeFirst();
  return row ? labelOf(row) : `lead ${leadId}`;
}

export interface LeadLabelRow {
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly company_name: string | null;
  readonly email: string | null;
}

/** How notifications name a lead: "Ana Lima (Acme)", else its e-mail, else that it has no name. */
export function labelOf(row: LeadLabelRow): string {
  const person = [row.first_name, row.last_name].filter(Boolean).join(' ');
  const name = person || row.email || 'a lead without a name';
  return row.company_name ? `${name} (${row.company_name})` : name;
}
