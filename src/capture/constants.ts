export const TOUCHPOINT_TYPES = [
  'form_fill',
  'ad_click',
  'email_open',
  'email_click',
  'event_attended',
  'web_visit',
  'content_download',
  'chat',
  'webinar',
  'call',
  'social',
  'referral',
  'import',
] as const;
export type TouchpointType = (typeof TOUCHPOINT_TYPES)[number];

export const CHANNELS = [
  'organic_search',
  'paid_search',
  'paid_social',
  'organic_social',
  'email',
  'referral',
  'display',
  'affiliates',
  'direct',
  'events',
  'partner',
  'outbound',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];
