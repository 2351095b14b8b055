import type { Selectable } from 'kysely';
import type { Deal, Lead, StageEvent } from './lifecycle.schema.ts';
import type { DealsTable, LeadsTable, StageEventColumns } from './lifecycle.tables.ts';

// Rows to API shapes: camelCase names and ISO timestamps. Nothing else happens here.
export function toLead(row: Selectable<LeadsTable>): Lead {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    companyName: row.company_name,
    country: row.country,
    accountId: row.account_id,
    ownerId: row.owner_id,
    teamId: row.team_id,
    stage: row.stage,
    stageChangedAt: row.stage_changed_at.toISOString(),
    sourceChannel: row.source_channel,
    firstCampaignId: row.first_campaign_id,
    score: row.score,
    externalId: row.external_id,
    custom: row.custom,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toDeal(row: Selectable<DealsTable>): Deal {
  return {
    id: row.id,
    name: row.name,
    accountId: row.account_id,
    leadId: row.lead_id,
    ownerId: row.owner_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    stage: row.stage,
    stageChangedAt: row.stage_changed_at.toISOString(),
    expectedCloseOn: row.expected_close_on,
    closedAt: row.closed_at?.toISOString() ?? null,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    competitor: row.competitor,
    externalId: row.external_id,
    custom: row.custom,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toStageEvent(row: Selectable<StageEventColumns> & { rule_version?: number | null }): StageEvent {
  return {
    id: row.id,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    reasonCode: row.reason_code,
    note: row.note,
    ...(row.rule_version === undefined ? {} : { ruleVersion: row.rule_version }),
  };
}
