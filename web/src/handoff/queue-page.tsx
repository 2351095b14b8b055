import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { MyQueue } from '../../../src/handoff/queue.schema.ts';
import type { WorkCalendar } from '../../../src/handoff/work-calendar.ts';
import { useSession } from '../platform/session.ts';
import { personName } from '../shell/format.ts';
import { Empty, ErrorPanel, Kbd, Loading, PageHeader } from '../shell/ui.tsx';
import { QueueActionsView, type QueueTarget, useQueueActions } from './queue-actions.tsx';
import { useServerNow } from './queue-countdown.tsx';
import { useQueueKeys } from './queue-keys.ts';
import { myQueueQuery } from './queue-queries.ts';
import { RECYCLE, REJECT } from './queue-reason-dialog.tsx';
import { FirstActivityTable, MqlTable, TaskTable, Truncated } from './queue-table.tsx';
import { TeamQueueView } from './queue-team.tsx';
import './queue-scorecard.css';

// The rep's queue: MQLs soonest due first with a live countdown, then the follow-ups due
// today. One key per action (see KeyHints); managers and admins also get their team's
// queue and breaches on the Team tab.

export const QUEUE_TABS = ['mine', 'team'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

const route = getRouteApi('/app/queue');

export function QueuePage() {
  const session = useSession();
  const { tab = 'mine' } = route.useSearch();
  const seesTeam = session.user.role === 'sales_manager' || session.user.role === 'admin';
  const shown: QueueTab = seesTeam ? tab : 'mine';
  return (
    <section className="page page-wide">
      <PageHeader title="Queue" />
      {seesTeam ? (
        <nav className="tabs" aria-label="Queue views">
          <Link
            to="/queue"
            search={{ tab: 'mine' }}
            className="tab"
            aria-current={shown === 'mine' ? 'page' : undefined}
          >
            My queue
          </Link>
          <Link
            to="/queue"
            search={{ tab: 'team' }}
            className="tab"
            aria-current={shown === 'team' ? 'page' : undefined}
          >
            {session.user.role === 'admin' ? 'All teams' : 'Team'}
          </Link>
        </nav>
      ) : null}
      <KeyHints />
      {shown === 'team' ? <TeamQueueView /> : <MyQueueView />}
    </section>
  );
}

export function KeyHints() {
  return (
    <p className="hint queue-keys">
      <Kbd>j</Kbd> <Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>a</Kbd> accept · <Kbd>r</Kbd> reject · <Kbd>c</Kbd>{' '}
      recycle · <Kbd>?</Kbd> for shortcuts
    </p>
  );
}

type Row =
  | { readonly kind: 'mql'; readonly lead: QueueTarget }
  | { readonly kind: 'follow-up'; readonly lead: QueueTarget | null };

function rowsOf(queue: MyQueue | undefined): Row[] {
  if (!queue) return [];
  return [
    ...queue.mqls.items.map((m): Row => ({ kind: 'mql', lead: { id: m.lead.id, name: personName(m.lead) } })),
    ...queue.firstActivity.items.map(
      (f): Row => ({ kind: 'follow-up', lead: { id: f.lead.id, name: personName(f.lead) } }),
    ),
    ...queue.tasks.items.map(
      (t): Row => ({ kind: 'follow-up', lead: t.lead ? { id: t.lead.id, name: personName(t.lead) } : null }),
    ),
  ];
}

function MyQueueView() {
  const navigate = useNavigate();
  const queue = useQuery(myQueueQuery);
  const now = useServerNow(queue.data?.now);
  const rows = rowsOf(queue.data);
  const [cursor, setCursor] = useState(0);
  const current = Math.max(0, Math.min(cursor, rows.length - 1));
  const row = rows[current];
  const actions = useQueueActions(row?.kind === 'mql' ? row.lead : null);
  useQueueKeys({
    count: rows.length,
    setCursor,
    open: () => {
      if (row?.lead) void navigate({ to: '/leads/$leadId', params: { leadId: row.lead.id } });
    },
    accept: actions.accept,
    reject: () => actions.open(REJECT),
    recycle: () => actions.open(RECYCLE),
  });

  if (queue.isPending) return <Loading label="Loading your queue…" />;
  if (queue.isError) return <ErrorPanel error={queue.error} retry={() => void queue.refetch()} />;
  const { mqls, firstActivity, tasks, timeZone } = queue.data;
  const calendar = queue.data.calendar as WorkCalendar;
  const common = { calendar, now, timeZone, cursor: current, onCursor: setCursor };
  return (
    <>
      <QueueActionsView actions={actions} />
      <h2 className="queue-heading">
        MQLs waiting for you <span className="column-count">{mqls.total}</span>
      </h2>
      <Truncated shown={mqls.items.length} total={mqls.total} />
      {mqls.items.length === 0 ? (
        <Empty>No MQLs are waiting for you. New ones appear here as soon as they are routed to you.</Empty>
      ) : (
        <div className="table-wrap">
          <MqlTable items={mqls.items} offset={0} {...common} />
        </div>
      )}
      <h2 className="queue-heading">
        Follow-ups due <span className="column-count">{firstActivity.total + tasks.total}</span>
      </h2>
      {firstActivity.items.length === 0 && tasks.items.length === 0 ? <Empty>Nothing else is due today.</Empty> : null}
      {firstActivity.items.length > 0 ? (
        <>
          <h3>Accepted, waiting for a first activity</h3>
          <Truncated shown={firstActivity.items.length} total={firstActivity.total} />
          <div className="table-wrap">
            <FirstActivityTable items={firstActivity.items} offset={mqls.items.length} {...common} />
          </div>
        </>
      ) : null}
      {tasks.items.length > 0 ? (
        <>
          <h3>Tasks due today</h3>
          <Truncated shown={tasks.items.length} total={tasks.total} />
          <div className="table-wrap">
            <TaskTable items={tasks.items} offset={mqls.items.length + firstActivity.items.length} {...common} />
          </div>
        </>
      ) : null}
    </>
  );
}
