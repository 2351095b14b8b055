import type { Trx } from '../../db/database.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type BatchInput, type ImportResult, type RejectedRow, RowError } from './import-result.ts';
import { type CampaignKeyRow, findCampaignsByKeys } from './related.store.ts';
import { rowReader, tryRow } from './row-values.ts';
import { type SpendImportRow, upsertSpendRows } from './spend-import.store.ts';

interface SpendFileRow {
  readonly line: number;
  readonly campaign: string;
  readonly day: string;
  readonly amountMinor: number;
  readonly currency: string | null;
}

// Daily campaign spend, as ad platforms export it. The campaign is named by external id,
// utm_campaign or name (in that order; a name two campaigns share is refused as ambiguous);
// spend never creates a campaign. Spend is per campaign per day, so a day already imported
// is replaced rather than added to (platforms restate yesterday), and running the same file
// again changes nothing; within a file, a later row for the same day wins.
export async function importCampaignSpend(trx: Trx, ctx: CommandContext, input: BatchInput): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const rejected: RejectedRow[] = [];
  const parsed: SpendFileRow[] = [];
  for (const { line, cells } of input.rows) {
    const row = tryRow(
      line,
      () => {
        const r = rowReader(input.mapping, line, cells, input.dateFormat);
        const campaign = r.text('campaign');
        if (campaign === null) {
          throw new RowError('campaign', 'a spend row names its campaign by external id, utm_campaign or name');
        }
        const date = r.date('date');
        if (date === null) throw new RowError('date', 'a spend row needs the day the money was spent');
        if (date.getTime() % 86_400_000 !== 0)
          throw new RowError('date', 'spend is per day; give the day without a time');
        const amountMinor = r.amount('amount');
        if (amountMinor === null) throw new RowError('amount', 'a spend row needs its amount');
        const currency = r.text('currency');
        if (currency !== null && !/^[A-Za-z]{3}$/.test(currency)) {
          throw new RowError('currency', `${currency} is not an ISO 4217 code`);
        }
        return {
          line,
          campaign,
          day: date.toISOString().slice(0, 10),
          amountMinor,
          currency: currency?.toUpperCase() ?? null,
        };
      },
      rejected,
    );
    if (row) parsed.push(row);
  }
  const campaignOf = lookup(await findCampaignsByKeys(trx, orgId, [...new Set(parsed.map((r) => r.campaign))]));
  const byDay = new Map<string, SpendImportRow & { line: number }>();
  // Earlier rows of a day the file restates write nothing: the day's last row is its amount.
  let superseded = 0;
  for (const r of parsed) {
    const found = campaignOf(r.campaign);
    if (typeof found === 'string') {
      rejected.push({ line: r.line, field: 'campaign', reason: found });
      continue;
    }
    if (r.currency !== null && r.currency !== found.currency) {
      rejected.push({
        line: r.line,
        field: 'currency',
        reason: `campaign ${r.campaign} is budgeted in ${found.currency}; record its spend in that currency`,
      });
      continue;
    }
    const key = `${found.id}|${r.day}`;
    if (byDay.has(key)) superseded += 1;
    byDay.set(key, {
      line: r.line,
      campaignId: found.id,
      day: r.day,
      amountMinor: r.amountMinor,
      currency: found.currency,
    });
  }
  const days = [...byDay.values()];
  const { inserted, updated } = await upsertSpendRows(trx, orgId, days);
  return {
    imported: inserted,
    updated,
    unchanged: days.length - inserted - updated + superseded,
    rejected: rejected.sort((a, b) => a.line - b.line),
    createdOwners: [],
  };
}

// The campaign a reference names: by external id, else utm_campaign, else name, each
// without case but the external id; a reason string when there is none or the name is shared.
function lookup(rows: readonly CampaignKeyRow[]): (ref: string) => CampaignKeyRow | string {
  const byExternal = new Map<string, CampaignKeyRow>();
  const byUtm = new Map<string, CampaignKeyRow>();
  const byName = new Map<string, CampaignKeyRow[]>();
  for (const c of rows) {
    if (c.external_id) byExternal.set(c.external_id, c);
    if (c.utm) byUtm.set(c.utm, c);
    const name = c.name.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), c]);
  }
  return (ref) => {
    const lower = ref.toLowerCase();
    const found = byExternal.get(ref) ?? byUtm.get(lower);
    if (found) return found;
    const named = byName.get(lower) ?? [];
    if (named.length > 1) {
      return `${named.length} campaigns are named ${ref}; name it by external id or utm_campaign`;
    }
    return named[0] ?? `no campaign with external id, utm_campaign or name ${ref}; spend does not create campaigns`;
  };
}
