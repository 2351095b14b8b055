import type { Channel, TouchpointType } from './constants.ts';
import {
  brandLabel,
  CLICK_IDS,
  type ClickIdType,
  SEARCH_AD_CLICK_IDS,
  type SourceCategory,
  sourceCategory,
} from './known-hosts.ts';

// Google Analytics 4's default channel group for manually tagged traffic, in GA4's order of
// evaluation. Definitions as published in "[GA4] Default channel group"
// (https://support.google.com/analytics/answer/9756891), checked against two public
// transcriptions of that page: Velir/dbt-ga4 macros/default_channel_grouping.sql and the
// Pirsch "Statistics explained" docs. GA4 compares without case, so every value is
// lower-cased first. Where Google writes "Source = email|e-mail|e_mail|e mail" we follow
// dbt-ga4 and treat it as an unanchored regex; "Medium = affiliate" is an exact match.

export interface ChannelInput {
  utmSource: string | null | undefined;
  utmMedium: string | null | undefined;
  utmCampaign: string | null | undefined;
  referrer: string | null | undefined;
  clickIdType: ClickIdType | null | undefined;
  touchpointType?: TouchpointType | null | undefined;
}

// A per-organisation rule checked before the defaults; the first match wins. Every given
// criterion must hold: source and medium equal the resolved source and medium (case and a
// leading "www." ignored), campaignPattern is a substring of the campaign (case ignored).
// An override with no criterion never matches.
export interface ChannelOverride {
  source?: string;
  medium?: string;
  campaignPattern?: string;
  channel: Channel;
}

// The source / medium / campaign the rules classify, as GA4 would report them.
export interface Traffic {
  source: string;
  medium: string;
  campaign: string;
}

interface Facts extends Traffic {
  category: SourceCategory | null;
  paid: boolean;
  shoppingCampaign: boolean;
}

const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const DISPLAY_MEDIA = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const SOCIAL_MEDIA = new Set(['social', 'social-network', 'social-media', 'sm', 'social network', 'social media']);
const VIDEO_MEDIUM = /^(.*video.*)$/;
const REFERRAL_MEDIA = new Set(['referral', 'app', 'link']);
const EMAIL = /email|e-mail|e_mail|e mail/;

const GA4_RULES: readonly { readonly channel: Channel; readonly matches: (t: Facts) => boolean }[] = [
  {
    channel: 'direct',
    matches: (t) => isDirectSource(t.source) && (t.medium === '(none)' || t.medium === '(not set)'),
  },
  { channel: 'cross_network', matches: (t) => t.campaign.includes('cross-network') },
  { channel: 'paid_shopping', matches: (t) => (t.category === 'shopping' || t.shoppingCampaign) && t.paid },
  { channel: 'paid_search', matches: (t) => t.category === 'search' && t.paid },
  { channel: 'paid_social', matches: (t) => t.category === 'social' && t.paid },
  { channel: 'paid_video', matches: (t) => t.category === 'video' && t.paid },
  { channel: 'display', matches: (t) => DISPLAY_MEDIA.has(t.medium) },
  { channel: 'paid_other', matches: (t) => t.paid },
  { channel: 'organic_shopping', matches: (t) => t.category === 'shopping' || t.shoppingCampaign },
  { channel: 'organic_social', matches: (t) => t.category === 'social' || SOCIAL_MEDIA.has(t.medium) },
  { channel: 'organic_video', matches: (t) => t.category === 'video' || VIDEO_MEDIUM.test(t.medium) },
  { channel: 'organic_search', matches: (t) => t.category === 'search' || t.medium === 'organic' },
  { channel: 'referral', matches: (t) => REFERRAL_MEDIA.has(t.medium) },
  { channel: 'email', matches: (t) => EMAIL.test(t.source) || EMAIL.test(t.medium) },
  { channel: 'affiliates', matches: (t) => t.medium === 'affiliate' },
  { channel: 'audio', matches: (t) => t.medium === 'audio' },
  { channel: 'sms', matches: (t) => t.source === 'sms' || t.medium === 'sms' },
  {
    channel: 'mobile_push_notifications',
    matches: (t) =>
      t.medium.endsWith('push') ||
      t.medium.includes('mobile') ||
      t.medium.includes('notification') ||
      t.source === 'firebase',
  },
];

