import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';
import type { ChannelOverride } from './channel-grouping.ts';

export async function listChannelOverrides(db: Executor, orgId: OrgId): Promise<ChannelOverride[]> {
  const rows = await db
    .selectFrom('channel_overrides')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    ...(row.source === null ? {} : { source: row.source }),
    ...(row.medium === null ? {} : { medium: row.medium }),
    ...(row.campaign_pattern === null ? {} : { campaignPattern: row.campaign_pattern }),
    channel: row.channel,
  }));
}

export async function replaceChannelOverrideRows(
  db: Executor,
  orgId: OrgId,
  overrides: readonly ChannelOverride[],
): Promise<void> {
  await db.deleteFrom('channel_overrides').where('org_id', '=', orgId).execute();
  if (overrides.length === 0) return;
  await db
    .insertInto('channel_overrides')
    .values(
      overrides.map((o, position) => ({
        org_id: orgId,
        position,
        source: o.source ?? null,
        medium: o.medium ?? null,
        campaign_pattern: o.campaignPattern ?? null,
        channel: o.channel,
      })),
    )
    .execute();
}
