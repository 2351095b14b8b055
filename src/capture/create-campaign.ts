import type { Trx } from '../db/database.ts';
import { getOrg } from '../platform/platform-queries.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type CampaignId, newId, type OrgId } from '../shared/ids.ts';
import { toCampaign } from './campaign-queries.ts';
import {
  campaignLineage,
  findCampaign,
  findCampaignByExternalId,
  findCampaignByUtm,
  insertCampaign,
} from './campaigns.store.ts';
import type { Campaign, CampaignCreate } from './capture.schema.ts';

export async function createCampaign(trx: Trx, ctx: CommandContext, input: CampaignCreate): Promise<Campaign> {
  const { orgId } = ctx.actor;
  await assertCampaignFields(trx, orgId, {
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    parentId: input.parentId ?? null,
    utmCampaign: input.utmCampaign ?? null,
    externalId: input.externalId ?? null,
  });
  const currency = input.currency ?? (await getOrg(trx, orgId)).currency;
  const row = await insertCampaign(trx, orgId, {
    id: newId<CampaignId>(),
    name: input.name,
    channel: input.channel,
    utm_campaign: input.utmCampaign ?? null,
    starts_on: input.startsOn ?? null,
    ends_on: input.endsOn ?? null,
    budget_minor: input.budgetMinor ?? null,
    currency,
    parent_id: input.parentId ?? null,
    external_id: input.externalId ?? null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  return toCampaign(row);
}

export interface CampaignChecks {
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly parentId: CampaignId | null;
  readonly utmCampaign: string | null;
  readonly externalId: string | null;
}

/**
 * Checks a campaign's fields as they will be stored. `self` is the campaign being updated:
 * its own utm and external id are no conflict, and it may not become its own ancestor.
 */
export async function assertCampaignFields(
  trx: Trx,
  orgId: OrgId,
  fields: CampaignChecks,
  self?: CampaignId,
): Promise<void> {
  if (fields.startsOn && fields.endsOn && fields.endsOn < fields.startsOn) {
    throw new AppError(
      'validation_failed',
      `endsOn: ${fields.endsOn} is before the start (${fields.startsOn})`,
      'endsOn',
    );
  }
  if (fields.parentId) {
    if (fields.parentId === self) {
      throw new AppError('validation_failed', 'parentId: a campaign cannot be its own parent', 'parentId');
    }
    if (!(await findCampaign(trx, orgId, fields.parentId))) {
      throw new AppError('validation_failed', `parentId: campaign ${fields.parentId} was not found`, 'parentId');
    }
    if (self && (await campaignLineage(trx, orgId, fields.parentId)).includes(self)) {
      throw new AppError(
        'validation_failed',
        `parentId: campaign ${fields.parentId} is inside this campaign; the hierarchy cannot loop`,
        'parentId',
      );
    }
  }
  if (fields.utmCampaign) {
    const other = await findCampaignByUtm(trx, orgId, fields.utmCampaign);
    if (other && other.id !== self) {
      throw new AppError(
        'conflict',
        `utmCampaign: campaign ${other.id} already uses utm_campaign ${fields.utmCampaign}`,
        'utmCampaign',
      );
    }
  }
  if (fields.externalId) {
    const other = await findCampaignByExternalId(trx, orgId, fields.externalId);
    if (other && other.id !== self) {
      throw new AppError(
        'conflict',
        `externalId: a campaign with external id ${fields.externalId} already exists`,
        'externalId',
      );
    }
  }
}
