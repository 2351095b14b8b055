import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RoutingRepPut, RoutingRepView } from '../../../src/handoff/routing.schema.ts';
import { fromZonedLocal, zonedParts } from '../../../src/handoff/work-calendar.ts';
import type { Team } from '../../../src/platform/platform.schema.ts';
import { api } from '../platform/api.ts';
import { teamsQuery } from '../platform/people.ts';
import { useSession } from '../platform/session.ts';
import { humanize } from '../shell/format.ts';
import { Empty, ErrorPanel, Loading } from '../shell/ui.tsx';
import { routingRepsQuery } from './routing-queries.ts';

// Out of office is entered as the day the person is back: from midnight of that day in the
// organisation's time zone they get leads again.
function backOnDay(until: string | null, timeZone: string): string {
  if (until === null) return '';
  const p = zonedParts(new Date(until), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function untilOf(day: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return fromZonedLocal(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, timeZone).toISOString();
}

export function RoutingReps({ editable }: { editable: boolean }) {
  const reps = useQuery(routingRepsQuery);
  const teams = useQuery(teamsQuery);
  if (reps.isPending) return <Loading label="Loading reps…" />;
  if (reps.isError) return <ErrorPanel error={reps.error} retry={() => void reps.refetch()} />;
  if (reps.data.length === 0) return <Empty>No active sales reps or managers yet.</Empty>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Role</th>
          <th>Team</th>
          <th className="num">Weight</th>
          <th className="num">Capacity</th>
          <th className="num">Open MQLs</th>
          <th>Out of office, back on</th>
          <th>
            <span className="visually-hidden">Result</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {reps.data.map((rep) => (
          <RepRow key={rep.userId} rep={rep} teams={teams.data ?? []} editable={editable} />
        ))}
      </tbody>
    </table>
  );
}

function RepRow({ rep, teams, editable }: { rep: RoutingRepView; teams: readonly Team[]; editable: boolean }) {
  const session = useSession();
  const timeZone = session.org.timeZone;
  const queryClient = useQueryClient();
  const [weight, setWeight] = useState(String(rep.weight));
  const [capacity, setCapacity] = useState(rep.capacity === null ? '' : String(rep.capacity));
  const update = useMutation({
    mutationFn: (patch: RoutingRepPut) => api.put<RoutingRepView>(`/handoff/routing-reps/${rep.userId}`, patch),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: routingRepsQuery.queryKey }),
  });
  const commitWeight = () => {
    if (weight.trim() !== String(rep.weight)) update.mutate({ weight: Number(weight) });
  };
  const commitCapacity = () => {
    const next = capacity.trim() === '' ? null : Number(capacity);
    if (next !== rep.capacity) update.mutate({ capacity: next });
  };
  const team = teams.find((t) => t.id === rep.teamId)?.name ?? (rep.teamId ? '…' : 'No team');
  return (
    <tr>
      <td>{rep.name}</td>
      <td>{humanize(rep.role)}</td>
      <td>{team}</td>
      <td className="num">
        {editable ? (
          <input
            aria-label={`Weight of ${rep.name}`}
            className="input-number"
            type="number"
            min={0}
            max={1000}
            value={weight}
            onChange={(e) => setWeight(e.target.value)}
            onBlur={commitWeight}
          />
        ) : (
          rep.weight
        )}
      </td>
      <td className="num">
        {editable ? (
          <input
            aria-label={`Capacity of ${rep.name}`}
            className="input-number"
            type="number"
            min={0}
            placeholder="no limit"
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            onBlur={commitCapacity}
          />
        ) : (
          (rep.capacity ?? 'no limit')
        )}
      </td>
      <td className="num">{rep.openMqls}</td>
      <td>
        {editable ? (
          <input
            aria-label={`${rep.name} is out of office until`}
            type="date"
            value={backOnDay(rep.outOfOffice ? rep.outOfOfficeUntil : null, timeZone)}
            onChange={(e) => update.mutate({ outOfOfficeUntil: untilOf(e.target.value, timeZone) })}
          />
        ) : rep.outOfOffice ? (
          backOnDay(rep.outOfOfficeUntil, timeZone)
        ) : (
          <span className="subtle">in office</span>
        )}
      </td>
      <td>
        {update.isPending ? <span className="subtle">Saving…</span> : null}
        {update.isError ? <span className="row-error">{update.error.message}</span> : null}
      </td>
    </tr>
  );
}
