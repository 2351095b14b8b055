import { Link } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef } from 'react';
import type { QueueFirstActivity, QueueMql, QueueTask } from '../../../src/handoff/queue.schema.ts';
import type { WorkCalendar } from '../../../src/handoff/work-calendar.ts';
import { formatDateTime, humanize, personName } from '../shell/format.ts';
import { Countdown } from './queue-countdown.tsx';

// The queue's lists. Rows are numbered across the page (`offset`), so j and k move one
// selection through the MQLs and on into the follow-ups.

interface RowsProps {
  readonly calendar: WorkCalendar;
  readonly now: Date;
  readonly timeZone: string;
  /** The selected row of the whole page, and this list's first row's number. */
  readonly cursor: number;
  readonly offset: number;
  readonly onCursor: (index: number) => void;
}

/** A row the j/k cursor can select: highlighted and scrolled into view when selected. */
function SelectableRow(props: {
  readonly index: number;
  readonly cursor: number;
  readonly onCursor: (index: number) => void;
  readonly leadId?: string;
  readonly children: ReactNode;
}) {
  const current = props.index === props.cursor;
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (current) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <tr
      ref={ref}
      className={current ? 'row-current' : undefined}
      aria-selected={current}
      onClick={() => props.onCursor(props.index)}
      data-lead-id={props.leadId}
    >
      {props.children}
    </tr>
  );
}

/** The lead's name, linking to it, and its company. */
function LeadCell({ lead }: { readonly lead: QueueMql['lead'] }) {
  return (
    <td className="col-name">
      <Link to="/leads/$leadId" params={{ leadId: lead.id }}>
        {personName(lead)}
      </Link>
      {lead.companyName ? <span className="subtle"> · {lead.companyName}</span> : null}
    </td>
  );
}

export function MqlTable(props: RowsProps & { readonly items: readonly QueueMql[]; readonly showOwner?: boolean }) {
  const { items, showOwner = false } = props;
  return (
    <table className="table queue-table" data-testid="queue-mqls">
      <thead>
        <tr>
          <th>Time to accept</th>
          <th>Lead</th>
          <th>E-mail</th>
          {showOwner ? <th>Owner</th> : null}
          <th>Source</th>
          <th className="num">Score</th>
          <th>First campaign</th>
          <th>Routed</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <MqlRow key={item.lead.id} item={item} index={props.offset + i} showOwner={showOwner} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function MqlRow(props: RowsProps & { readonly item: QueueMql; readonly index: number; readonly showOwner: boolean }) {
  const { item, index, cursor, calendar, now } = props;
  const { lead, clock, assignment } = item;
  return (
    <SelectableRow index={index} cursor={cursor} onCursor={props.onCursor} leadId={lead.id}>
      <td>
        {clock ? <Countdown clock={clock} calendar={calendar} now={now} /> : <span className="subtle">No clock</span>}
      </td>
      <LeadCell lead={lead} />
      <td className="col-email">{lead.email ?? ''}</td>
      {props.showOwner ? <td>{lead.ownerName ?? <span className="subtle">Team queue</span>}</td> : null}
      <td>{lead.sourceChannel ? humanize(lead.sourceChannel) : ''}</td>
      <td className="num">{lead.score}</td>
      <td>{lead.firstCampaign?.name ?? ''}</td>
      <td className="queue-routed" title={assignment?.explanation}>
        {assignment ? (
          <>
            {assignment.ruleName ?? (assignment.ruleKind ? humanize(assignment.ruleKind) : humanize(assignment.reason))}
            <span className="subtle"> · {assignment.explanation}</span>
          </>
        ) : (
          <span className="subtle">Not routed</span>
        )}
      </td>
    </SelectableRow>
  );
}

export function FirstActivityTable(props: RowsProps & { readonly items: readonly QueueFirstActivity[] }) {
  return (
    <table className="table queue-table" data-testid="queue-first-activity">
      <thead>
        <tr>
          <th>Time to first activity</th>
          <th>Lead</th>
          <th>E-mail</th>
          <th>Accepted</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item, i) => (
          <FirstActivityRow key={item.clock.id} item={item} index={props.offset + i} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function FirstActivityRow(props: RowsProps & { readonly item: QueueFirstActivity; readonly index: number }) {
  const { item, index, cursor } = props;
  return (
    <SelectableRow index={index} cursor={cursor} onCursor={props.onCursor}>
      <td>
        <Countdown clock={item.clock} calendar={props.calendar} now={props.now} />
      </td>
      <LeadCell lead={item.lead} />
      <td className="col-email">{item.lead.email ?? ''}</td>
      <td className="col-date">{formatDateTime(item.clock.startedAt, props.timeZone)}</td>
    </SelectableRow>
  );
}

export function TaskTable(props: RowsProps & { readonly items: readonly QueueTask[] }) {
  return (
    <table className="table queue-table" data-testid="queue-tasks">
      <thead>
        <tr>
          <th>Due</th>
          <th>Task</th>
          <th>Lead</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((task, i) => (
          <TaskRow key={task.id} task={task} index={props.offset + i} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function TaskRow(props: RowsProps & { readonly task: QueueTask; readonly index: number }) {
  const { task, index, cursor } = props;
  return (
    <SelectableRow index={index} cursor={cursor} onCursor={props.onCursor}>
      <td className="col-date">
        {task.overdue ? <span className="countdown countdown-breached">Overdue</span> : null}{' '}
        {formatDateTime(task.dueAt, props.timeZone)}
      </td>
      <td>{task.subject ?? <span className="subtle">(no subject)</span>}</td>
      <td className="col-name">
        {task.lead ? (
          <Link to="/leads/$leadId" params={{ leadId: task.lead.id }}>
            {personName(task.lead)}
          </Link>
        ) : null}
      </td>
    </SelectableRow>
  );
}

/** Says when a list holds only the first of more items (the API bounds each section). */
export function Truncated({ shown, total }: { shown: number; total: number }) {
  if (shown >= total) return null;
  return (
    <p className="hint">
      Showing the {shown} due soonest of {total}.
    </p>
  );
}
