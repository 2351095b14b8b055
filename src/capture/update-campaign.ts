import type { Trx } from '../db/database.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { CampaignId } from '../shared/ids.ts';
import { toCampaign } from './campaign-queries.ts';
import { type CampaignPatch, findCampaign, hasSpendInOtherCurrency, updateCampaignRow } from './campaigns.store.ts';
import type { Campaign, CampaignUpdate } from './capture.schema.ts';
import { assertCampaignFields } from './create-campaign.ts';

// Updates the fields a client sent; the checks run on the campaign as it will be stored.
export async function updateCampaign(
  trx: Trx,
  ctx: CommandContext,
  id: CampaignId,
  input: CampaignUpdate,
): Promise<Campaign> {
  const { orgId } = ctx.actor;
  const current = await findCampaign(trx, orgId, id, { forUpdate: true });
  if (!current) throw notFound('campaign', id);
  await assertCampaignFields(
    trx,
    orgId,
    {
      startsOn: input.startsOn === undefined ? current.starts_on : input.startsOn,
      endsOn: input.endsOn === undefined ? current.ends_on : input.endsOn,
      parentId: input.parentId ?? null,
      utmCampaign: input.utmCampaign ?? null,
      externalId: input.externalId ?? null,
    },
    id,
  );
  // Spend is recorded in the campaign's currency; switching it would mix currencies in one total.
  if (input.currency && input.currency !== current.currency) {
    if (await hasSpendInOtherCurrency(trx, orgId, id, input.currency)) {
      throw new AppError(
        'conflict',
        `currency: spend is already recorded in ${current.currency}; the currency can no longer change`,
        'currency',
      );
    }
  }
  const patch: CampaignPatch = { updated_at: ctx.now };
  if (input.name !== undefined) patch.name = input.name;
  if (input.channel !== undefined) patch.channel = input.channel;
  if (input.utmCampaign !== undefined) patch.utm_campaign = input.utmCampaign;
  if (input.startsOn !== undefined) patch.starts_on = input.startsOn;
  if (input.endsOn !== undefined) patch.ends_on = input.endsOn;
  if (input.budgetMinor !== undefined) patch.budget_minor = input.budgetMinor;
  if (input.currency !== undefined) patch.currency = input.currency;
  if (input.parentId !== undefined) patch.parent_id = input.parentId;
  if (input.externalId !== undefined) patch.external_id = input.externalId;
  return toCampaign(await updateCampaignRow(trx, orgId, id, patch));
}
