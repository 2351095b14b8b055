import { CLICK_IDS, type ClickIdType } from './known-hosts.ts';

export type { ClickIdType } from './known-hosts.ts';

// Campaign parameters of one landing URL or form. Absent and blank values are null.
// source and medium are lower-cased because every channel rule compares them without case;
// campaign, term and content keep the case the marketer typed.
export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  clickId: string | null;
  clickIdType: ClickIdType | null;
}

export const EMPTY_UTM: Readonly<Utm> = {
  source: null,
  medium: null,
  campaign: null,
  term: null,
  content: null,
  clickId: null,
  clickIdType: null,
};

// Only used to resolve relative URLs such as "/pricing?utm_source=x"; it never appears in a result.
const RELATIVE_BASE = 'https://relative.invalid/';

// Never throws: a missing or unparseable URL yields EMPTY_UTM. Parameter names are matched
// without case; the first non-blank value of a repeated parameter wins; `+` and
// %-escapes are decoded as in a form submission.
export function parseUtm(url: string | null | undefined): Utm {
  if (url === null || url === undefined || url.trim() === '') return { ...EMPTY_UTM };
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), RELATIVE_BASE);
  } catch {
    return { ...EMPTY_UTM };
  }
  const params = lowerCaseKeys(parsed.searchParams);
  // Single-page apps with hash routing carry their query after the '#': "/#/demo?utm_source=x".
  const hashQuery = parsed.hash.indexOf('?');
  if (hashQuery >= 0) {
    for (const [key, values] of lowerCaseKeys(new URLSearchParams(parsed.hash.slice(hashQuery + 1)))) {
      if (!params.has(key)) params.set(key, values);
    }
  }
  const first = (name: string): string | null => {
    for (const value of params.get(name) ?? []) {
      const trimmed = value.trim();
      if (trimmed !== '') return trimmed;
    }
    return null;
  };
  const click = CLICK_IDS.map(({ type }) => ({ type, id: first(type) })).find(({ id }) => id !== null);
  return {
    source: first('utm_source')?.toLowerCase() ?? null,
    medium: first('utm_medium')?.toLowerCase() ?? null,
    campaign: first('utm_campaign'),
    term: first('utm_term'),
    content: first('utm_content'),
    clickId: click?.id ?? null,
    clickIdType: click?.type ?? null,
  };
}

// Explicit values (hidden form fields, API input) win field by field over the values parsed
// from the landing URL; a blank explicit value counts as absent. The click id and its type
// travel together, so a form never pairs its id with the URL's type.
export function mergeUtm(explicit: Partial<Utm> | null | undefined, fromUrl: Utm): Utm {
  if (explicit === null || explicit === undefined) return fromUrl;
  const source = clean(explicit.source)?.toLowerCase() ?? null;
  const medium = clean(explicit.medium)?.toLowerCase() ?? null;
  const clickId = clean(explicit.clickId);
  const hasClick = clickId !== null && explicit.clickIdType !== null && explicit.clickIdType !== undefined;
  return {
    source: source ?? fromUrl.source,
    medium: medium ?? fromUrl.medium,
    campaign: clean(explicit.campaign) ?? fromUrl.campaign,
    term: clean(explicit.term) ?? fromUrl.term,
    content: clean(explicit.content) ?? fromUrl.content,
    clickId: hasClick ? clickId : fromUrl.clickId,
    clickIdType: hasClick ? (explicit.clickIdType ?? null) : fromUrl.clickIdType,
  };
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function lowerCaseKeys(params: URLSearchParams): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of params) {
    const name = key.trim().toLowerCase();
    const values = byKey.get(name);
    if (values === undefined) byKey.set(name, [value]);
    else values.push(value);
  }
  return byKey;
}
