import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { getLead } from '../lifecycle/lead-queries.ts';
import type { Actor } from '../shared/actor.ts';
import type { LeadId } from '../shared/ids.ts';
import { listLeadAssignmentRows } from './assignments.store.ts';
import type { LeadAssignmentsTable } from './handoff.tables.ts';
import { type AssignmentList, type AssignmentView, ROUTING_RULE_KINDS } from './routing.schema.ts';

type RuleKind = (typeof ROUTING_RULE_KINDS)[number];
const isRuleKind = (kind: string | null): kind is RuleKind => ROUTING_RULE_KINDS.some((k) => k === kind);

function toAssignment(row: Selectable<LeadAssignmentsTable>): AssignmentView {
  return {
    id: row.id,
    leadId: row.lead_id,
    userId: row.user_id,
    teamId: row.team_id,
    ruleId: row.rule_id,
    ruleKind: isRuleKind(row.rule_kind) ? row.rule_kind : null,
    reason: row.reason,
    explanation: row.explanation,
    assignedAt: row.assigned_at.toISOString(),
    actorId: row.actor_id,
  };
}

/** A lead's routing decisions, newest first, for anyone who may see the lead. */
export async function getLeadAssignments(
  db: Executor,
  actor: Actor,
  leadId: LeadId,
  limit: number,
): Promise<AssignmentList> {
  await getLead(db, actor, leadId); // 404 unless the actor may see the lead
  const rows = await listLeadAssignmentRows(db, actor.orgId, leadId, limit);
  return { items: rows.slice(0, limit).map(toAssignment), truncated: rows.length > limit };
}
