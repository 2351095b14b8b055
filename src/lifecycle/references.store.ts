import type { Executor } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { AccountId, CampaignId, LeadId, OrgId, TeamId, UserId } from '../shared/ids.ts';

// Checks that ids a client sends belong to the acting organisation, so a foreign or
// mistyped id is a 400 naming the field rather than a constraint error or a cross-tenant link.
export interface References {
  accountId?: AccountId | null | undefined;
  ownerId?: UserId | null | undefined;
  firstCampaignId?: CampaignId | null | undefined;
  leadId?: LeadId | null | undefined;
  teamId?: TeamId | null | undefined;
}

export interface Referenced {
  /** The team of the owner the references name; null without an owner or team. */
  readonly ownerTeamId: TeamId | null;
}

export async function assertReferences(db: Executor, orgId: OrgId, refs: References): Promise<Referenced> {
  let ownerTeamId: TeamId | null = null;
  if (refs.accountId) {
    const row = await db
      .selectFrom('accounts')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', refs.accountId)
      .executeTakeFirst();
    if (!row)
      throw new AppError('validation_failed', `accountId: account ${refs.accountId} was not found`, 'accountId');
  }
  if (refs.ownerId) {
    const row = await db
      .selectFrom('users')
      .select(['id', 'active', 'team_id'])
      .where('org_id', '=', orgId)
      .where('id', '=', refs.ownerId)
      .executeTakeFirst();
    if (!row) throw new AppError('validation_failed', `ownerId: user ${refs.ownerId} was not found`, 'ownerId');
    if (!row.active) throw new AppError('validation_failed', `ownerId: user ${refs.ownerId} is inactive`, 'ownerId');
    ownerTeamId = row.team_id;
  }
  if (refs.firstCampaignId) {
    const row = await db
      .selectFrom('campaigns')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', refs.firstCampaignId)
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        'validation_failed',
        `firstCampaignId: campaign ${refs.firstCampaignId} was not found`,
        'firstCampaignId',
      );
    }
  }
  if (refs.leadId) {
    const row = await db
      .selectFrom('leads')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', refs.leadId)
      .where('merged_into_id', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError('validation_failed', `leadId: lead ${refs.leadId} was not found`, 'leadId');
  }
  if (refs.teamId) {
    const row = await db
      .selectFrom('teams')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', refs.teamId)
      .executeTakeFirst();
    if (!row) throw new AppError('validation_failed', `teamId: team ${refs.teamId} was not found`, 'teamId');
  }
  return { ownerTeamId };
}
