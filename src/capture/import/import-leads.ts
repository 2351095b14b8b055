import type { Trx } from '../../db/database.ts';
import { LEAD_STAGES } from '../../lifecycle/constants.ts';
import { getOrg } from '../../platform/platform-queries.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type AccountId, type CampaignId, type LeadId, newId } from '../../shared/ids.ts';
import { type ChannelOverride, defaultChannel } from '../channel-grouping.ts';
import { listChannelOverrides } from '../channel-overrides.store.ts';
import type { Channel } from '../constants.ts';
import {
  findAccountsByKeys,
  findCampaignsByUtm,
  findLeadsByIdentity,
  findTouchKeys,
  insertCampaigns,
  insertColumns,
} from './import.store.ts';
import type { BatchInput, ImportResult, RejectedRow } from './import-result.ts';
import { type LeadImportRow, readLeadRow } from './lead-row.ts';
import { tryRow } from './row-values.ts';

interface Touch {
  readonly row: LeadImportRow;
  readonly leadId: LeadId;
  readonly channel: Channel;
  readonly campaignId: CampaignId | null;
}

// A batch of lead rows with set-based SQL: a handful of statements whatever its size. Each
// row is checked as an ingest arrival; the same person (external id, else normalised
// e-mail) already in Baton or earlier in the batch gets a touchpoint instead of a new lead.
// A new lead gets its stage events up to the stage the file names, its first touch's
// channel and campaign, and its company domain's account. A touch that already exists
// (same lead, type, time and URL) is not written again, so re-running a file adds nothing.
export interface PreparedLeads {
  readonly rows: readonly LeadImportRow[];
  readonly channels: readonly Channel[];
  readonly rejected: RejectedRow[];
}

/** The database-free part of a batch, done while the previous batch is being written. */
export function prepareLeads(
  ctx: CommandContext,
  input: BatchInput,
  overrides: readonly ChannelOverride[],
): PreparedLeads {
  const rejected: RejectedRow[] = [];
  const rows: LeadImportRow[] = [];
  for (const { line, cells } of input.rows) {
    const row = tryRow(line, () => readLeadRow(input.mapping, line, cells, ctx.now, input.dateFormat), rejected);
    if (row) rows.push(row);
  }
  return { rows, channels: rows.map((r) => defaultChannel(r.plan.touch.channelInput, overrides)), rejected };
}

export async function importLeads(trx: Trx, ctx: CommandContext, input: BatchInput): Promise<ImportResult> {
  return applyLeads(trx, ctx, prepareLeads(ctx, input, await listChannelOverrides(trx, ctx.actor.orgId)));
}

