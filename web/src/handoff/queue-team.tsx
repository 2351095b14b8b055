import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { QueueBreach } from '../../../src/handoff/queue.schema.ts';
import type { WorkCalendar } from '../../../src/handoff/work-calendar.ts';
import { formatDateTime, humanize, personName } from '../shell/format.ts';
import { Empty, ErrorPanel, Loading } from '../shell/ui.tsx';
import { QueueActionsView, useQueueActions } from './queue-actions.tsx';
import { formatBusinessMinutes, useServerNow } from './queue-countdown.tsx';
import { useQueueKeys } from './queue-keys.ts';
import { teamQueueQuery } from './queue-queries.ts';
import { RECYCLE, REJECT } from './queue-reason-dialog.tsx';
import { MqlTable, Truncated } from './queue-table.tsx';

// A manager's view of the team: every MQL of its reps and of its queue, soonest due first,
// with the same keys as the own queue, and the team's breaches: clocks running past due,
// then those breached this month.

export function TeamQueueView() {
  const navigate = useNavigate();
  const queue = useQuery(teamQueueQuery);
  const now = useServerNow(queue.data?.now);
  const items = queue.data?.mqls.items ?? [];
  const [cursor, setCursor] = useState(0);
  const current = Math.max(0, Math.min(cursor, items.length - 1));
  const selected = items[current];
  const actions = useQueueActions(selected ? { id: selected.lead.id, name: personName(selected.lead) } : null);
  useQueueKeys({
    count: items.length,
    setCursor,
    open: () => {
      if (selected) void navigate({ to: '/leads/$leadId', params: { leadId: selected.lead.id } });
    },
    accept: actions.accept,
    reject: () => actions.open(REJECT),
    recycle: () => actions.open(RECYCLE),
  });

  if (queue.isPending) return <Loading label="Loading the team queue…" />;
  if (queue.isError) return <ErrorPanel error={queue.error} retry={() => void queue.refetch()} />;
  const { mqls, breaches, timeZone } = queue.data;
  const calendar = queue.data.calendar as WorkCalendar;
  return (
    <>
      <QueueActionsView actions={actions} />
      <h2 className="queue-heading">
        Team MQLs <span className="column-count">{mqls.total}</span>
      </h2>
      <Truncated shown={mqls.items.length} total={mqls.total} />
      {mqls.items.length === 0 ? (
        <Empty>No MQLs are waiting in this team.</Empty>
      ) : (
        <div className="table-wrap">
          <MqlTable
            items={mqls.items}
            offset={0}
            showOwner
            calendar={calendar}
            now={now}
            timeZone={timeZone}
            cursor={current}
            onCursor={setCursor}
          />
        </div>
      )}
      <h2 className="queue-heading">
        Breaches{' '}
        <span className="column-count" data-testid="breach-counts">
          {queue.data.runningBreaches} running · {queue.data.breachesThisMonth} this month
        </span>
      </h2>
      <Truncated shown={breaches.items.length} total={breaches.total} />
      {breaches.items.length === 0 ? (
        <Empty>No breaches running and none this month.</Empty>
      ) : (
        <div className="table-wrap">
          <BreachesTable items={breaches.items} timeZone={timeZone} />
        </div>
      )}
    </>
  );
}

const KIND = { accept: 'Accept', first_activity: 'First activity' } as const;

function BreachesTable({ items, timeZone }: { items: readonly QueueBreach[]; timeZone: string }) {
  return (
    <table className="table queue-table" data-testid="queue-breaches">
      <thead>
        <tr>
          <th>Obligation</th>
          <th>Lead</th>
          <th>Owner</th>
          <th>Due</th>
          <th>Breached</th>
          <th>Now</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ lead, clock }) => (
          <tr key={clock.id}>
            <td>{KIND[clock.kind]}</td>
            <td className="col-name">
              <Link to="/leads/$leadId" params={{ leadId: lead.id }}>
                {personName(lead)}
              </Link>
              {lead.companyName ? <span className="subtle"> · {lead.companyName}</span> : null}
            </td>
            <td>{clock.ownerName ?? <span className="subtle">Team queue</span>}</td>
            <td className="col-date">{formatDateTime(clock.dueAt, timeZone)}</td>
            <td className="col-date">{clock.breachedAt ? formatDateTime(clock.breachedAt, timeZone) : ''}</td>
            <td>
              {clock.stoppedAt ? (
                <span className="subtle">
                  {humanize(clock.outcome ?? 'stopped')} {formatDateTime(clock.stoppedAt, timeZone)}
                </span>
              ) : (
                <span className="countdown countdown-breached">
                  Running, {formatBusinessMinutes(clock.businessMinutesLeft)} over
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
