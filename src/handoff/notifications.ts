import type { Insertable } from 'kysely';
import type { Executor, Trx } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { cursorOf } from '../shared/cursor.ts';
import { type JobId, type LeadId, type NotificationId, newId, type UserId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import type { NotificationKind, NotificationsTable } from './handoff.tables.ts';
import type { OrgScope } from './jobs-core.ts';
import type { Notification, NotificationListQuery, NotificationPage, ReadAllResult } from './notifications.schema.ts';
import {
  countUnread,
  insertNotificationWithEmail,
  isActiveUser,
  listNotificationRows,
  markAllRead,
  markRead,
  type NotificationRow,
} from './notifications.store.ts';

export interface NotificationRequest {
  readonly userId: UserId;
  readonly kind: NotificationKind;
  readonly leadId: LeadId | null;
  readonly title: string;
  readonly body: string;
  /** Per recipient: notifying the same person with the same key again changes nothing. */
  readonly dedupeKey: string;
  /**
   * Set by a caller that has just chosen the recipient among active people (routing), so
   * whether they are active is not read again.
   */
  readonly recipientIsActive?: true;
}

// Every notification is a row for the app and an e-mail: the e-mail is a job scheduled in
// the same transaction (send_email, see notifications-email.ts), so it is sent only when the
// change that caused it commits, and retried until it is. A deactivated person is not
// notified (null), nor is anyone twice for one dedupe key (null).
export async function notify(trx: Trx, scope: OrgScope, request: NotificationRequest): Promise<NotificationRow | null> {
  if (!request.recipientIsActive && !(await isActiveUser(trx, scope.orgId, request.userId))) return null;
  const row = await insertNotificationWithEmail(trx, scope.orgId, notificationRow(request, scope.now), newId<JobId>());
  return row ?? null;
}

/** The row notify() writes for a request. */
export function notificationRow(
  request: NotificationRequest,
  now: Date,
): Omit<Insertable<NotificationsTable>, 'org_id'> {
  return {
    id: newId<NotificationId>(),
    user_id: request.userId,
    kind: request.kind,
    lead_id: request.leadId,
    title: request.title,
    body: request.body,
    dedupe_key: request.dedupeKey,
    created_at: now,
  };
}

export async function listNotifications(
  db: Executor,
  actor: Actor,
  query: NotificationListQuery,
): Promise<NotificationPage> {
  const paged = { ...query, order: 'desc' as const };
  const rows = await listNotificationRows(db, actor.orgId, actor.userId, query, cursorOf(paged));
  const page = pageFromRows(rows, paged, toNotification);
  return { ...page, unreadCount: await countUnread(db, actor.orgId, actor.userId) };
}

/** Marks one of the caller's own notifications read; someone else's reads as not found. */
export async function readNotification(trx: Trx, ctx: CommandContext, id: NotificationId): Promise<Notification> {
  const row = await markRead(trx, ctx.actor.orgId, ctx.actor.userId, id, ctx.now);
  if (!row) throw notFound('notification', id);
  return toNotification(row);
}

export async function readAllNotifications(trx: Trx, ctx: CommandContext): Promise<ReadAllResult> {
  return { updated: await markAllRead(trx, ctx.actor.orgId, ctx.actor.userId, ctx.now) };
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    leadId: row.lead_id,
    title: row.title,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    emailedAt: row.emailed_at?.toISOString() ?? null,
  };
}
