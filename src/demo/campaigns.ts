import type { TouchpointType } from '../capture/constants.ts';
import type { CampaignId, LeadId, OrgId, TouchpointId } from '../shared/ids.ts';
import type { Random } from '../shared/random.ts';
import { DAY, type DemoCalendar, weekdayFactor, YEAR_DAYS } from './calendar.ts';
import type { IdFactory } from './demo-ids.ts';
import type { DemoCampaignRow, DemoSpendRow, DemoTouchpointRow } from './rows.ts';
import {
  AVERAGE_QUALITY,
  CHANNEL_QUALITY,
  type ChannelQuality,
  SITE,
  SOURCE_TEMPLATES,
  type SourceTemplate,
} from './sources.ts';

/** Where leads and touches come from: a campaign, or unpaid traffic with no campaign. */
export interface DemoSource {
  readonly template: SourceTemplate;
  readonly campaignId: CampaignId | null;
  readonly quality: ChannelQuality;
}

type Mix = readonly (readonly [DemoSource, number])[];

export interface SourcePlan {
  readonly campaigns: DemoCampaignRow[];
  readonly spend: DemoSpendRow[];
  readonly sources: readonly DemoSource[];
  /** The e-mail programme that wakes recycled leads up again. */
  readonly nurture: DemoSource;
  /** The day of the year of the i-th of n leads, so that volume follows demand in order. */
  leadDay(i: number, n: number, random: Random): number;
  leadSource(day: number, random: Random): DemoSource;
  touchSource(day: number, random: Random): DemoSource;
}

export function planSources(
  calendar: DemoCalendar,
  ids: IdFactory,
  random: Random,
  org: { orgId: OrgId; currency: string },
): SourcePlan {
  const campaigns: DemoCampaignRow[] = [];
  const spend: DemoSpendRow[] = [];
  const sources = SOURCE_TEMPLATES.map((template): DemoSource => {
    const quality = CHANNEL_QUALITY[template.channel] ?? AVERAGE_QUALITY;
    if (template.name === null) return { template, campaignId: null, quality };
    const created = Math.max(calendar.start, calendar.start + (template.from - 14) * DAY);
    const campaignId = ids<CampaignId>(created);
    const rows = spendRows(calendar, random, template, campaignId, org);
    spend.push(...rows);
    campaigns.push({
      org_id: org.orgId,
      id: campaignId,
      name: template.name,
      channel: template.channel,
      utm_campaign: template.utm?.campaign ?? null,
      starts_on: calendar.localDate(calendar.start + template.from * DAY),
      ends_on: template.to === null ? null : calendar.localDate(calendar.start + template.to * DAY),
      budget_minor: budgetMinor(template),
      currency: org.currency,
      parent_id: null,
      external_id: null,
      created_at: new Date(created),
      updated_at: new Date(created),
    });
    return { template, campaignId, quality };
  });
  const nurture = sources.find((s) => s.template.key === 'nurture');
  if (!nurture) throw new Error('the nurture source is missing from SOURCE_TEMPLATES');

  const leadMix: Mix[] = [];
  const touchMix: Mix[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let day = 0; day < YEAR_DAYS; day++) {
    const active = sources.filter((s) => isActive(s.template, day));
    leadMix.push(active.filter((s) => s.template.leadWeight > 0).map((s) => [s, s.template.leadWeight] as const));
    touchMix.push(active.filter((s) => s.template.touchWeight > 0).map((s) => [s, s.template.touchWeight] as const));
    // Demand grows through the year, and few people fill in forms at weekends.
    const trend = 0.8 + (0.4 * day) / YEAR_DAYS;
    total += trend * weekdayFactor(calendar, day) * active.reduce((sum, s) => sum + s.template.leadWeight, 0);
    cumulative.push(total);
  }
  const mixOn = (mixes: Mix[], day: number): Mix => mixes[Math.min(YEAR_DAYS - 1, Math.max(0, day))] ?? [];

  return {
    campaigns,
    spend,
    sources,
    nurture,
    leadDay(i, n, r) {
      const target = ((i + r.next()) / n) * total;
      let low = 0;
      let high = YEAR_DAYS - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((cumulative[mid] ?? total) < target) low = mid + 1;
        else high = mid;
      }
      return low;
    },
    leadSource: (day, r) => r.weighted(mixOn(leadMix, day)),
    touchSource: (day, r) => r.weighted(mixOn(touchMix, day)),
  };
}

