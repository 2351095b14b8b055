import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CampaignId, OrgId } from '../../shared/ids.ts';

export interface SpendImportRow {
  readonly campaignId: CampaignId;
  /** YYYY-MM-DD. */
  readonly day: string;
  readonly amountMinor: number;
  readonly currency: string;
}

// Sets each campaign day's spend, replacing what was there, as PUT …/spend/:day does; a day
// whose amount is already the file's is not touched. Returns how many days were new and
// how many changed.
export async function upsertSpendRows(
  db: Executor,
  orgId: OrgId,
  rows: readonly SpendImportRow[],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const { rows: written } = await sql<{ inserted: boolean }>`
    insert into campaign_spend (org_id, campaign_id, day, amount_minor, currency)
    select ${orgId}, u.campaign_id, u.day, u.amount_minor, u.currency
    from unnest(${rows.map((r) => r.campaignId)}::uuid[], ${rows.map((r) => r.day)}::date[],
      ${rows.map((r) => r.amountMinor)}::bigint[], ${rows.map((r) => r.currency)}::text[])
      as u(campaign_id, day, amount_minor, currency)
    on conflict (org_id, campaign_id, day) do update
      set amount_minor = excluded.amount_minor, currency = excluded.currency
      where campaign_spend.amount_minor <> excluded.amount_minor or campaign_spend.currency <> excluded.currency
    returning (xmax = 0) as inserted`.execute(db);
  const inserted = written.filter((r) => r.inserted).length;
  return { inserted, updated: written.length - inserted };
}
