import type { Executor, Trx } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { OrgId } from '../shared/ids.ts';
import { listChannelOverrides, replaceChannelOverrideRows } from './channel-overrides.store.ts';
import type { ChannelOverrideList } from './ingest.schema.ts';

export async function getChannelOverrides(db: Executor, orgId: OrgId): Promise<ChannelOverrideList> {
  return { items: await listChannelOverrides(db, orgId) };
}

// Replaces the org's ordered list. An override without a criterion would never match
// (channel-grouping.ts), so it is refused rather than stored as a silent no-op.
export async function replaceChannelOverrides(
  trx: Trx,
  ctx: CommandContext,
  input: ChannelOverrideList,
): Promise<ChannelOverrideList> {
  const index = input.items.findIndex((o) => !o.source && !o.medium && !o.campaignPattern);
  if (index >= 0) {
    const field = `items.${index}`;
    throw new AppError('validation_failed', `${field}: give at least one of source, medium, campaignPattern`, field);
  }
  await replaceChannelOverrideRows(trx, ctx.actor.orgId, input.items);
  return getChannelOverrides(trx, ctx.actor.orgId);
}