// Touchpoints recorded without any URL (a badge scan, a logged call) still have a channel
// the team agrees on. Types not listed fall through to GA4, which calls them direct.
const UNTRACKED_TOUCHPOINT_CHANNELS: Partial<Record<TouchpointType, Channel>> = {
  event_attended: 'events',
  webinar: 'events',
  referral: 'partner',
  call: 'outbound',
  email_open: 'email',
  email_click: 'email',
  social: 'organic_social',
  ad_click: 'paid_other',
  import: 'unassigned',
};

export function defaultChannel(input: ChannelInput, overrides: readonly ChannelOverride[] = []): Channel {
  const traffic = resolveTraffic(input);
  const override = overrides.find((candidate) => overrideMatches(candidate, traffic));
  if (override !== undefined) return override.channel;
  if (isUntracked(input) && input.touchpointType) {
    const channel = UNTRACKED_TOUCHPOINT_CHANNELS[input.touchpointType];
    if (channel !== undefined) return channel;
  }
  return ga4Channel(traffic);
}

export function ga4Channel(traffic: Traffic): Channel {
  const facts: Facts = {
    ...traffic,
    category: sourceCategory(traffic.source),
    paid: PAID_MEDIUM.test(traffic.medium),
    shoppingCampaign: SHOPPING_CAMPAIGN.test(traffic.campaign),
  };
  return GA4_RULES.find((rule) => rule.matches(facts))?.channel ?? 'unassigned';
}

// Derives source and medium the way GA4 does for a session. Google and Microsoft Ads click
// ids win over manual tags (GA4's default when auto-tagging is on). Otherwise the UTM
// parameters decide, with the click id's platform filling a missing source. Untagged
// visits take the referrer: a search engine becomes "<engine> / organic", any other host
// "<host> / referral". Nothing at all is "(direct) / (none)". The caller drops referrers
// from the organisation's own site before calling; this rule cannot tell them apart.
export function resolveTraffic(input: ChannelInput): Traffic {
  const campaign = lower(input.utmCampaign);
  const utmSource = lower(input.utmSource);
  const utmMedium = lower(input.utmMedium);
  const click = CLICK_IDS.find(({ type }) => type === input.clickIdType);
  if (click !== undefined && SEARCH_AD_CLICK_IDS.has(click.type)) {
    return { source: click.source, medium: 'cpc', campaign };
  }
  if (utmSource !== '' || utmMedium !== '') {
    return {
      source: utmSource || (click?.source ?? '(not set)'),
      medium: utmMedium || (click?.paid ? 'cpc' : '(not set)'),
      campaign,
    };
  }
  if (click !== undefined) return { source: click.source, medium: click.paid ? 'cpc' : 'referral', campaign };
  const host = referrerHost(input.referrer);
  if (host !== null) {
    const brand = brandLabel(host);
    return sourceCategory(brand) === 'search'
      ? { source: brand, medium: 'organic', campaign }
      : { source: host, medium: 'referral', campaign };
  }
  return { source: '(direct)', medium: '(none)', campaign };
}

function isUntracked(input: ChannelInput): boolean {
  return (
    lower(input.utmSource) === '' &&
    lower(input.utmMedium) === '' &&
    (input.clickIdType ?? null) === null &&
    referrerHost(input.referrer) === null
  );
}

function overrideMatches(override: ChannelOverride, traffic: Traffic): boolean {
  const source = withoutWww(lower(override.source));
  const medium = lower(override.medium);
  const pattern = lower(override.campaignPattern);
  if (source === '' && medium === '' && pattern === '') return false;
  return (
    (source === '' || source === withoutWww(traffic.source)) &&
    (medium === '' || medium === traffic.medium) &&
    (pattern === '' || traffic.campaign.includes(pattern))
  );
}

// The referrer's host without "www.", or null when there is no usable referrer. Bare hosts
// ("linkedin.com") are accepted because some form tools strip the scheme.
function referrerHost(referrer: string | null | undefined): string | null {
  const value = referrer?.trim() ?? '';
  if (value === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = withoutWww(host.replace(/\.$/, ''));
  return host === '' ? null : host;
}

// GA4 writes "(direct)"; Universal Analytics' definition said "direct", and hand-made links use both.
function isDirectSource(source: string): boolean {
  return source === '(direct)' || source === 'direct';
}

function withoutWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

function lower(value: string | null | undefined): string {
  return value?.trim().toLowerCase() ?? '';
}
