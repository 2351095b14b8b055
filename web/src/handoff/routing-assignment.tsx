import { useQuery } from '@tanstack/react-query';
import type { AssignmentView } from '../../../src/handoff/routing.schema.ts';
import { teamsQuery, useUserNames } from '../platform/people.ts';
import { useSession } from '../platform/session.ts';
import { formatDateTime, humanize } from '../shell/format.ts';
import { ErrorPanel, Loading } from '../shell/ui.tsx';
import { LEAD_ASSIGNMENTS_SHOWN, leadAssignmentsQuery, RULE_KIND_LABEL } from './routing-queries.ts';

function headline(assignment: AssignmentView, userName: string | undefined, teamName: string | undefined): string {
  const queue = assignment.teamId ? `the queue of ${teamName ?? 'its team'}` : 'the organisation-wide queue';
  if (assignment.userId) return `Assigned to ${userName ?? '…'}`;
  return `Waiting in ${queue}`;
}

/** How the lead got its owner: the latest routing decision with its rule and why, then older ones. */
export function RoutingAssignment({ leadId }: { leadId: string }) {
  const session = useSession();
  const assignments = useQuery(leadAssignmentsQuery(leadId));
  const names = useUserNames();
  const teams = useQuery(teamsQuery);
  if (assignments.isPending) return <Loading label="Loading routing…" />;
  if (assignments.isError) return <ErrorPanel error={assignments.error} />;
  const [latest, ...older] = assignments.data.items;
  if (!latest) return <p className="subtle">Not routed yet: routing runs when the lead becomes an MQL.</p>;
  const teamName = (id: string | null) => teams.data?.find((t) => t.id === id)?.name;
  const rule = (a: AssignmentView) => (a.ruleKind ? RULE_KIND_LABEL[a.ruleKind] : humanize(a.reason));
  return (
    <div className="routing-assignment" data-testid="lead-routing">
      <p>
        <strong>
          {headline(latest, latest.userId ? names.get(latest.userId) : undefined, teamName(latest.teamId))}
        </strong>
        <span className="subtle"> · {formatDateTime(latest.assignedAt, session.org.timeZone)}</span>
      </p>
      <p>
        Routed by: {rule(latest)}
        {latest.reason === 'reassigned_inactive' ? ' (reassigned: the owner was deactivated)' : ''} —{' '}
        {latest.explanation}
      </p>
      {older.length > 0 ? (
        <details>
          <summary>
            Earlier decisions ({older.length}
            {assignments.data.truncated ? `; only the latest ${LEAD_ASSIGNMENTS_SHOWN} are shown` : ''})
          </summary>
          <ul className="deal-list">
            {older.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.assignedAt, session.org.timeZone)}: {rule(a)} — {a.explanation}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
