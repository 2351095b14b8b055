import type { Trx } from '../db/database.ts';
import { findAccountByDomain } from '../lifecycle/accounts.store.ts';
import { createLead } from '../lifecycle/create-lead.ts';
import { ensureAccountForDomain } from '../lifecycle/ensure-account.ts';
import { fillEmptyLeadFields } from '../lifecycle/fill-lead.ts';
import { findLeadByIdentity } from '../lifecycle/lead-identity.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { AccountId, CampaignId, LeadId, OrgId } from '../shared/ids.ts';
import { findCampaignByUtm } from './campaigns.store.ts';
import { type ChannelOverride, defaultChannel } from './channel-grouping.ts';
import { listChannelOverrides } from './channel-overrides.store.ts';
import type { IngestItem, IngestResult } from './ingest.schema.ts';
import { lockIngestBuckets } from './ingest.store.ts';
import { type ExistingTargets, type IngestPlan, lockBuckets, lockNamesOf, planIngest } from './ingest-plan.ts';
import { recordTouchpoint } from './record-touchpoint.ts';
import { resolveCampaign } from './resolve-campaign.ts';

export interface IngestOptions {
  /** The org's channel overrides when the caller already read them (a batch reads them once). */
  readonly overrides?: readonly ChannelOverride[];
  /** The campaign of a touch without utm_campaign, such as a web form's own campaign. */
  readonly defaultCampaignId?: CampaignId | null;
}

// One arrival of a lead with its touch: the same person arriving again (same external id,
// else e-mail, else phone) gets a touchpoint on the existing lead, whose empty fields are
// completed; anyone else becomes a new lead. Either way the touch gets its channel and
// campaign, and a company e-mail domain links the lead to its account.
export async function ingestLead(
  trx: Trx,
  ctx: CommandContext,
  item: IngestItem,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const plan = planIngest(item, ctx.now);
  const existing = await findExistingTargets(trx, ctx.actor.orgId, plan);
  await lockIngestBuckets(trx, ctx.actor.orgId, lockBuckets(lockNamesOf(plan, existing)));
  return applyIngest(trx, ctx, plan, existing, options);
}

/**
 * The campaign and account an arrival joins, read before it takes its locks: only those
 * still missing are locked and then created (or found, when a concurrent arrival made them).
 */
export async function findExistingTargets(trx: Trx, orgId: OrgId, plan: IngestPlan): Promise<ExistingTargets> {
  const { campaign } = plan.touch.utm;
  const { domain } = plan.lead;
  return {
    campaignId: campaign === null ? null : ((await findCampaignByUtm(trx, orgId, campaign))?.id ?? null),
    accountId: domain === null ? null : ((await findAccountByDomain(trx, orgId, domain))?.id ?? null),
  };
}

/** The database part of an ingest; the caller has planned it and holds its locks. */
export async function applyIngest(
  trx: Trx,
  ctx: CommandContext,
  plan: IngestPlan,
  existing: ExistingTargets,
  options: IngestOptions,
): Promise<IngestResult> {
  const { orgId } = ctx.actor;
  const { lead, touch } = plan;
  const overrides = options.overrides ?? (await listChannelOverrides(trx, orgId));
  const channel = defaultChannel(touch.channelInput, overrides);
  const campaignId = touch.utm.campaign
    ? (existing.campaignId ?? (await resolveCampaign(trx, ctx, touch.utm.campaign, channel)))
    : (options.defaultCampaignId ?? null);
  const match = await findLeadByIdentity(trx, orgId, {
    externalId: lead.externalId,
    emailNormalized: lead.emailNormalized,
    phoneNormalized: lead.phoneNormalized,
  });
  const accountId: AccountId | null = lead.domain
    ? (existing.accountId ??
      (await ensureAccountForDomain(trx, ctx, { domain: lead.domain, name: lead.company })).accountId)
    : null;
  const values = {
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    phone: lead.phone,
    title: lead.title,
    companyName: lead.company,
    country: lead.country,
    externalId: lead.externalId,
    accountId,
    custom: { ...lead.custom },
  };
  // The lead is qualified once, when its touch is recorded, not also when it is written.
  let leadId: LeadId;
  if (match) {
    leadId = match.leadId;
    await underLead(() => fillEmptyLeadFields(trx, ctx, leadId, values, { qualify: false }));
  } else {
    const created = await underLead(() => createLead(trx, ctx, values, { qualify: false }));
    leadId = created.id as LeadId;
  }
  const touchpoint = await recordTouchpoint(trx, ctx, leadId, {
    type: touch.type,
    occurredAt: touch.occurredAt.toISOString(),
    campaignId,
    channel,
    utmSource: touch.utm.source,
    utmMedium: touch.utm.medium,
    utmCampaign: touch.utm.campaign,
    utmTerm: touch.utm.term,
    utmContent: touch.utm.content,
    url: touch.url,
    referrer: touch.referrer,
  });
  return { leadId, created: match === null, touchpointId: touchpoint.id, channel, campaignId };
}

// Lifecycle names fields as its own API does ("companyName", "custom.tier"); the ingest
// API nests them under "lead" with its own names.
const FIELD_NAMES: Record<string, string> = { companyName: 'company' };

async function underLead<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || error.field === undefined) throw error;
    const [head = '', ...rest] = error.field.split('.');
    const field = ['lead', FIELD_NAMES[head] ?? head, ...rest].join('.');
    const message = error.message.startsWith(`${error.field}:`)
      ? `${field}${error.message.slice(error.field.length)}`
      : error.message;
    throw new AppError(error.code, message, field);
  }
}
