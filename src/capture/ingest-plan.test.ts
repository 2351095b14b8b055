import { describe, expect, it } from 'vitest';
import type { AccountId, CampaignId } from '../shared/ids.ts';
import type { IngestItem } from './ingest.schema.ts';
import { INGEST_LOCK_BUCKETS, lockBuckets, lockNamesOf, planIngest, sameSite } from './ingest-plan.ts';

const NOW = new Date('2026-03-02T12:00:00Z');
const item = (lead: IngestItem['lead'], touchpoint: Partial<IngestItem['touchpoint']> = {}): IngestItem => ({
  lead,
  touchpoint: { type: 'form_fill', ...touchpoint },
});

describe('planIngest', () => {
  it.each<[string, IngestItem, string]>([
    ['no e-mail, phone or external id', item({ firstName: 'Ana' }), 'lead.email'],
    ['an e-mail no provider rule can read', item({ email: '"quoted"@acme.io' }), 'lead.email'],
    ['only a phone that cannot be read', item({ phone: '555 0100' }), 'lead.phone'],
    [
      'a touch in the future',
      item({ email: 'a@acme.io' }, { occurredAt: '2026-03-02T12:00:01Z' }),
      'touchpoint.occurredAt',
    ],
  ])('refuses %s, naming %s', (_name, input, field) => {
    expect(() => planIngest(input, NOW)).toThrowError(expect.objectContaining({ field }));
  });

  it.each<[string, IngestItem]>([
    ['an unreadable phone next to an e-mail', item({ email: 'a@acme.io', phone: '555 0100' })],
    ['an external id alone', item({ externalId: 'crm-1' })],
    ['a national phone with its country', item({ phone: '030 1234567', country: 'DE' })],
    ['a touch exactly now', item({ email: 'a@acme.io' }, { occurredAt: NOW.toISOString() })],
  ])('accepts %s', (_name, input) => {
    expect(() => planIngest(input, NOW)).not.toThrow();
  });

  it('derives the identity, account domain and UTM values, explicit fields winning over the URL', () => {
    const plan = planIngest(
      item(
        { email: ' Ana.Lima+x@GMAIL.com ', phone: '+49 (0)30 1234567', company: 'Acme' },
        {
          url: 'https://acme.io/demo?utm_source=google&utm_medium=cpc&utm_campaign=q3-demo&gclid=G1',
          utmCampaign: 'Q3 Override',
        },
      ),
      NOW,
    );
    expect(plan.lead).toMatchObject({
      emailNormalized: 'analima@gmail.com',
      phoneNormalized: '+49301234567',
      domain: null,
      company: 'Acme',
    });
    expect(plan.touch.utm).toMatchObject({
      source: 'google',
      medium: 'cpc',
      campaign: 'Q3 Override',
      clickIdType: 'gclid',
    });
    expect(plan.touch.occurredAt).toEqual(NOW);
    expect(plan.lockNames).toEqual(['email:analima@gmail.com', 'phone:+49301234567']);
  });

  it('locks the campaign and account an arrival would create, not those it only joins', () => {
    const plan = planIngest(item({ email: 'ana@acme.io' }, { utmCampaign: 'Q3 Launch' }), NOW);
    const none = { campaignId: null, accountId: null };
    expect(lockNamesOf(plan, none)).toEqual(['email:ana@acme.io', 'campaign:q3 launch', 'domain:acme.io']);
    const campaignId = 'cmp_1' as CampaignId;
    const accountId = 'acc_1' as AccountId;
    expect(lockNamesOf(plan, { campaignId, accountId: null })).toEqual(['email:ana@acme.io', 'domain:acme.io']);
    expect(lockNamesOf(plan, { campaignId, accountId })).toEqual(['email:ana@acme.io']);
  });

  it('drops a referrer from the landing page own site from what the channel rules see', () => {
    const own = planIngest(
      item({ email: 'a@acme.io' }, { url: 'https://www.acme.io/x', referrer: 'https://acme.io/' }),
      NOW,
    );
    const other = planIngest(
      item({ email: 'a@acme.io' }, { url: 'https://acme.io/x', referrer: 'https://bing.com/' }),
      NOW,
    );
    expect(own.touch.channelInput.referrer).toBeNull();
    expect(own.touch.referrer).toBe('https://acme.io/');
    expect(other.touch.channelInput.referrer).toBe('https://bing.com/');
    expect(own.lead.domain).toBe('acme.io');
  });
});

describe('sameSite', () => {
  it.each<[string | null, string | null, boolean]>([
    ['https://acme.io/a', 'https://acme.io/b', true],
    ['https://www.acme.io/a', 'http://acme.io/', true],
    ['https://acme.io/a', 'https://shop.acme.io/', false],
    ['https://acme.io/a', 'https://google.com/', false],
    [null, 'https://acme.io/', false],
    ['/relative', '/relative', false],
  ])('%s and %s: %s', (url, referrer, expected) => {
    expect(sameSite(url, referrer)).toBe(expected);
  });
});

describe('lockBuckets', () => {
  it('maps names to sorted, distinct buckets in range, the same way every time', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `email:p${i}@x.example`);
    const buckets = lockBuckets(names);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(new Set(buckets).size).toBe(buckets.length);
    expect(buckets.length).toBeLessThanOrEqual(INGEST_LOCK_BUCKETS);
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...buckets)).toBeLessThan(INGEST_LOCK_BUCKETS);
    expect(lockBuckets(['email:a@b.example'])).toEqual(lockBuckets(['email:a@b.example', 'email:a@b.example']));
    expect(lockBuckets([])).toEqual([]);
  });
});
