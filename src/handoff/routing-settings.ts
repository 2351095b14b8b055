import type { Selectable } from 'kysely';
import type { Executor, Trx } from '../db/database.ts';
import { AppError, invalid, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { newId, type OrgId, type RoutingRuleId, type UserId } from '../shared/ids.ts';
import type { RoutingRulesTable } from './handoff.tables.ts';
import { defaultWeight } from './route-decision.ts';
import type {
  RoutingRepList,
  RoutingRepPut,
  RoutingRepView,
  RoutingRuleInput,
  RoutingRuleList,
  RoutingRulesPut,
  RoutingRuleView,
} from './routing.schema.ts';
import {
  countOpenMqlsByOwner,
  findUserRoutingRow,
  listRoutingRuleRows,
  listSalesUserRows,
  listTeamNames,
  type RoutingRuleInsert,
  replaceRoutingRuleRows,
  type SalesUserRow,
  upsertRoutingRep,
} from './routing.store.ts';
import { type RoutingRule, validateRoutingRules } from './routing.ts';
import { defaultRuleName } from './routing-setup.ts';

// Reading and changing the routing rules and the reps' routing attributes.

function toRuleView(row: Selectable<RoutingRulesTable>): RoutingRuleView {
  return { id: row.id, kind: row.kind, name: row.name, teamId: row.team_id, match: row.match };
}

export async function getRoutingRules(db: Executor, orgId: OrgId): Promise<RoutingRuleList> {
  const rows = await listRoutingRuleRows(db, orgId);
  return { rules: rows.map(toRuleView), defaultsApply: rows.length === 0 };
}

// validateRoutingRules names fields as `rules[2].match`; the API names every field the way
// its schema validation does (`rules.2.match`), so one request never mixes the two.
function dotted(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

function toRule(rule: RoutingRuleInput, id: string): RoutingRule {
  switch (rule.kind) {
    case 'account_owner':
      return { kind: rule.kind };
    case 'territory':
      return { kind: rule.kind, id, name: rule.name, match: rule.match, teamId: rule.teamId };
    case 'round_robin':
      return { kind: rule.kind, teamId: rule.teamId };
    case 'fallback_queue':
      return { kind: rule.kind, teamId: rule.teamId };
  }
}

function toInsert(rule: RoutingRuleInput, id: RoutingRuleId): RoutingRuleInsert {
  return {
    id,
    kind: rule.kind,
    name: rule.name ?? defaultRuleName(rule.kind),
    match: JSON.stringify(rule.kind === 'territory' ? rule.match : {}),
    team_id: 'teamId' in rule ? rule.teamId : null,
  };
}

/**
 * Replaces the org's ordered rule list in the caller's transaction. Every team must be the
 * org's; a rule's id, when given, must be one of the org's saved rules (it keeps the id so
 * past assignments keep pointing at it). An empty list brings back the built-in defaults.
 */
export async function replaceRoutingRules(
  trx: Trx,
  ctx: CommandContext,
  input: RoutingRulesPut,
): Promise<RoutingRuleList> {
  const { orgId } = ctx.actor;
  const current = await listRoutingRuleRows(trx, orgId);
  const teams = await listTeamNames(trx, orgId);
  const savedIds = new Set<string>(current.map((r) => r.id));
  const teamIds = new Set<string>(teams.map((t) => t.id));
  const seen = new Set<string>();
  for (const [index, rule] of input.rules.entries()) {
    if (rule.id !== undefined) {
      if (!savedIds.has(rule.id)) throw invalid(`rules.${index}.id`, `${rule.id} is not a saved routing rule`);
      if (seen.has(rule.id)) throw invalid(`rules.${index}.id`, `rule ${rule.id} appears twice`);
      seen.add(rule.id);
    }
    const teamId = 'teamId' in rule ? rule.teamId : null;
    if (teamId !== null && !teamIds.has(teamId)) throw invalid(`rules.${index}.teamId`, `team ${teamId} was not found`);
  }
  const withIds = input.rules.map((rule) => ({ rule, id: (rule.id ?? newId()) as RoutingRuleId }));
  const problem = validateRoutingRules(withIds.map(({ rule, id }) => toRule(rule, id)));
  if (problem) throw invalid(dotted(problem.field), problem.message);
  await replaceRoutingRuleRows(
    trx,
    orgId,
    withIds.map(({ rule, id }) => toInsert(rule, id)),
  );
  return getRoutingRules(trx, orgId);
}

function toRepView(row: SalesUserRow, openMqls: number, now: Date): RoutingRepView {
  const role = row.role === 'sales_manager' ? 'sales_manager' : 'sales_rep';
  return {
    userId: row.id,
    name: row.name,
    role,
    teamId: row.team_id,
    weight: row.weight ?? defaultWeight(role),
    capacity: row.capacity,
    outOfOfficeUntil: row.out_of_office_until?.toISOString() ?? null,
    outOfOffice: row.out_of_office_until !== null && row.out_of_office_until > now,
    openMqls,
  };
}

/** Every active sales rep and manager with their routing attributes and open MQLs. */
export async function getRoutingReps(db: Executor, orgId: OrgId, now: Date): Promise<RoutingRepList> {
  const users = await listSalesUserRows(db, orgId, { activeOnly: true });
  const counts = await countOpenMqlsByOwner(db, orgId);
  return { items: users.map((u) => toRepView(u, counts.get(u.id) ?? 0, now)) };
}

/** Sets a sales rep's or manager's weight, capacity or absence; absent fields keep their value. */
export async function putRoutingRep(
  trx: Trx,
  ctx: CommandContext,
  userId: UserId,
  input: RoutingRepPut,
): Promise<RoutingRepView> {
  const { orgId } = ctx.actor;
  const user = await findUserRoutingRow(trx, orgId, userId);
  if (!user) throw notFound('user', userId);
  if (user.role !== 'sales_rep' && user.role !== 'sales_manager') {
    throw new AppError(
      'validation_failed',
      `userId: ${user.name} is ${user.role.replace('_', ' ')}; only sales reps and managers are routed leads`,
      'userId',
    );
  }
  const role = user.role;
  await upsertRoutingRep(trx, orgId, {
    user_id: userId,
    weight: input.weight ?? user.weight ?? defaultWeight(role),
    capacity: input.capacity === undefined ? user.capacity : input.capacity,
    out_of_office_until:
      input.outOfOfficeUntil === undefined
        ? user.out_of_office_until
        : input.outOfOfficeUntil === null
          ? null
          : new Date(input.outOfOfficeUntil),
  });
  const saved = await findUserRoutingRow(trx, orgId, userId);
  if (!saved) throw notFound('user', userId);
  const counts = await countOpenMqlsByOwner(trx, orgId);
  return toRepView(saved, counts.get(userId) ?? 0, ctx.now);
}
