import type { Trx } from '../../db/database.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type CampaignId, type LeadId, newId } from '../../shared/ids.ts';
import { type ChannelOverride, defaultChannel } from '../channel-grouping.ts';
import { type Channel, TOUCHPOINT_TYPES, type TouchpointType } from '../constants.ts';
import { sameSite } from '../ingest-plan.ts';
import { mergeUtm, parseUtm, type Utm } from '../utm.ts';
import { findTouchKeys, insertColumns } from './import.store.ts';
import { type BatchInput, type ImportResult, type RejectedRow, RowError } from './import-result.ts';
import { resolveLeadRefs } from './record-refs.ts';
import { fillFirstTouch } from './related.store.ts';
import { type RowReader, rowReader, tryRow } from './row-values.ts';
import { ensureUtmCampaigns, touchKey } from './touch-links.ts';

/** The ingest API's limits (ingest.schema.ts). */
const MAX_LINK = 2000;
const MAX_UTM = 200;

interface TouchRow {
  readonly line: number;
  readonly lead: string;
  readonly type: TouchpointType;
  readonly occurredAt: Date;
  readonly url: string | null;
  readonly referrer: string | null;
  readonly utm: Utm;
  readonly channel: Channel;
}

export interface PreparedTouchpoints {
  readonly rows: readonly TouchRow[];
  readonly rejected: RejectedRow[];
}

// Touches of leads already in Baton, named by external id or e-mail. Each is read as ingest
// reads an arrival's touch (ingest-plan.ts): UTM values from the columns win over the URL's,
// a referrer on the page's own site is ignored, and the channel comes from GA4's default
// grouping after the organisation's overrides. This part needs no database, so the driver
// runs it while the previous batch is being written.
export function prepareTouchpoints(
  ctx: CommandContext,
  input: BatchInput,
  overrides: readonly ChannelOverride[],
): PreparedTouchpoints {
  const rejected: RejectedRow[] = [];
  const rows: TouchRow[] = [];
  for (const { line, cells } of input.rows) {
    const row = tryRow(
      line,
      () => readTouchRow(rowReader(input.mapping, line, cells, input.dateFormat), line, ctx.now, overrides),
      rejected,
    );
    if (row) rows.push(row);
  }
  return { rows, rejected };
}

// Writes a prepared batch: campaigns are found or created from utm_campaign as the leads
// import does, a touch that exists (same lead, type, time and URL) is not written again, and
// a lead without a source channel or first campaign gets them from its earliest new touch.
export async function applyTouchpoints(
  trx: Trx,
  ctx: CommandContext,
  prepared: PreparedTouchpoints,
): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const rejected = [...prepared.rejected];
  const leadOf = await resolveLeadRefs(
    trx,
    orgId,
    prepared.rows.map((r) => r.lead),
  );
  const linked: (TouchRow & { leadId: LeadId })[] = [];
  for (const r of prepared.rows) {
    const leadId = leadOf(r.lead);
    if (leadId === undefined) {
      rejected.push({ line: r.line, field: 'lead', reason: `no lead with external id or e-mail ${r.lead}` });
    } else linked.push({ ...r, leadId });
  }
  const seen = await findTouchKeys(trx, orgId, [...new Set(linked.map((t) => t.leadId))]);
  const fresh = linked.filter((t) => {
    const key = touchKey(t.leadId, t.type, t.occurredAt, t.url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const utmChannel = new Map<string, Channel>();
  for (const t of fresh) {
    const utm = t.utm.campaign?.toLowerCase();
    if (utm && !utmChannel.has(utm)) utmChannel.set(utm, t.channel);
  }
  const campaignOf = await ensureUtmCampaigns(trx, ctx, utmChannel);
  const touches = fresh.map((t) => ({
    ...t,
    campaignId: t.utm.campaign ? (campaignOf.get(t.utm.campaign.toLowerCase()) ?? null) : null,
  }));
  const iso = (d: Date) => d.toISOString();
  await insertColumns(trx, 'touchpoints', orgId, [
    ['id', 'uuid', touches.map((t) => newId(t.occurredAt.getTime()))],
    ['lead_id', 'uuid', touches.map((t) => t.leadId)],
    ['type', 'text', touches.map((t) => t.type)],
    ['occurred_at', 'timestamptz', touches.map((t) => iso(t.occurredAt))],
    ['campaign_id', 'uuid', touches.map((t) => t.campaignId)],
    ['channel', 'text', touches.map((t) => t.channel)],
    ['utm_source', 'text', touches.map((t) => t.utm.source)],
    ['utm_medium', 'text', touches.map((t) => t.utm.medium)],
    ['utm_campaign', 'text', touches.map((t) => t.utm.campaign)],
    ['utm_term', 'text', touches.map((t) => t.utm.term)],
    ['utm_content', 'text', touches.map((t) => t.utm.content)],
    ['url', 'text', touches.map((t) => t.url)],
    ['referrer', 'text', touches.map((t) => t.referrer)],
    ['created_at', 'timestamptz', touches.map(() => iso(ctx.now))],
  ]);
  // Per lead, the channel of its earliest new touch and the campaign of its earliest with one.
  const first = new Map<LeadId, { leadId: LeadId; channel: Channel; campaignId: CampaignId | null }>();
  for (const t of [...touches].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    const current = first.get(t.leadId);
    if (!current) first.set(t.leadId, { leadId: t.leadId, channel: t.channel, campaignId: t.campaignId });
    else if (current.campaignId === null && t.campaignId !== null) current.campaignId = t.campaignId;
  }
  await fillFirstTouch(trx, orgId, [...first.values()], ctx.now);
  return {
    imported: touches.length,
    updated: 0,
    unchanged: linked.length - touches.length,
    rejected: rejected.sort((a, b) => a.line - b.line),
    createdOwners: [],
  };
}

function readTouchRow(r: RowReader, line: number, now: Date, overrides: readonly ChannelOverride[]): TouchRow {
  const lead = r.text('lead');
  if (lead === null) throw new RowError('lead', "a touchpoint names its lead by the lead's external id or e-mail");
  const typeText = r.text('type')?.toLowerCase() ?? 'import';
  const type = TOUCHPOINT_TYPES.find((t) => t === typeText);
  if (!type) throw new RowError('type', `${typeText} is not one of ${TOUCHPOINT_TYPES.join(', ')}`);
  const occurredAt = r.date('occurred_at');
  if (occurredAt === null) {
    throw new RowError('occurred_at', 'a touchpoint needs the time it happened, so a second import recognises it');
  }
  if (occurredAt.getTime() > now.getTime()) throw new RowError('occurred_at', 'a touch cannot happen in the future');
  const limited = (field: string, max: number) => {
    const value = r.text(field);
    if (value !== null && value.length > max) throw new RowError(field, `at most ${max} characters`);
    return value;
  };
  const url = limited('url', MAX_LINK);
  const referrer = limited('referrer', MAX_LINK);
  const utm = mergeUtm(
    {
      source: limited('utm_source', MAX_UTM),
      medium: limited('utm_medium', MAX_UTM),
      campaign: limited('utm_campaign', MAX_UTM),
      term: limited('utm_term', MAX_UTM),
      content: limited('utm_content', MAX_UTM),
    },
    parseUtm(url),
  );
  const channel = defaultChannel(
    {
      utmSource: utm.source,
      utmMedium: utm.medium,
      utmCampaign: utm.campaign,
      referrer: sameSite(url, referrer) ? null : referrer,
      clickIdType: utm.clickIdType,
      touchpointType: type,
    },
    overrides,
  );
  return { line, lead, type, occurredAt, url, referrer, utm, channel };
}
