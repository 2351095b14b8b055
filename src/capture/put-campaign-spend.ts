import type { Trx } from '../db/database.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { toSpendDay } from './campaign-queries.ts';
import { findCampaign, upsertSpend } from './campaigns.store.ts';
import type { SpendDay, SpendParams, SpendPut } from './capture.schema.ts';

// Sets one day's spend, replacing what was there: ad platforms restate yesterday's numbers,
// so a re-import of the same day must overwrite rather than add.
export async function putCampaignSpend(
  trx: Trx,
  ctx: CommandContext,
  key: SpendParams,
  input: SpendPut,
): Promise<SpendDay> {
  const { orgId } = ctx.actor;
  const campaign = await findCampaign(trx, orgId, key.id);
  if (!campaign) throw notFound('campaign', key.id);
  const currency = input.currency ?? campaign.currency;
  if (currency !== campaign.currency) {
    throw new AppError(
      'validation_failed',
      `currency: campaign ${campaign.id} is budgeted in ${campaign.currency}; record its spend in that currency`,
      'currency',
    );
  }
  const row = await upsertSpend(trx, orgId, {
    campaign_id: campaign.id,
    day: key.day,
    amount_minor: input.amountMinor,
    currency,
  });
  return toSpendDay(row);
}
