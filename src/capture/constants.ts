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
  // The rest of GA4's default channel groups (see channel-grouping.ts).
  'cross_network',
  'paid_shopping',
  'paid_video',
  'paid_other',
  'organic_shopping',
  'organic_video',
  'audio',
  'sms',
  'mobile_push_notifications',
  'unassigned',
  // Baton's own channels for touchpoints that never carry a URL.
  'events',
  'partner',
  'outbound',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Lead fields a merge fills from the merged lead, or takes from it when asked (merge-fields.ts). */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'companyName',
  'country',
  'accountId',
  'sourceChannel',
  'firstCampaignId',
  'custom',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export const MERGE_SIDES = ['survivor', 'merged'] as const;
export type MergeSide = (typeof MERGE_SIDES)[number];
