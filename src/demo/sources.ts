import type { Channel, TouchpointType } from '../capture/constants.ts';

/** Multipliers on the base conversion rates, and how fast an inquiry becomes an MQL. */
export interface ChannelQuality {
  readonly mql: number;
  readonly accept: number;
  readonly sql: number;
  readonly opp: number;
  readonly win: number;
  /** Median days from inquiry to MQL. */
  readonly mqlDays: number;
}

// Referrals, partners and events bring people who already want to talk; display and
// content syndication bring volume with poor data and little intent.
export const CHANNEL_QUALITY: Readonly<Record<string, ChannelQuality>> = {
  paid_search: { mql: 1.1, accept: 1, sql: 1, opp: 1, win: 1, mqlDays: 1.5 },
  paid_social: { mql: 0.85, accept: 0.9, sql: 0.85, opp: 0.95, win: 0.9, mqlDays: 4 },
  email: { mql: 0.95, accept: 0.95, sql: 0.95, opp: 1, win: 1, mqlDays: 3 },
  organic_search: { mql: 1, accept: 1, sql: 1.05, opp: 1, win: 1.05, mqlDays: 6 },
  organic_social: { mql: 0.8, accept: 0.95, sql: 0.9, opp: 1, win: 0.95, mqlDays: 5 },
  referral: { mql: 1.7, accept: 1.15, sql: 1.4, opp: 1.2, win: 1.45, mqlDays: 1 },
  display: { mql: 0.45, accept: 0.75, sql: 0.65, opp: 0.85, win: 0.7, mqlDays: 10 },
  partner: { mql: 1.4, accept: 1.05, sql: 1.25, opp: 1.1, win: 1.25, mqlDays: 2 },
  events: { mql: 1.35, accept: 1.05, sql: 1.2, opp: 1.05, win: 1.2, mqlDays: 3 },
  affiliates: { mql: 0.6, accept: 0.8, sql: 0.7, opp: 0.9, win: 0.8, mqlDays: 8 },
  direct: { mql: 1.15, accept: 1, sql: 1.05, opp: 1, win: 1.05, mqlDays: 2 },
};

export const AVERAGE_QUALITY: ChannelQuality = { mql: 1, accept: 1, sql: 1, opp: 1, win: 1, mqlDays: 4 };

export type SpendPattern =
  | { readonly kind: 'daily'; readonly perDay: number }
  | { readonly kind: 'monthly'; readonly perMonth: number }
  | { readonly kind: 'lump'; readonly amount: number }
  | { readonly kind: 'none' };

export interface SourceTemplate {
  readonly key: string;
  /** The campaign's name; null for traffic no campaign paid for. */
  readonly name: string | null;
  readonly channel: Channel;
  readonly utm: { readonly source: string; readonly medium: string; readonly campaign: string } | null;
  readonly firstTouch: TouchpointType;
  readonly laterTouches: readonly TouchpointType[];
  /** Active days, counted from the start of the generated year; `to` null means still running. */
  readonly from: number;
  readonly to: number | null;
  /** Relative lead volume per active day. */
  readonly leadWeight: number;
  /** Relative weight as a later touch of a lead that came from elsewhere. */
  readonly touchWeight: number;
  readonly spend: SpendPattern;
  readonly landing: string;
  readonly referrer: string | null;
  readonly terms?: readonly string[];
  readonly contents?: readonly string[];
}

export const SITE = 'https://www.northwind.example';

const SEARCH_TERMS = ['lead management software', 'b2b crm', 'mql to sql handoff', 'sales pipeline tool'];

