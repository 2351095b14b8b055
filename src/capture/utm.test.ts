import { describe, expect, it } from 'vitest';
import { EMPTY_UTM, mergeUtm, parseUtm, type Utm } from './utm.ts';

const utm = (fields: Partial<Utm>): Utm => ({ ...EMPTY_UTM, ...fields });

describe('parseUtm', () => {
  it.each<[string, string | null | undefined, Utm]>([
    [
      'reads all five UTM parameters',
      'https://baton.dev/demo?utm_source=Google&utm_medium=CPC&utm_campaign=Spring_Launch&utm_term=CRM%20Tool&utm_content=Hero-A',
      utm({ source: 'google', medium: 'cpc', campaign: 'Spring_Launch', term: 'CRM Tool', content: 'Hero-A' }),
    ],
    [
      'decodes + and %-escapes',
      'https://baton.dev/?utm_source=news%2Fletter&utm_campaign=Spring+Launch%202024',
      utm({ source: 'news/letter', campaign: 'Spring Launch 2024' }),
    ],
    [
      'trims every value and lower-cases only source and medium',
      'https://baton.dev/?utm_source=+LinkedIn+&utm_medium=%20Paid_Social%20&utm_campaign=%20Q3+ABM%20',
      utm({ source: 'linkedin', medium: 'paid_social', campaign: 'Q3 ABM' }),
    ],
    ['treats blank values as absent', 'https://baton.dev/?utm_source=&utm_medium=%20%20', EMPTY_UTM],
    [
      'keeps the first non-blank value of a repeated parameter',
      'https://baton.dev/?utm_source=&utm_source=bing&utm_source=google',
      utm({ source: 'bing' }),
    ],
    [
      'matches parameter names without case',
      'https://baton.dev/?UTM_SOURCE=Facebook&Utm_Medium=Social',
      utm({ source: 'facebook', medium: 'social' }),
    ],
    [
      'reads a relative URL',
      '/pricing?utm_source=partner&utm_medium=referral',
      utm({ source: 'partner', medium: 'referral' }),
    ],
    [
      'reads the query of a hash-routed page',
      'https://baton.dev/#/demo?utm_source=twitter&utm_medium=social',
      utm({ source: 'twitter', medium: 'social' }),
    ],
    [
      'prefers the real query over the hash query',
      'https://baton.dev/?utm_source=google#/x?utm_source=bing&utm_medium=cpc',
      utm({ source: 'google', medium: 'cpc' }),
    ],
    ['survives a malformed %-escape', 'https://baton.dev/?utm_campaign=100%25%zz', utm({ campaign: '100%%zz' })],
    ['returns empties for null', null, EMPTY_UTM],
    ['returns empties for undefined', undefined, EMPTY_UTM],
    ['returns empties for an empty string', '   ', EMPTY_UTM],
    ['returns empties for text that is not a URL', 'not a url at all', EMPTY_UTM],
    ['returns empties for a URL that cannot be parsed', 'http://[::1', EMPTY_UTM],
    ['returns empties for a URL without parameters', 'https://baton.dev/pricing', EMPTY_UTM],
  ])('%s', (_name, url, expected) => {
    expect(parseUtm(url)).toEqual(expected);
  });

  it.each([
    ['gclid', 'https://baton.dev/?gclid=Cj0KCQ'],
    ['gbraid', 'https://baton.dev/?gbraid=0AAAAA'],
    ['wbraid', 'https://baton.dev/?wbraid=CjkKCQ'],
    ['msclkid', 'https://baton.dev/?msclkid=abc123'],
    ['li_fat_id', 'https://baton.dev/?li_fat_id=1234-abcd'],
    ['ttclid', 'https://baton.dev/?ttclid=E.C.P.xyz'],
    ['fbclid', 'https://baton.dev/?fbclid=IwAR0xyz'],
  ] as const)('reads a %s click id with its type', (type, url) => {
    const parsed = parseUtm(url);
    expect(parsed.clickIdType).toBe(type);
    expect(parsed.clickId).toBe(new URL(url).searchParams.get(type));
  });

  it('keeps the click id that is the strongest paid evidence when several are present', () => {
    expect(parseUtm('https://baton.dev/?fbclid=F1&gclid=G1&msclkid=M1')).toMatchObject({
      clickId: 'G1',
      clickIdType: 'gclid',
    });
  });

  it('keeps the case of click ids, which are opaque tokens', () => {
    expect(parseUtm('https://baton.dev/?gclid=%20AbC-dEf%20').clickId).toBe('AbC-dEf');
  });

  it('returns a fresh object each time, so callers cannot corrupt the empty value', () => {
    const first = parseUtm(null);
    first.source = 'mutated';
    expect(parseUtm(null).source).toBeNull();
  });
});

describe('mergeUtm', () => {
  const fromUrl = utm({
    source: 'google',
    medium: 'cpc',
    campaign: 'Brand',
    term: 'crm',
    content: 'ad-1',
    clickId: 'G1',
    clickIdType: 'gclid',
  });

  it.each<[string, Partial<Utm> | null | undefined, Utm]>([
    ['keeps the URL values when there are no explicit values', null, fromUrl],
    ['keeps the URL values when explicit values are undefined', undefined, fromUrl],
    [
      'lets explicit hidden-field values win field by field',
      { source: 'LinkedIn', campaign: 'ABM Q3' },
      { ...fromUrl, source: 'linkedin', campaign: 'ABM Q3' },
    ],
    ['ignores blank explicit values', { source: '  ', medium: '', campaign: null }, fromUrl],
    [
      'trims explicit values and lower-cases source and medium',
      { medium: ' Paid_Social ', term: ' Pipeline ' },
      { ...fromUrl, medium: 'paid_social', term: 'Pipeline' },
    ],
    [
      'takes the explicit click id together with its type',
      { clickId: 'F9', clickIdType: 'fbclid' },
      { ...fromUrl, clickId: 'F9', clickIdType: 'fbclid' },
    ],
    ['ignores an explicit click id without a type', { clickId: 'F9' }, fromUrl],
  ])('%s', (_name, explicit, expected) => {
    expect(mergeUtm(explicit, fromUrl)).toEqual(expected);
  });

  it('fills values the URL lacks', () => {
    expect(mergeUtm({ source: 'webinar-tool', medium: 'email' }, EMPTY_UTM)).toEqual(
      utm({ source: 'webinar-tool', medium: 'email' }),
    );
  });
});