export function touchpointRow(
  orgId: OrgId,
  ids: IdFactory,
  random: Random,
  source: DemoSource,
  leadId: LeadId,
  at: number,
  type: TouchpointType,
): DemoTouchpointRow {
  const { template } = source;
  const term = template.terms ? random.pick(template.terms) : null;
  const content = template.contents ? random.pick(template.contents) : null;
  let url = `${SITE}${template.landing}`;
  if (template.utm) {
    const query = new URLSearchParams({
      utm_source: template.utm.source,
      utm_medium: template.utm.medium,
      utm_campaign: template.utm.campaign,
    });
    if (term) query.set('utm_term', term);
    if (content) query.set('utm_content', content);
    url = `${url}?${query.toString()}`;
  }
  return {
    org_id: orgId,
    id: ids<TouchpointId>(at),
    lead_id: leadId,
    type,
    occurred_at: new Date(at),
    campaign_id: source.campaignId,
    channel: template.channel,
    utm_source: template.utm?.source ?? null,
    utm_medium: template.utm?.medium ?? null,
    utm_campaign: template.utm?.campaign ?? null,
    utm_term: template.utm ? term : null,
    utm_content: template.utm ? content : null,
    url,
    referrer: template.referrer,
    created_at: new Date(at),
  };
}

export function isActive(template: SourceTemplate, day: number): boolean {
  return day >= template.from && (template.to === null || day <= template.to);
}

function budgetMinor(template: SourceTemplate): number | null {
  const { spend } = template;
  const days = (template.to ?? YEAR_DAYS) - Math.max(0, template.from) + 1;
  const major =
    spend.kind === 'daily'
      ? spend.perDay * days
      : spend.kind === 'monthly'
        ? spend.perMonth * 12
        : spend.kind === 'lump'
          ? spend.amount
          : null;
  return major === null ? null : Math.ceil(major / 1000) * 1000 * 100;
}

// Spend exists only for days that have happened. A day is the local date of the middle
// of its 24 hours; around a DST change two such middles can share a date, so a repeat
// date is skipped rather than violating the (campaign, day) key.
function spendRows(
  calendar: DemoCalendar,
  random: Random,
  template: SourceTemplate,
  campaignId: CampaignId,
  org: { orgId: OrgId; currency: string },
): DemoSpendRow[] {
  const { spend } = template;
  if (spend.kind === 'none') return [];
  const rows: DemoSpendRow[] = [];
  let previous = '';
  for (let day = Math.max(0, template.from); day < YEAR_DAYS && isActive(template, day); day++) {
    const date = calendar.localDate(calendar.start + day * DAY + DAY / 2);
    if (date === previous) continue;
    previous = date;
    let amount = 0;
    if (spend.kind === 'daily') {
      const weekend = weekdayFactor(calendar, day) < 1 ? 0.6 : 1;
      amount = spend.perDay * weekend * (0.85 + random.next() * 0.3);
    } else if (spend.kind === 'monthly') {
      if (date.endsWith('-01')) amount = spend.perMonth * (0.9 + random.next() * 0.2);
    } else if (day === template.from) {
      amount = spend.amount;
    }
    if (amount > 0) {
      rows.push({
        org_id: org.orgId,
        campaign_id: campaignId,
        day: date,
        amount_minor: Math.round(amount * 100),
        currency: org.currency,
      });
    }
  }
  return rows;
}
