import { describe, expect, it } from 'vitest';
import { type ChannelInput, type ChannelOverride, defaultChannel, resolveTraffic } from './channel-grouping.ts';
import type { Channel } from './constants.ts';

const NONE: ChannelInput = { utmSource: null, utmMedium: null, utmCampaign: null, referrer: null, clickIdType: null };
const visit = (fields: Partial<ChannelInput>): ChannelInput => ({ ...NONE, ...fields });
const tagged = (utmSource: string | null, utmMedium: string | null, utmCampaign: string | null = null) =>
  visit({ utmSource, utmMedium, utmCampaign });

describe('defaultChannel follows GA4 for tagged traffic', () => {
  it.each<[string, ChannelInput, Channel]>([
    // Direct
    ['(direct) / (none) is Direct', tagged('(direct)', '(none)'), 'direct'],
    ['(direct) / (not set) is Direct', tagged('(direct)', '(not set)'), 'direct'],
    ['(direct) with no medium is Direct', tagged('(direct)', null), 'direct'],
    // Cross-network
    [
      'a campaign containing cross-network is Cross-network',
      tagged('google', 'cpc', 'PMax-Cross-Network-EU'),
      'cross_network',
    ],
    ['cross-network beats a shopping campaign', tagged('amazon', 'cpc', 'cross-network shopping'), 'cross_network'],
    // Paid Shopping
    ['a shopping site with a paid medium is Paid Shopping', tagged('amazon', 'cpc'), 'paid_shopping'],
    [
      'a shopping campaign with a paid medium is Paid Shopping',
      tagged('newsletter-x', 'ppc', 'Summer Shopping'),
      'paid_shopping',
    ],
    ['a campaign starting with shop counts as shopping', tagged('google', 'cpc', 'shop_q3'), 'paid_shopping'],
    ['"eshop" counts as a shopping campaign', tagged('criteo', 'retargeting', 'eshop-retarget'), 'paid_shopping'],
    // Paid Search
    ['google / cpc is Paid Search', tagged('google', 'cpc'), 'paid_search'],
    ['bing / ppc is Paid Search', tagged('bing', 'ppc'), 'paid_search'],
    ['a search host with paid_search is Paid Search', tagged('www.google.co.uk', 'paid_search'), 'paid_search'],
    ['google / retargeting is Paid Search', tagged('google', 'retargeting'), 'paid_search'],
    ['"workshop" is not a shopping campaign', tagged('google', 'cpc', 'Spring Workshop'), 'paid_search'],
    ['any medium containing cp is paid, so google / cpm is Paid Search', tagged('google', 'cpm'), 'paid_search'],
    // Paid Social
    ['facebook / cpc is Paid Social', tagged('facebook', 'cpc'), 'paid_social'],
    ['linkedin / paid_social is Paid Social', tagged('linkedin', 'paid_social'), 'paid_social'],
    ['fb / paid is Paid Social', tagged('fb', 'paid'), 'paid_social'],
    ['a social host with cpc is Paid Social', tagged('m.facebook.com', 'cpc'), 'paid_social'],
    // Paid Video
    ['youtube / cpv is Paid Video', tagged('youtube', 'cpv'), 'paid_video'],
    ['vimeo / paid is Paid Video', tagged('vimeo', 'paid'), 'paid_video'],
    // Display
    ['medium display is Display', tagged('dv360', 'display'), 'display'],
    ['medium banner is Display', tagged('acme-network', 'banner'), 'display'],
    ['medium expandable is Display', tagged('acme-network', 'expandable'), 'display'],
    ['medium interstitial is Display', tagged('acme-network', 'interstitial'), 'display'],
    ['an unknown source with cpm is Display, not Paid Other', tagged('acme-network', 'cpm'), 'display'],
    // Paid Other
    ['an unknown source with cpc is Paid Other', tagged('capterra', 'cpc'), 'paid_other'],
    ['paid media without a source is Paid Other', tagged(null, 'paid-syndication'), 'paid_other'],
    // Organic Shopping
    ['a shopping site without a paid medium is Organic Shopping', tagged('etsy', 'referral'), 'organic_shopping'],
    [
      'a shopping campaign without a paid medium is Organic Shopping',
      tagged('acme', 'banner-free', 'shopping-week'),
      'organic_shopping',
    ],
    // Organic Social
    ['linkedin / social is Organic Social', tagged('linkedin', 'social'), 'organic_social'],
    ['a social source beats medium referral', tagged('lnkd.in', 'referral'), 'organic_social'],
    ['medium sm is Organic Social', tagged('community', 'sm'), 'organic_social'],
    ['medium "social network" is Organic Social', tagged('community', 'social network'), 'organic_social'],
    ['a social source with an email medium is still Organic Social', tagged('twitter', 'email'), 'organic_social'],
    // Organic Video
    ['youtube without a medium is Organic Video', tagged('youtube', null), 'organic_video'],
    ['a medium containing video is Organic Video', tagged('partner-site', 'embedded-video'), 'organic_video'],
    // Organic Search
    ['google / organic is Organic Search', tagged('google', 'organic'), 'organic_search'],
    ['a search source with any unpaid medium is Organic Search', tagged('duckduckgo', 'referral'), 'organic_search'],
    ['medium organic with an unknown source is Organic Search', tagged('startpage-clone', 'organic'), 'organic_search'],
    // Referral
    ['medium referral is Referral', tagged('g2.com', 'referral'), 'referral'],
    ['medium app is Referral', tagged('partner-app', 'app'), 'referral'],
    ['medium link is Referral', tagged('blog', 'link'), 'referral'],
    ['referral beats an email-looking source', tagged('email-digest', 'referral'), 'referral'],
    // Email
    ['medium email is Email', tagged('newsletter', 'email'), 'email'],
    ['medium e-mail is Email', tagged('newsletter', 'e-mail'), 'email'],
    ['medium e_mail is Email', tagged('newsletter', 'e_mail'), 'email'],
    ['medium "e mail" is Email', tagged('newsletter', 'e mail'), 'email'],
    ['a source containing email is Email', tagged('hs_email', 'nurture'), 'email'],
    // Affiliates
    ['medium affiliate is Affiliates', tagged('partnerstack', 'affiliate'), 'affiliates'],
    ['"affiliates" is not the affiliate medium', tagged('partnerstack', 'affiliates'), 'unassigned'],
    // Audio
    ['medium audio is Audio', tagged('spotify', 'audio'), 'audio'],
    // SMS
    ['source sms is SMS', tagged('sms', 'reminder'), 'sms'],
    ['medium sms is SMS', tagged('twilio', 'sms'), 'sms'],
    // Mobile Push Notifications
    ['a medium ending with push is Mobile Push Notifications', tagged('app', 'web-push'), 'mobile_push_notifications'],
    [
      'a medium containing mobile is Mobile Push Notifications',
      tagged('app', 'mobile-alert'),
      'mobile_push_notifications',
    ],
    [
      'a medium containing notification is Mobile Push',
      tagged('app', 'in-app-notification'),
      'mobile_push_notifications',
    ],
    ['source firebase is Mobile Push Notifications', tagged('firebase', 'inbox'), 'mobile_push_notifications'],
    // Unassigned
    ['an unknown source and medium are Unassigned', tagged('acme', 'qr-code'), 'unassigned'],
    ['an unknown source without a medium is Unassigned', tagged('acme', null), 'unassigned'],
    // Case
    ['rules ignore case', tagged('Facebook', 'CPC'), 'paid_social'],
  ])('%s', (_name, input, expected) => {
    expect(defaultChannel(input)).toBe(expected);
  });
});

