import { describe, expect, it } from 'vitest';
import type { CustomFieldType } from '../lifecycle/constants.ts';
import { checkFormDefinition, readSubmission, textOf } from './form-rules.ts';
import { renderMessagePage, renderSnippet } from './form-snippet.ts';
import type { Form, FormField } from './forms.schema.ts';

const field = (overrides: Partial<FormField> & Pick<FormField, 'name' | 'mapsTo'>): FormField => ({
  label: overrides.name,
  type: 'text',
  required: false,
  ...overrides,
});
const EMAIL = field({ name: 'email', type: 'email', required: true, mapsTo: 'email' });
const CUSTOM = new Map<string, CustomFieldType>([
  ['seats', 'number'],
  ['opt_in', 'boolean'],
  ['source_note', 'text'],
]);

describe('checkFormDefinition', () => {
  it.each<[string, FormField[], string | null, string]>([
    ['no identity field', [field({ name: 'first', mapsTo: 'firstName' })], null, 'fields'],
    ['a repeated name, case ignored', [EMAIL, field({ name: 'Email', mapsTo: 'title' })], null, 'fields.1.name'],
    ['a repeated target', [EMAIL, field({ name: 'mail', mapsTo: 'email' })], null, 'fields.1.mapsTo'],
    ['a tracking name', [EMAIL, field({ name: 'page_url', mapsTo: 'title' })], null, 'fields.1.name'],
    ['the honeypot name', [EMAIL, field({ name: 'website', mapsTo: 'title' })], 'website', 'fields.1.name'],
    ['an unknown custom field', [EMAIL, field({ name: 'x', mapsTo: 'custom.nope' })], null, 'fields.1.mapsTo'],
    [
      'a checkbox on a text field',
      [EMAIL, field({ name: 'x', type: 'checkbox', mapsTo: 'custom.source_note' })],
      null,
      'fields.1.type',
    ],
    [
      'a select without options',
      [EMAIL, field({ name: 'x', type: 'select', mapsTo: 'title' })],
      null,
      'fields.1.options',
    ],
    [
      'an e-mail input on a lead field',
      [EMAIL, field({ name: 'x', type: 'email', mapsTo: 'title' })],
      null,
      'fields.1.mapsTo',
    ],
    ['a tracking honeypot', [EMAIL], 'utm_source', 'honeypotField'],
  ])('refuses %s', (_name, fields, honeypot, at) => {
    expect(checkFormDefinition(fields, honeypot, CUSTOM)?.field).toBe(at);
  });

  it('accepts a form that can recognise the person', () => {
    const fields = [
      field({ name: 'phone', type: 'tel', mapsTo: 'phone' }),
      field({ name: 'opt_in', type: 'checkbox', mapsTo: 'custom.opt_in' }),
      field({ name: 'plan', type: 'select', mapsTo: 'title', options: ['A', 'B'] }),
    ];
    expect(checkFormDefinition(fields, 'website', CUSTOM)).toBeNull();
  });
});

describe('textOf', () => {
  it.each<[unknown, string | null]>([
    ['  x ', 'x'],
    ['   ', null],
    [['', ' b ', 'c'], 'b'],
    [42, '42'],
    [false, 'false'],
    [Buffer.from('file'), null],
    [undefined, null],
  ])('reads %j as %j', (value, expected) => {
    expect(textOf(value)).toBe(expected);
  });
});

describe('readSubmission', () => {
  const fields = [
    EMAIL,
    field({ name: 'seats', mapsTo: 'custom.seats' }),
    field({ name: 'opt_in', type: 'checkbox', mapsTo: 'custom.opt_in' }),
    field({ name: 'plan', type: 'select', mapsTo: 'title', options: ['Starter', 'Pro'] }),
  ];

  it('maps inputs to lead and typed custom fields, and tracking from hidden inputs or the Referer', () => {
    const reading = readSubmission(
      fields,
      {
        email: ' ana@acme.io ',
        seats: '1,5',
        opt_in: 'on',
        plan: 'Pro',
        utm_source: 'Google',
        referrer: 'https://bing.com/',
      },
      'https://acme.io/demo?utm_medium=cpc',
      CUSTOM,
    );
    expect(reading).toEqual({
      item: {
        lead: { email: 'ana@acme.io', title: 'Pro', custom: { seats: 1.5, opt_in: true } },
        touchpoint: {
          type: 'form_fill',
          url: 'https://acme.io/demo?utm_medium=cpc',
          referrer: 'https://bing.com/',
          utmSource: 'Google',
          utmMedium: null,
          utmCampaign: null,
          utmTerm: null,
          utmContent: null,
        },
      },
    });
  });

  it('prefers the hidden page_url over the Referer header and records an unticked box as false', () => {
    const reading = readSubmission(
      fields,
      { email: 'a@acme.io', page_url: 'https://acme.io/x' },
      'https://acme.io/',
      CUSTOM,
    );
    expect(reading).toMatchObject({
      item: { lead: { custom: { opt_in: false } }, touchpoint: { url: 'https://acme.io/x' } },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing required input', { seats: '3' }, 'email'],
    ['an invalid e-mail', { email: 'ana@' }, 'email'],
    ['a number that is not one', { email: 'a@acme.io', seats: 'lots' }, 'seats'],
    ['a choice not offered', { email: 'a@acme.io', plan: 'Enterprise' }, 'plan'],
  ])('names the input for %s', (_name, submission, input) => {
    const reading = readSubmission(fields, submission, null, CUSTOM);
    expect(reading).toEqual({ problem: { field: input, message: expect.stringMatching(new RegExp(`^${input}: `)) } });
  });

  it('asks for a way to recognise the person when every identity input is empty', () => {
    const optional = [field({ name: 'mail', type: 'email', mapsTo: 'email', label: 'E-mail' })];
    expect(readSubmission(optional, {}, null, CUSTOM)).toEqual({
      problem: { field: 'mail', message: 'mail: give E-mail' },
    });
  });
});

describe('snippet and pages', () => {
  const form: Form = {
    id: '0190d1a2-0000-7000-8000-000000000000',
    key: 'abcDEF123_-xyzabcDEF123_',
    name: 'Demo <request>',
    fields: [field({ name: 'email', type: 'email', required: true, mapsTo: 'email', label: '<b>E-mail</b>' })],
    campaignId: null,
    redirectUrl: null,
    honeypotField: 'website',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('escapes what people typed into labels and names', () => {
    const html = renderSnippet(form, 'https://baton.example.com/');
    expect(html).toContain('action="https://baton.example.com/f/abcDEF123_-xyzabcDEF123_"');
    expect(html).toContain('&lt;b&gt;E-mail&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Demo &lt;request&gt;');
  });

  it('links back only to an http(s) page', () => {
    expect(renderMessagePage('T', '<x>', 'https://acme.io/a?b="c"')).toContain(
      'href="https://acme.io/a?b=&quot;c&quot;"',
    );
    expect(renderMessagePage('T', '<x>', 'javascript:alert(1)')).not.toContain('href');
    expect(renderMessagePage('T', '<x>', null)).toContain('&lt;x&gt;');
  });
});
