// Embedded lists of well-known sites and providers used by the capture rules. They are
// deliberately short: the well-known names, not a copy of anyone's full database.

// Click ids that ad platforms append to landing URLs, strongest evidence first: when a URL
// carries several, the first one listed here is the one kept. `source` is what GA4 reports
// as the session source for that platform; `paid` says whether the id proves an ad click
// (fbclid is appended to every outbound Facebook link, organic posts included).
export const CLICK_IDS = [
  { type: 'gclid', source: 'google', paid: true },
  { type: 'gbraid', source: 'google', paid: true },
  { type: 'wbraid', source: 'google', paid: true },
  { type: 'msclkid', source: 'bing', paid: true },
  { type: 'li_fat_id', source: 'linkedin', paid: true },
  { type: 'ttclid', source: 'tiktok', paid: true },
  { type: 'fbclid', source: 'facebook', paid: false },
] as const;
export type ClickIdType = (typeof CLICK_IDS)[number]['type'];

// Click ids that GA4 attributes to a search engine's ad network (Google Ads, Microsoft Ads).
export const SEARCH_AD_CLICK_IDS: ReadonlySet<ClickIdType> = new Set(['gclid', 'gbraid', 'wbraid', 'msclkid']);

export type SourceCategory = 'search' | 'social' | 'video' | 'shopping';

// Names as they appear in utm_source ("google", "fb") and as the brand label of a host
// ("www.google.co.uk" → "google"). Chosen from GA4's source-category list
// (SOURCE_CATEGORY_SEARCH/SOCIAL/VIDEO/SHOPPING, as transcribed in Velir/dbt-ga4,
// seeds/ga4_source_categories.csv), keeping the categories GA4 gives them.
const NAMES: Readonly<Record<SourceCategory, readonly string[]>> = {
  search: [
    'google',
    'bing',
    'yahoo',
    'duckduckgo',
    'baidu',
    'yandex',
    'ecosia',
    'naver',
    'daum',
    'seznam',
    'qwant',
    'sogou',
    'ask',
    'aol',
    'msn',
    'startpage',
    'brave',
    'kagi',
    'dogpile',
    'lycos',
    'excite',
    'rambler',
    'onet',
    'startsiden',
  ],
  social: [
    'facebook',
    'fb',
    'instagram',
    'ig',
    'linkedin',
    'lnkd',
    'twitter',
    'x',
    'threads',
    'bluesky',
    'bsky',
    'mastodon',
    'reddit',
    'pinterest',
    'tiktok',
    'snapchat',
    'quora',
    'tumblr',
    'medium',
    'messenger',
    'whatsapp',
    'telegram',
    'discord',
    'line',
    'wechat',
    'weibo',
    'vk',
    'xing',
    'meetup',
    'stackoverflow',
    'stackexchange',
    'slideshare',
    'glassdoor',
    'yelp',
    'tripadvisor',
    'flickr',
    'hootsuite',
    'tinyurl',
  ],
  video: ['youtube', 'vimeo', 'twitch', 'dailymotion', 'wistia', 'ted', 'netflix', 'hulu', 'youku', 'iqiyi'],
  shopping: [
    'amazon',
    'ebay',
    'etsy',
    'shopify',
    'alibaba',
    'aliexpress',
    'walmart',
    'mercadolibre',
    'stripe',
    'igshopping',
  ],
};

// Hosts whose category differs from their brand's, or whose brand label is too short or
// too generic to list as a name. Matched on the host or any subdomain of it.
const HOSTS: readonly (readonly [string, SourceCategory])[] = [
  ['t.co', 'social'],
  ['t.me', 'social'],
  ['bit.ly', 'social'],
  ['redd.it', 'social'],
  ['pin.it', 'social'],
  ['news.ycombinator.com', 'social'],
  ['groups.google.com', 'social'],
  ['sites.google.com', 'social'],
  ['answers.yahoo.com', 'social'],
  ['youtu.be', 'video'],
  ['shopping.google.com', 'shopping'],
  ['shopping.yahoo.com', 'shopping'],
  ['shopping.naver.com', 'shopping'],
  ['so.com', 'search'],
  ['360.cn', 'search'],
  ['go.mail.ru', 'search'],
];

const CATEGORY_BY_NAME: ReadonlyMap<string, SourceCategory> = new Map(
  (Object.entries(NAMES) as [SourceCategory, readonly string[]][]).flatMap(([category, names]) =>
    names.map((name) => [name, category] as const),
  ),
);

// Second-level labels under a two-letter country code that are not the brand:
// "google.co.uk", "amazon.com.br", "biglobe.ne.jp".
const COUNTRY_SECOND_LEVELS = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob']);

// The label that names the site: "search.yahoo.co.jp" → "yahoo". A heuristic, not the
// Public Suffix List, which is good enough for telling famous brands apart.
export function brandLabel(host: string): string {
  const labels = host.split('.').filter((label) => label !== '');
  const last = labels.at(-1) ?? '';
  const secondLast = labels.at(-2);
  if (labels.length >= 3 && last.length === 2 && secondLast !== undefined && COUNTRY_SECOND_LEVELS.has(secondLast)) {
    return labels.at(-3) ?? '';
  }
  return secondLast ?? last;
}

// Which of GA4's source categories a source belongs to. The source may be a bare name
// ("linkedin"), a host ("l.facebook.com") or a host with a www prefix; case is ignored.
export function sourceCategory(source: string): SourceCategory | null {
  const value = source.trim().toLowerCase();
  if (value === '') return null;
  for (const [host, category] of HOSTS) {
    if (value === host || value.endsWith(`.${host}`)) return category;
  }
  const byName = CATEGORY_BY_NAME.get(value);
  if (byName !== undefined) return byName;
  if (!value.includes('.')) return null;
  return CATEGORY_BY_NAME.get(brandLabel(value)) ?? null;
}

// Free-mail and disposable-mail domains. Disposable providers are here too because they
// never identify a company either.
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'passport.com',
  'aol.com',
  'aim.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'protonmail.ch',
  'proton.me',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'gmx.at',
  'gmx.ch',
  'web.de',
  'freenet.de',
  't-online.de',
  'mail.com',
  'email.com',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'yandex.ru',
  'yandex.com',
  'ya.ru',
  'rambler.ru',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sohu.com',
  'aliyun.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'zoho.com',
  'zohomail.com',
  'fastmail.com',
  'fastmail.fm',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tuta.com',
  'hushmail.com',
  'mailbox.org',
  'posteo.de',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'onet.pl',
  'libero.it',
  'virgilio.it',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'juno.com',
  'rediffmail.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'bigpond.com',
  'optusnet.com.au',
  'xtra.co.nz',
  'mailinator.com',
  'guerrillamail.com',
  'sharklasers.com',
  '10minutemail.com',
  'temp-mail.org',
  'yopmail.com',
  'trashmail.com',
  'getnada.com',
]);

// Providers that run the same free service under many country domains: yahoo.co.uk,
// hotmail.fr, live.com.au, gmx.ch, yandex.kz.
export const FREE_MAIL_COUNTRY_VARIANT =
  /^(yahoo|ymail|hotmail|outlook|live|windowslive|aol|gmx|yandex)\.((co|com)\.)?[a-z]{2}$/;