describe('defaultChannel without UTM parameters', () => {
  it.each<[string, ChannelInput, Channel]>([
    ['nothing at all is Direct', NONE, 'direct'],
    ['a google referrer is Organic Search', visit({ referrer: 'https://www.google.com/' }), 'organic_search'],
    [
      'a country google referrer is Organic Search',
      visit({ referrer: 'https://www.google.de/search?q=crm' }),
      'organic_search',
    ],
    ['a bing referrer is Organic Search', visit({ referrer: 'https://www.bing.com/search?q=baton' }), 'organic_search'],
    ['a yahoo search referrer is Organic Search', visit({ referrer: 'https://search.yahoo.co.jp/' }), 'organic_search'],
    ['a linkedin referrer is Organic Social', visit({ referrer: 'https://www.linkedin.com/feed/' }), 'organic_social'],
    ['a t.co referrer is Organic Social', visit({ referrer: 'https://t.co/abc' }), 'organic_social'],
    [
      'a facebook link-shim referrer is Organic Social',
      visit({ referrer: 'https://l.facebook.com/' }),
      'organic_social',
    ],
    ['a youtube referrer is Organic Video', visit({ referrer: 'https://www.youtube.com/watch?v=1' }), 'organic_video'],
    [
      'a shopping-site referrer is Organic Shopping',
      visit({ referrer: 'https://www.amazon.co.uk/' }),
      'organic_shopping',
    ],
    ['an unknown external referrer is Referral', visit({ referrer: 'https://www.g2.com/products/baton' }), 'referral'],
    ['an app referrer is Referral', visit({ referrer: 'android-app://com.slack' }), 'referral'],
    ['a bare host referrer is read as a host', visit({ referrer: 'linkedin.com' }), 'organic_social'],
    ['an unparseable referrer counts as none', visit({ referrer: 'http://[::1' }), 'direct'],
    ['a blank referrer counts as none', visit({ referrer: '   ' }), 'direct'],
    [
      'UTM parameters win over the referrer',
      visit({ referrer: 'https://www.google.com/', utmMedium: 'email' }),
      'email',
    ],
  ])('%s', (_name, input, expected) => {
    expect(defaultChannel(input)).toBe(expected);
  });
});