export async function applyLeads(trx: Trx, ctx: CommandContext, prepared: PreparedLeads): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const { rows, channels, rejected } = prepared;

  // Campaigns named by utm_campaign, created in their first touch's channel when new.
  const utmChannel = new Map<string, Channel>();
  rows.forEach((r, i) => {
    const utm = r.plan.touch.utm.campaign?.toLowerCase();
    const channel = channels[i];
    if (utm && channel && !utmChannel.has(utm)) utmChannel.set(utm, channel);
  });
  const campaignOf = await ensureCampaigns(trx, ctx, utmChannel);

  // The same person: by external id, else e-mail, in Baton or earlier in this batch.
  const externalIds = rows.flatMap((r) => (r.plan.lead.externalId ? [r.plan.lead.externalId] : []));
  const emails = rows.flatMap((r) => (r.plan.lead.emailNormalized ? [r.plan.lead.emailNormalized] : []));
  const known = new Map<string, LeadId>();
  for (const m of await findLeadsByIdentity(trx, orgId, externalIds, emails)) {
    if (m.external_id) known.set(`x:${m.external_id}`, m.id);
    if (m.email_normalized) known.set(`e:${m.email_normalized}`, m.id);
  }
  const existingIds = new Set(known.values());
  const fresh: { row: LeadImportRow; id: LeadId; channel: Channel; campaignId: CampaignId | null }[] = [];
  const touches: Touch[] = [];
  rows.forEach((row, i) => {
    const keys = identityKeys(row);
    const channel = channels[i] ?? 'unassigned';
    const utm = row.plan.touch.utm.campaign?.toLowerCase();
    const campaignId = utm ? (campaignOf.get(utm) ?? null) : null;
    let leadId = keys.map((k) => known.get(k)).find((id) => id !== undefined);
    if (!leadId) {
      leadId = newId<LeadId>();
      fresh.push({ row, id: leadId, channel, campaignId });
    }
    for (const k of keys) if (!known.has(k)) known.set(k, leadId);
    touches.push({ row, leadId, channel, campaignId });
  });

  const accountOf = await ensureDomainAccounts(
    trx,
    ctx,
    fresh.map((f) => f.row),
  );
  const at = ctx.now.toISOString();
  const iso = (d: Date) => d.toISOString();
  await insertColumns(trx, 'leads', orgId, [
    ['id', 'uuid', fresh.map((f) => f.id)],
    ['first_name', 'text', fresh.map((f) => f.row.plan.lead.firstName)],
    ['last_name', 'text', fresh.map((f) => f.row.plan.lead.lastName)],
    ['email', 'text', fresh.map((f) => f.row.plan.lead.email)],
    ['email_normalized', 'text', fresh.map((f) => f.row.plan.lead.emailNormalized)],
    ['phone', 'text', fresh.map((f) => f.row.plan.lead.phone)],
    ['phone_normalized', 'text', fresh.map((f) => f.row.plan.lead.phoneNormalized)],
    ['title', 'text', fresh.map((f) => f.row.plan.lead.title)],
    ['company_name', 'text', fresh.map((f) => f.row.plan.lead.company)],
    ['country', 'text', fresh.map((f) => f.row.plan.lead.country)],
    [
      'account_id',
      'uuid',
      fresh.map((f) => (f.row.plan.lead.domain ? (accountOf.get(f.row.plan.lead.domain) ?? null) : null)),
    ],
    ['stage', 'text', fresh.map((f) => f.row.stage)],
    ['stage_changed_at', 'timestamptz', fresh.map((f) => iso(stageTime(f.row, stagePath(f.row).length - 1)))],
    ['source_channel', 'text', fresh.map((f) => f.channel)],
    ['first_campaign_id', 'uuid', fresh.map((f) => f.campaignId)],
    ['external_id', 'text', fresh.map((f) => f.row.plan.lead.externalId)],
    ['custom', 'jsonb', fresh.map((f) => JSON.stringify(f.row.plan.lead.custom))],
    ['created_at', 'timestamptz', fresh.map((f) => iso(f.row.createdAt))],
    ['updated_at', 'timestamptz', fresh.map(() => at)],
  ]);
  const events = fresh.flatMap((f) =>
    stagePath(f.row).map((to, i, path) => ({ leadId: f.id, from: path[i - 1] ?? null, to, at: stageTime(f.row, i) })),
  );
  await insertColumns(trx, 'lead_stage_events', orgId, [
    ['id', 'uuid', events.map(() => newId())],
    ['lead_id', 'uuid', events.map((e) => e.leadId)],
    ['from_stage', 'text', events.map((e) => e.from)],
    ['to_stage', 'text', events.map((e) => e.to)],
    ['occurred_at', 'timestamptz', events.map((e) => iso(e.at))],
    ['actor_id', 'uuid', events.map(() => ctx.actor.userId)],
  ]);

  const seen = await findTouchKeys(trx, orgId, [...existingIds]);
  const newTouches = touches.filter((t) => {
    const key = touchKey(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  await insertColumns(trx, 'touchpoints', orgId, [
    ['id', 'uuid', newTouches.map(() => newId())],
    ['lead_id', 'uuid', newTouches.map((t) => t.leadId)],
    ['type', 'text', newTouches.map((t) => t.row.plan.touch.type)],
    ['occurred_at', 'timestamptz', newTouches.map((t) => iso(t.row.plan.touch.occurredAt))],
    ['campaign_id', 'uuid', newTouches.map((t) => t.campaignId)],
    ['channel', 'text', newTouches.map((t) => t.channel)],
    ['utm_source', 'text', newTouches.map((t) => t.row.plan.touch.utm.source)],
    ['utm_medium', 'text', newTouches.map((t) => t.row.plan.touch.utm.medium)],
    ['utm_campaign', 'text', newTouches.map((t) => t.row.plan.touch.utm.campaign)],
    ['utm_term', 'text', newTouches.map((t) => t.row.plan.touch.utm.term)],
    ['utm_content', 'text', newTouches.map((t) => t.row.plan.touch.utm.content)],
    ['url', 'text', newTouches.map((t) => t.row.plan.touch.url)],
    ['referrer', 'text', newTouches.map((t) => t.row.plan.touch.referrer)],
    ['created_at', 'timestamptz', newTouches.map(() => at)],
  ]);
  const updatedLeads = new Set(newTouches.filter((t) => existingIds.has(t.leadId)).map((t) => t.leadId));
  return {
    imported: fresh.length,
    updated: updatedLeads.size,
    unchanged: rows.length - fresh.length - newTouches.filter((t) => existingIds.has(t.leadId)).length,
    rejected,
    createdOwners: [],
  };
}

function identityKeys(row: LeadImportRow): string[] {
  const { externalId, emailNormalized } = row.plan.lead;
  const keys: string[] = [];
  if (externalId) keys.push(`x:${externalId}`);
  if (emailNormalized) keys.push(`e:${emailNormalized}`);
  if (keys.length === 0 && row.plan.lead.phoneNormalized) keys.push(`p:${row.plan.lead.phoneNormalized}`);
  return keys;
}

function touchKey(t: Touch): string {
  return `${t.leadId}|${t.row.plan.touch.type}|${t.row.plan.touch.occurredAt.getTime()}|${t.row.plan.touch.url ?? ''}`;
}

/** The waterfall from inquiry to the row's stage, so the lead's stage is the fold of its events. */
function stagePath(row: LeadImportRow): string[] {
  return LEAD_STAGES.slice(0, LEAD_STAGES.indexOf(row.stage) + 1);
}

// Implied moves are a millisecond apart, so ordering by time replays them in order.
function stageTime(row: LeadImportRow, step: number): Date {
  return new Date(row.createdAt.getTime() + step);
}

async function ensureCampaigns(
  trx: Trx,
  ctx: CommandContext,
  wanted: ReadonlyMap<string, Channel>,
): Promise<Map<string, CampaignId>> {
  const { orgId } = ctx.actor;
  const utms = [...wanted.keys()];
  const found = new Map((await findCampaignsByUtm(trx, orgId, utms)).map((c) => [c.utm, c.id]));
  const missing = utms.filter((u) => !found.has(u));
  if (missing.length === 0) return found;
  const { currency } = await getOrg(trx, orgId);
  await insertCampaigns(
    trx,
    orgId,
    missing.map((utm) => ({
      id: newId<CampaignId>(),
      utm,
      channel: wanted.get(utm) ?? 'unassigned',
      currency,
      at: ctx.now,
    })),
  );
  return new Map((await findCampaignsByUtm(trx, orgId, utms)).map((c) => [c.utm, c.id]));
}

// Company e-mail domains link leads to accounts, created (named after the company) when new.
async function ensureDomainAccounts(
  trx: Trx,
  ctx: CommandContext,
  rows: readonly LeadImportRow[],
): Promise<Map<string, AccountId>> {
  const { orgId } = ctx.actor;
  const names = new Map<string, string>();
  for (const r of rows) {
    const { domain, company } = r.plan.lead;
    if (domain && !names.has(domain)) names.set(domain, company?.trim() || domain);
  }
  const domains = [...names.keys()];
  const read = async () =>
    new Map(
      (await findAccountsByKeys(trx, orgId, { domains })).flatMap((a) => (a.domain ? [[a.domain, a.id] as const] : [])),
    );
  const found = await read();
  const missing = domains.filter((d) => !found.has(d));
  if (missing.length === 0) return found;
  const at = ctx.now.toISOString();
  await insertColumns(
    trx,
    'accounts',
    orgId,
    [
      ['id', 'uuid', missing.map(() => newId<AccountId>())],
      ['name', 'text', missing.map((d) => names.get(d) ?? d)],
      ['domain', 'text', missing],
      ['created_at', 'timestamptz', missing.map(() => at)],
      ['updated_at', 'timestamptz', missing.map(() => at)],
    ],
    'on conflict (org_id, domain) where domain is not null do nothing',
  );
  return read();
}
