import { useEffect, useMemo, useState } from 'react';
import type { QueueClock } from '../../../src/handoff/queue.schema.ts';
import { slaStatus } from '../../../src/handoff/sla-clock.ts';
import type { WorkCalendar } from '../../../src/handoff/work-calendar.ts';
import { formatDateTime } from '../shell/format.ts';

// The live countdown of an SLA clock. The server answers with its own time; the page counts
// on from it (so a server on a test clock, or a browser whose clock is off, still shows the
// server's view) and works out business minutes left with the same rule the server uses.

const TICK_MS = 10_000;

/** The server's time now: its answer's `now` plus the time passed since the answer came. */
export function useServerNow(serverNow: string | undefined): Date {
  const [anchor, setAnchor] = useState(() => ({ server: serverNow, local: Date.now() }));
  if (anchor.server !== serverNow) setAnchor({ server: serverNow, local: Date.now() });
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const base = serverNow ? new Date(serverNow).getTime() : anchor.local;
  return new Date(base + (Date.now() - anchor.local));
}

export type CountdownState = QueueClock['state'];

export interface LiveStatus {
  readonly state: CountdownState;
  readonly minutesLeft: number;
}

export function liveStatus(clock: QueueClock, calendar: WorkCalendar, now: Date): LiveStatus {
  const status = slaStatus(new Date(clock.startedAt), clock.slaHours, calendar, now);
  const breached = status.state === 'breached' || clock.breachedAt !== null;
  return {
    state: breached ? 'breached' : status.state === 'due_soon' ? 'due_soon' : 'on_track',
    minutesLeft: status.businessMinutesLeft,
  };
}

/** Business minutes as "2 h 05 m" or "45 m". */
export function formatBusinessMinutes(minutes: number): string {
  const m = Math.abs(minutes);
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  return hours > 0 ? `${hours} h ${String(rest).padStart(2, '0')} m` : `${rest} m`;
}

const LABEL: { readonly [S in CountdownState]: string } = {
  on_track: 'On track',
  due_soon: 'Due soon',
  breached: 'Breached',
};

export function Countdown({ clock, calendar, now }: { clock: QueueClock; calendar: WorkCalendar; now: Date }) {
  const minute = Math.floor(now.getTime() / TICK_MS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed once per tick, not per render.
  const status = useMemo(() => liveStatus(clock, calendar, now), [clock, calendar, minute]);
  const text =
    status.state === 'breached'
      ? `${formatBusinessMinutes(status.minutesLeft)} over`
      : `${formatBusinessMinutes(status.minutesLeft)} left`;
  return (
    <span
      className={`countdown countdown-${status.state}`}
      data-testid="countdown"
      title={`${LABEL[status.state]}: due ${formatDateTime(clock.dueAt, calendar.timeZone)} (business time of the org calendar)`}
    >
      <span className="countdown-state">{LABEL[status.state]}</span> {text}
    </span>
  );
}