describe('defaultChannel with click ids', () => {
  it.each<[string, ChannelInput, Channel]>([
    ['a gclid is Paid Search', visit({ clickIdType: 'gclid' }), 'paid_search'],
    ['a gbraid is Paid Search', visit({ clickIdType: 'gbraid' }), 'paid_search'],
    ['a wbraid is Paid Search', visit({ clickIdType: 'wbraid' }), 'paid_search'],
    ['an msclkid is Paid Search', visit({ clickIdType: 'msclkid' }), 'paid_search'],
    [
      'a gclid wins over manual tags',
      visit({ clickIdType: 'gclid', utmSource: 'newsletter', utmMedium: 'email' }),
      'paid_search',
    ],
    [
      'a gclid wins over the referrer',
      visit({ clickIdType: 'gclid', referrer: 'https://www.facebook.com/' }),
      'paid_search',
    ],
    [
      'a gclid on a cross-network campaign is Cross-network',
      visit({ clickIdType: 'gclid', utmCampaign: 'pmax cross-network' }),
      'cross_network',
    ],
    [
      'a gclid on a shopping campaign is Paid Shopping',
      visit({ clickIdType: 'gclid', utmCampaign: 'Shopping - All' }),
      'paid_shopping',
    ],
    ['an fbclid alone is Organic Social', visit({ clickIdType: 'fbclid' }), 'organic_social'],
    ['an fbclid with a paid medium is Paid Social', visit({ clickIdType: 'fbclid', utmMedium: 'paid' }), 'paid_social'],
    [
      'an fbclid with facebook / cpc is Paid Social',
      visit({ clickIdType: 'fbclid', utmSource: 'facebook', utmMedium: 'cpc' }),
      'paid_social',
    ],
    [
      'an fbclid with an email medium is Email',
      visit({ clickIdType: 'fbclid', utmSource: 'newsletter', utmMedium: 'email' }),
      'email',
    ],
    ['an li_fat_id alone is Paid Social', visit({ clickIdType: 'li_fat_id' }), 'paid_social'],
    ['a ttclid alone is Paid Social', visit({ clickIdType: 'ttclid' }), 'paid_social'],
  ])('%s', (_name, input, expected) => {
    expect(defaultChannel(input)).toBe(expected);
  });
});