export const SOURCE_TEMPLATES: readonly SourceTemplate[] = [
  {
    key: 'direct',
    name: null,
    channel: 'direct',
    utm: null,
    firstTouch: 'form_fill',
    laterTouches: ['web_visit', 'web_visit', 'chat'],
    from: 0,
    to: null,
    leadWeight: 10,
    touchWeight: 8,
    spend: { kind: 'none' },
    landing: '/contact',
    referrer: null,
  },
  {
    key: 'organic-social',
    name: null,
    channel: 'organic_social',
    utm: null,
    firstTouch: 'social',
    laterTouches: ['social', 'web_visit'],
    from: 0,
    to: null,
    leadWeight: 4,
    touchWeight: 2,
    spend: { kind: 'none' },
    landing: '/blog',
    referrer: 'https://www.linkedin.com/',
  },
  {
    key: 'search-brand',
    name: 'Search — Brand terms',
    channel: 'paid_search',
    utm: { source: 'google', medium: 'cpc', campaign: 'search-brand' },
    firstTouch: 'form_fill',
    laterTouches: ['ad_click'],
    from: -120,
    to: null,
    leadWeight: 9,
    touchWeight: 6,
    spend: { kind: 'daily', perDay: 130 },
    landing: '/demo',
    referrer: 'https://www.google.com/',
    terms: ['northwind', 'northwind crm', 'northwind pricing'],
    contents: ['ad-a', 'ad-b'],
  },
  {
    key: 'search-generic',
    name: 'Search — Lead management keywords',
    channel: 'paid_search',
    utm: { source: 'google', medium: 'cpc', campaign: 'search-lead-management' },
    firstTouch: 'form_fill',
    laterTouches: ['ad_click'],
    from: 30,
    to: null,
    leadWeight: 14,
    touchWeight: 4,
    spend: { kind: 'daily', perDay: 260 },
    landing: '/lead-management',
    referrer: 'https://www.google.com/',
    terms: SEARCH_TERMS,
    contents: ['ad-a', 'ad-b', 'ad-c'],
  },
  {
    key: 'linkedin-h1',
    name: 'LinkedIn Lead Gen — H1',
    channel: 'paid_social',
    utm: { source: 'linkedin', medium: 'paid_social', campaign: 'li-leadgen-h1' },
    firstTouch: 'form_fill',
    laterTouches: ['ad_click', 'social'],
    from: 0,
    to: 181,
    leadWeight: 12,
    touchWeight: 3,
    spend: { kind: 'daily', perDay: 220 },
    landing: '/guide/revenue-handoff',
    referrer: 'https://www.linkedin.com/',
    contents: ['carousel', 'single-image', 'video'],
  },
  {
    key: 'linkedin-h2',
    name: 'LinkedIn Lead Gen — H2',
    channel: 'paid_social',
    utm: { source: 'linkedin', medium: 'paid_social', campaign: 'li-leadgen-h2' },
    firstTouch: 'form_fill',
    laterTouches: ['ad_click', 'social'],
    from: 182,
    to: null,
    leadWeight: 12,
    touchWeight: 3,
    spend: { kind: 'daily', perDay: 240 },
    landing: '/guide/pipeline-review',
    referrer: 'https://www.linkedin.com/',
    contents: ['carousel', 'document-ad'],
  },
  {
    key: 'newsletter',
    name: 'Monthly newsletter',
    channel: 'email',
    utm: { source: 'newsletter', medium: 'email', campaign: 'newsletter' },
    firstTouch: 'email_click',
    laterTouches: ['email_open', 'email_click'],
    from: -365,
    to: null,
    leadWeight: 6,
    touchWeight: 10,
    spend: { kind: 'monthly', perMonth: 900 },
    landing: '/blog',
    referrer: null,
  },
  {
    key: 'nurture',
    name: 'Nurture — Back in the game',
    channel: 'email',
    utm: { source: 'nurture', medium: 'email', campaign: 'nurture-recycled' },
    firstTouch: 'email_click',
    laterTouches: ['email_open', 'email_click'],
    from: -200,
    to: null,
    leadWeight: 1,
    touchWeight: 3,
    spend: { kind: 'none' },
    landing: '/customers',
    referrer: null,
  },
  {
    key: 'seo',
    name: 'SEO — Guides and blog',
    channel: 'organic_search',
    utm: null,
    firstTouch: 'content_download',
    laterTouches: ['web_visit', 'content_download'],
    from: -400,
    to: null,
    leadWeight: 16,
    touchWeight: 8,
    spend: { kind: 'monthly', perMonth: 4000 },
    landing: '/guides/demand-waterfall',
    referrer: 'https://www.google.com/',
  },
  {
    key: 'referral',
    name: 'Customer referral program',
    channel: 'referral',
    utm: { source: 'customer', medium: 'referral', campaign: 'refer-a-peer' },
    firstTouch: 'referral',
    laterTouches: ['web_visit'],
    from: -300,
    to: null,
    leadWeight: 5,
    touchWeight: 1,
    spend: { kind: 'monthly', perMonth: 1500 },
    landing: '/referral',
    referrer: null,
  },
  {
    key: 'display',
    name: 'Display — Retargeting',
    channel: 'display',
    utm: { source: 'adnetwork', medium: 'display', campaign: 'display-retargeting' },
    firstTouch: 'ad_click',
    laterTouches: ['ad_click'],
    from: 45,
    to: 300,
    leadWeight: 9,
    touchWeight: 5,
    spend: { kind: 'daily', perDay: 120 },
    landing: '/demo',
    referrer: null,
    contents: ['banner-300x250', 'banner-728x90'],
  },
  {
    key: 'partner',
    name: 'Partner co-marketing — Cloudly',
    channel: 'partner',
    utm: { source: 'cloudly', medium: 'partner', campaign: 'cloudly-comarketing' },
    firstTouch: 'form_fill',
    laterTouches: ['web_visit', 'webinar'],
    from: 90,
    to: null,
    leadWeight: 6,
    touchWeight: 2,
    spend: { kind: 'monthly', perMonth: 3000 },
    landing: '/partners/cloudly',
    referrer: 'https://partners.cloudly.example/',
  },
  {
    key: 'revops-summit',
    name: 'RevOps Summit — booth',
    channel: 'events',
    utm: { source: 'revops-summit', medium: 'event', campaign: 'revops-summit' },
    firstTouch: 'event_attended',
    laterTouches: ['event_attended'],
    from: 118,
    to: 120,
    leadWeight: 300,
    touchWeight: 40,
    spend: { kind: 'lump', amount: 28000 },
    landing: '/events/revops-summit',
    referrer: null,
  },
  {
    key: 'saas-connect',
    name: 'SaaS Connect Europe — sponsorship',
    channel: 'events',
    utm: { source: 'saas-connect', medium: 'event', campaign: 'saas-connect-europe' },
    firstTouch: 'event_attended',
    laterTouches: ['event_attended'],
    from: 262,
    to: 263,
    leadWeight: 300,
    touchWeight: 40,
    spend: { kind: 'lump', amount: 19000 },
    landing: '/events/saas-connect',
    referrer: null,
  },
  {
    key: 'webinar',
    name: 'Webinar series — Fixing the MQL hand-off',
    channel: 'events',
    utm: { source: 'webinar', medium: 'webinar', campaign: 'webinar-mql-handoff' },
    firstTouch: 'webinar',
    laterTouches: ['webinar', 'email_click'],
    from: -30,
    to: null,
    leadWeight: 4,
    touchWeight: 6,
    spend: { kind: 'monthly', perMonth: 1200 },
    landing: '/webinars/mql-handoff',
    referrer: null,
  },
  {
    key: 'syndication',
    name: 'Content syndication — Demand waterfall e-book',
    channel: 'affiliates',
    utm: { source: 'syndication', medium: 'cpl', campaign: 'ebook-demand-waterfall' },
    firstTouch: 'content_download',
    laterTouches: ['email_open'],
    from: 150,
    to: 330,
    leadWeight: 10,
    touchWeight: 1,
    spend: { kind: 'daily', perDay: 180 },
    landing: '/ebooks/demand-waterfall',
    referrer: null,
  },
];
