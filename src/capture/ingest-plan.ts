import { AppError } from '../shared/app-error.ts';
import type { AccountId, CampaignId } from '../shared/ids.ts';
import type { ChannelInput } from './channel-grouping.ts';
import type { TouchpointType } from './constants.ts';
import type { IngestItem } from './ingest.schema.ts';
import { companyDomain, normalizeEmail, normalizePhone } from './normalize-contact.ts';
import { mergeUtm, parseUtm, type Utm } from './utm.ts';

type CustomValue = string | number | boolean | null;

export interface PlannedLead {
  readonly email: string | null;
  readonly emailNormalized: string | null;
  readonly phone: string | null;
  readonly phoneNormalized: string | null;
  /** The company e-mail domain that links the lead to an account; null for free mail. */
  readonly domain: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly title: string | null;
  readonly company: string | null;
  readonly country: string | null;
  readonly externalId: string | null;
  readonly custom: Readonly<Record<string, CustomValue>>;
}

export interface PlannedTouch {
  readonly type: TouchpointType;
  readonly occurredAt: Date;
  readonly url: string | null;
  readonly referrer: string | null;
  readonly utm: Utm;
  /** What the channel rules classify; the referrer is left out when it is the page's own site. */
  readonly channelInput: ChannelInput;
}

export interface IngestPlan {
  readonly lead: PlannedLead;
  readonly touch: PlannedTouch;
  /** Names of the person this arrival may create or join, for the per-org ingest locks. */
  readonly lockNames: readonly string[];
}

/** The campaign and account an arrival joins, when they exist before it takes its locks. */
export interface ExistingTargets {
  readonly campaignId: CampaignId | null;
  readonly accountId: AccountId | null;
}

// Checks one arrival and derives everything that needs no database: the identity used to
// find the same person again, the UTM values (explicit fields win over the URL's), and the
// names to lock. Errors name the field as a dotted path under `lead` or `touchpoint`.
export function planIngest(item: IngestItem, now: Date): IngestPlan {
  const { lead, touchpoint } = item;
  const email = lead.email ?? null;
  const normalized = email === null ? null : normalizeEmail(email);
  if (email !== null && normalized === null) {
    throw new AppError('validation_failed', 'lead.email: not an e-mail address Baton can read', 'lead.email');
  }
  const phone = lead.phone ?? null;
  const country = lead.country ?? null;
  const phoneNormalized = normalizePhone(phone, country ?? undefined);
  const externalId = lead.externalId ?? null;
  if (normalized === null && phone === null && externalId === null) {
    throw new AppError(
      'validation_failed',
      'lead.email: give at least one of email, phone or externalId, so the person is recognised on a later arrival',
      'lead.email',
    );
  }
  if (normalized === null && externalId === null && phoneNormalized === null) {
    throw new AppError(
      'validation_failed',
      'lead.phone: not a phone number Baton can read; write it with + and the country code, or send lead.country',
      'lead.phone',
    );
  }
  const occurredAt = touchpoint.occurredAt ? new Date(touchpoint.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime()) {
    throw new AppError(
      'validation_failed',
      'touchpoint.occurredAt: a touch cannot happen in the future',
      'touchpoint.occurredAt',
    );
  }
  const url = touchpoint.url ?? null;
  const referrer = touchpoint.referrer ?? null;
  const utm = mergeUtm(
    {
      source: touchpoint.utmSource,
      medium: touchpoint.utmMedium,
      campaign: touchpoint.utmCampaign,
      term: touchpoint.utmTerm,
      content: touchpoint.utmContent,
    },
    parseUtm(url),
  );
  const domain = companyDomain(email);
  const lockNames = [
    externalId === null ? null : `external:${externalId}`,
    normalized === null ? null : `email:${normalized.normalized}`,
    phoneNormalized === null ? null : `phone:${phoneNormalized}`,
  ].filter((name): name is string => name !== null);
  return {
    lead: {
      email,
      emailNormalized: normalized?.normalized ?? null,
      phone,
      phoneNormalized,
      domain,
      firstName: lead.firstName ?? null,
      lastName: lead.lastName ?? null,
      title: lead.title ?? null,
      company: lead.company ?? null,
      country,
      externalId,
      custom: lead.custom ?? {},
    },
    touch: {
      type: touchpoint.type,
      occurredAt,
      url,
      referrer,
      utm,
      channelInput: {
        utmSource: utm.source,
        utmMedium: utm.medium,
        utmCampaign: utm.campaign,
        referrer: sameSite(url, referrer) ? null : referrer,
        clickIdType: utm.clickIdType,
        touchpointType: touchpoint.type,
      },
    },
    lockNames,
  };
}

// A referrer on the landing page's own host is navigation inside the site, not where the
// visitor came from (GA4 excludes it the same way with its own-domain list).
export function sameSite(url: string | null, referrer: string | null): boolean {
  const a = hostOf(url);
  return a !== null && a === hostOf(referrer);
}

function hostOf(value: string | null): string | null {
  if (value === null) return null;
  try {
    const host = new URL(value).hostname.toLowerCase();
    return host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return null;
  }
}

/**
 * The names an arrival locks: its person's, and the campaign and account it would create.
 * A campaign or account that exists already is only joined, which needs no lock: a busy
 * campaign must not make every arrival from it wait for the one before.
 */
export function lockNamesOf(plan: IngestPlan, existing: ExistingTargets): string[] {
  const { campaign } = plan.touch.utm;
  const { domain } = plan.lead;
  return [
    ...plan.lockNames,
    ...(campaign !== null && existing.campaignId === null ? [`campaign:${campaign.toLowerCase()}`] : []),
    ...(domain !== null && existing.accountId === null ? [`domain:${domain}`] : []),
  ];
}

export const INGEST_LOCK_BUCKETS = 256;

// Arrivals that could create or join the same lead, campaign or account take the same
// advisory lock first, so two of them never both decide "new". Names hash into a fixed
// number of buckets per organisation: a batch of a thousand holds at most 256 locks, and
// every transaction takes its buckets in ascending order, so ingests cannot deadlock.
export function lockBuckets(names: readonly string[]): number[] {
  const buckets = new Set(names.map((name) => fnv1a(name) % INGEST_LOCK_BUCKETS));
  return [...buckets].sort((a, b) => a - b);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
