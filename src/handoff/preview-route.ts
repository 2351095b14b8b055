import type { Executor } from '../db/database.ts';
import { normalizeDomain } from '../lifecycle/create-account.ts';
import { getLead } from '../lifecycle/lead-queries.ts';
import type { Actor } from '../shared/actor.ts';
import { invalid, notFound } from '../shared/app-error.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';
import { findAccountByDomainRow, findLeadFactsRow } from './assignments.store.ts';
import { type CurrentAssignment, decideRoute } from './route-decision.ts';
import type { RoutingFactsView, RoutingPreview, RoutingPreviewInput } from './routing.schema.ts';
import { findRoutingState } from './routing.store.ts';
import type { RoutingLead } from './routing.ts';
import { loadRoutingSetup, regionOf, routingLeadOf } from './routing-setup.ts';

// "Who would get this lead?": the same decision routeMql makes, from the saved round-robin
// state, with nothing written. The answer holds until the next MQL moves the rotation.

const FACT_FIELDS = ['country', 'region', 'industry', 'employeeCount', 'domain', 'email'] as const;

interface Subject {
  readonly lead: RoutingLead;
  readonly current: CurrentAssignment;
  readonly facts: RoutingFactsView;
}

async function savedLead(db: Executor, actor: Actor, leadId: LeadId): Promise<Subject> {
  await getLead(db, actor, leadId); // 404 unless the actor may see the lead
  const row = await findLeadFactsRow(db, actor.orgId, leadId);
  if (!row) throw notFound('lead', leadId);
  const lead = routingLeadOf(row);
  return {
    lead,
    current: { ownerId: row.owner_id, teamId: row.team_id },
    facts: {
      ...lead,
      accountId: row.account_id,
      accountName: row.account_name,
      currentOwnerId: row.owner_id,
    },
  };
}

function domainOf(input: RoutingPreviewInput): string | null {
  if (input.domain !== undefined) return normalizeDomain(input.domain);
  if (input.email === undefined) return null;
  const at = input.email.lastIndexOf('@');
  if (at < 1 || at === input.email.length - 1) throw invalid('email', 'not an e-mail address');
  return normalizeDomain(input.email.slice(at + 1));
}

async function imaginedLead(db: Executor, orgId: OrgId, input: RoutingPreviewInput): Promise<Subject> {
  const domain = domainOf(input);
  const account = domain === null ? undefined : await findAccountByDomainRow(db, orgId, domain);
  const lead: RoutingLead = {
    country: input.country ?? account?.country ?? null,
    region: input.region ?? regionOf(account?.custom ?? null),
    industry: input.industry ?? account?.industry ?? null,
    employeeCount: input.employeeCount ?? account?.employee_count ?? null,
    accountOwnerId: account?.owner_id ?? null,
  };
  return {
    lead,
    current: { ownerId: null, teamId: null },
    facts: { ...lead, accountId: account?.id ?? null, accountName: account?.name ?? null, currentOwnerId: null },
  };
}

export async function previewRouting(
  db: Executor,
  actor: Actor,
  now: Date,
  input: RoutingPreviewInput,
): Promise<RoutingPreview> {
  if (input.leadId !== undefined) {
    const extra = FACT_FIELDS.find((field) => input[field] !== undefined);
    if (extra) throw invalid(extra, 'give a leadId or the facts of a lead, not both');
  }
  const subject =
    input.leadId === undefined ? await imaginedLead(db, actor.orgId, input) : await savedLead(db, actor, input.leadId);
  const setup = await loadRoutingSetup(db, actor.orgId, now, input.leadId ?? null);
  const state = await findRoutingState(db, actor.orgId);
  const result = decideRoute(setup, subject.lead, subject.current, state);
  return {
    facts: subject.facts,
    decision: {
      userId: result.ownerId,
      userName: result.ownerId === null ? null : (setup.reps.find((r) => r.userId === result.ownerId)?.name ?? null),
      teamId: result.teamId,
      reason: result.reason,
      ruleId: result.rule?.id ?? null,
      ruleKind: result.rule?.kind ?? null,
      ruleName: result.rule?.name ?? null,
      explanation: result.explanation,
    },
    defaultsApply: setup.defaultsApply,
  };
}
