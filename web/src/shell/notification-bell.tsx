import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { Notification, NotificationPage, ReadAllResult } from '../../../src/handoff/notifications.schema.ts';
import { api } from '../platform/api.ts';
import { useSession } from '../platform/session.ts';
import { formatDateTime } from './format.ts';

// The notification bell in the sidebar: my unread count, and the latest notifications in a
// panel (new MQL assigned, SLA due soon, breached, escalated, lead rejected or recycled).
// Opening one marks it read and goes to its lead.

const SHOWN = 15;
/** New notifications come from requests and from the jobs worker; the bell looks every half minute. */
const REFRESH_MS = 30_000;

export const notificationsQuery = queryOptions({
  queryKey: ['notifications', 'latest'],
  queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { limit: SHOWN }, signal),
  refetchInterval: REFRESH_MS,
});

const KIND_LABEL: { readonly [K in Notification['kind']]: string } = {
  lead_assigned: 'Assigned',
  sla_due_soon: 'Due soon',
  sla_breached: 'Breached',
  sla_escalated: 'Escalated',
  lead_rejected: 'Rejected',
  lead_recycled: 'Recycled',
};

export function NotificationBell() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const latest = useQuery(notificationsQuery);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => api.post<ReadAllResult>('/notifications/read-all'),
    onSuccess: refresh,
  });

  // Escape or a click elsewhere closes the panel.
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onPointer = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);

  const unread = latest.data?.unreadCount ?? 0;
  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    if (n.leadId) void navigate({ to: '/leads/$leadId', params: { leadId: n.leadId } });
  };

  return (
    <div className="bell" ref={root}>
      <button
        type="button"
        className="nav-link"
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen(!open)}
      >
        Notifications
        {unread > 0 ? (
          <span className="bell-count" role="status" aria-label={`${unread} unread`}>
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section id="notification-panel" className="bell-panel" aria-label="Notifications">
          <header className="bell-header">
            <h2>Notifications</h2>
            <button
              type="button"
              className="link-button"
              disabled={unread === 0 || readAll.isPending}
              onClick={() => readAll.mutate()}
            >
              Mark all read
            </button>
          </header>
          {latest.isError ? (
            <p className="bell-empty" role="alert">
              Notifications could not be loaded.
            </p>
          ) : null}
          {latest.data && latest.data.items.length === 0 ? <p className="bell-empty">Nothing yet.</p> : null}
          <ul className="bell-list">
            {(latest.data?.items ?? []).map((n) => (
              <li key={n.id} className={n.readAt ? 'bell-item' : 'bell-item bell-unread'}>
                <button type="button" className="bell-open" onClick={() => openOne(n)}>
                  <span className="bell-kind">{KIND_LABEL[n.kind]}</span>
                  <span className="bell-title">{n.title}</span>
                  <span className="bell-body">{n.body}</span>
                  <span className="bell-time">{formatDateTime(n.createdAt, session.org.timeZone)}</span>
                </button>
                {n.readAt ? null : (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Mark read: ${n.title}`}
                    onClick={() => markRead.mutate(n.id)}
                  >
                    Mark read
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
