import { z } from 'zod';
import { IsoDateTime, Uuid } from '../shared/schema.ts';
import { NOTIFICATION_KINDS } from './handoff.tables.ts';

export const NotificationIdParams = z.object({ id: Uuid.brand<'NotificationId'>() });

export const Notification = z.object({
  id: Uuid,
  kind: z.enum(NOTIFICATION_KINDS),
  leadId: Uuid.nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
  emailedAt: IsoDateTime.nullable(),
});
export type Notification = z.infer<typeof Notification>;

// Always newest first: a notification list is read from the top.
export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  /** `true`: only unread; `false`: only read. */
  unread: z.stringbool().optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = z.object({
  items: z.array(Notification),
  nextCursor: z.string().nullable(),
  /** All of the caller's unread notifications, whatever the page or filter. */
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const ReadAllResult = z.object({ updated: z.number().int() });
export type ReadAllResult = z.infer<typeof ReadAllResult>;
