import type { Api, RouteDeps } from '../server/build-app.ts';
import {
  Notification,
  NotificationIdParams,
  NotificationListQuery,
  NotificationPage,
  ReadAllResult,
} from './notifications.schema.ts';
import { listNotifications, readAllNotifications, readNotification } from './notifications.ts';

const tags = ['notifications'];

// Everyone's own notifications: the routes only ever touch the caller's rows.
export async function notificationsRoutes(app: Api, { db, run }: RouteDeps): Promise<void> {
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first',
        description: '`unread=true` lists only unread ones; `unreadCount` counts all unread ones whatever the filter.',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage },
      },
    },
    (req) => listNotifications(db, req.actor, req.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: NotificationIdParams,
        response: { 200: Notification },
      },
    },
    (req) => run(req, (trx, ctx) => readNotification(trx, ctx, req.params.id)),
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllResult } } },
    (req) => run(req, (trx, ctx) => readAllNotifications(trx, ctx)),
  );
}