describe('defaultChannel for touchpoints that carry no URL', () => {
  it.each<[string, ChannelInput, Channel]>([
    ['an attended event is Events', visit({ touchpointType: 'event_attended' }), 'events'],
    ['a webinar is Events', visit({ touchpointType: 'webinar' }), 'events'],
    ['a referral touchpoint is Partner', visit({ touchpointType: 'referral' }), 'partner'],
    ['a call is Outbound', visit({ touchpointType: 'call' }), 'outbound'],
    ['an e-mail click is Email', visit({ touchpointType: 'email_click' }), 'email'],
    ['an imported touchpoint is Unassigned', visit({ touchpointType: 'import' }), 'unassigned'],
    ['a form fill with nothing else is Direct', visit({ touchpointType: 'form_fill' }), 'direct'],
    [
      'a campaign name alone does not hide the event',
      visit({ touchpointType: 'event_attended', utmCampaign: 'Summit' }),
      'events',
    ],
    [
      'an event with UTM parameters follows GA4',
      visit({ touchpointType: 'event_attended', utmSource: 'linkedin', utmMedium: 'cpc' }),
      'paid_social',
    ],
    [
      'an event with a referrer follows GA4',
      visit({ touchpointType: 'event_attended', referrer: 'https://google.com/' }),
      'organic_search',
    ],
    [
      'an event with a click id follows GA4',
      visit({ touchpointType: 'event_attended', clickIdType: 'gclid' }),
      'paid_search',
    ],
  ])('%s', (_name, input, expected) => {
    expect(defaultChannel(input)).toBe(expected);
  });
});

describe('defaultChannel with organisation overrides', () => {
  const overrides: readonly ChannelOverride[] = [
    { source: 'Partner-Portal', channel: 'partner' },
    { source: 'google', medium: 'cpc', campaignPattern: 'BRAND', channel: 'organic_search' },
    { medium: 'event', channel: 'events' },
    { campaignPattern: 'outbound-seq', channel: 'outbound' },
    { source: 'linkedin.com', channel: 'outbound' },
    { channel: 'other' },
    { source: '  ', medium: '', campaignPattern: '', channel: 'other' },
    { source: 'www.reseller.example', channel: 'partner' },
  ];

  it.each<[string, ChannelInput, Channel]>([
    ['an override on source wins over GA4, without case', tagged('partner-portal', 'referral'), 'partner'],
    ['every criterion of an override must hold', tagged('google', 'cpc', 'Brand - Exact'), 'organic_search'],
    ['an override that only partly matches is skipped', tagged('google', 'cpc', 'Generic'), 'paid_search'],
    ['an override on medium alone', tagged('eventbrite', 'event'), 'events'],
    ['a campaign pattern is a substring without case', tagged('apollo', 'email', 'Q3-OUTBOUND-SEQ-2'), 'outbound'],
    ['the first matching override wins', tagged('partner-portal', 'event'), 'partner'],
    [
      'overrides see the source GA4 derives from a referrer',
      visit({ referrer: 'https://www.linkedin.com/' }),
      'outbound',
    ],
    ['a source override compares whole values, not brands', tagged('linkedin', 'social'), 'organic_social'],
    ['overrides ignore a leading www', visit({ referrer: 'https://reseller.example/deal' }), 'partner'],
    [
      'overrides run before the touchpoint defaults',
      visit({ touchpointType: 'webinar', utmMedium: 'event' }),
      'events',
    ],
    ['an override without criteria never matches', tagged('acme', 'qr-code'), 'unassigned'],
    ['with no match the GA4 rules apply', tagged('facebook', 'cpc'), 'paid_social'],
  ])('%s', (_name, input, expected) => {
    expect(defaultChannel(input, overrides)).toBe(expected);
  });
});

describe('resolveTraffic', () => {
  it.each<[string, ChannelInput, ReturnType<typeof resolveTraffic>]>([
    ['reports nothing as (direct) / (none)', NONE, { source: '(direct)', medium: '(none)', campaign: '' }],
    [
      'names a search engine by its brand',
      visit({ referrer: 'https://www.google.co.uk/' }),
      { source: 'google', medium: 'organic', campaign: '' },
    ],
    [
      'names any other referrer by its host',
      visit({ referrer: 'https://www.g2.com/x' }),
      { source: 'g2.com', medium: 'referral', campaign: '' },
    ],
    [
      'fills a missing medium with (not set)',
      tagged('Acme', null, 'Q3'),
      { source: 'acme', medium: '(not set)', campaign: 'q3' },
    ],
    ['maps msclkid to bing / cpc', visit({ clickIdType: 'msclkid' }), { source: 'bing', medium: 'cpc', campaign: '' }],
  ])('%s', (_name, input, expected) => {
    expect(resolveTraffic(input)).toEqual(expected);
  });
});
