import { describe, expect, it } from 'vitest';
import { companyDomain, isFreeMailDomain, normalizeEmail, normalizePhone } from './normalize-contact.ts';

describe('normalizeEmail', () => {
  it.each<[string, string, string, string]>([
    ['trims and lower-cases', '  Jane.Doe@Acme.COM ', 'jane.doe@acme.com', 'acme.com'],
    ['removes dots and +tags at gmail', 'Jane.Doe+crm@gmail.com', 'janedoe@gmail.com', 'gmail.com'],
    ['folds googlemail into gmail', 'j.a.n.e@googlemail.com', 'jane@gmail.com', 'gmail.com'],
    ['keeps dots and +tags at a company domain', 'jane.doe+crm@acme.com', 'jane.doe+crm@acme.com', 'acme.com'],
    ['keeps dots but removes +tags at outlook', 'jane.doe+x@outlook.com', 'jane.doe@outlook.com', 'outlook.com'],
    ['removes +tags at hotmail', 'jane+news@hotmail.com', 'jane@hotmail.com', 'hotmail.com'],
    ['removes +tags at live', 'jane+news@live.com', 'jane@live.com', 'live.com'],
    ['removes -keywords at yahoo', 'jane-shopping@yahoo.com', 'jane@yahoo.com', 'yahoo.com'],
    ['keeps dots and + at yahoo, which has no +tags', 'jane.doe+x@yahoo.com', 'jane.doe+x@yahoo.com', 'yahoo.com'],
    ['removes +tags at icloud', 'jane+a@icloud.com', 'jane@icloud.com', 'icloud.com'],
    ['removes +tags at me.com', 'jane+a@me.com', 'jane@me.com', 'me.com'],
    ['removes +tags at mac.com', 'jane+a@mac.com', 'jane@mac.com', 'mac.com'],
    ['removes +tags at fastmail', 'jane+a@fastmail.com', 'jane@fastmail.com', 'fastmail.com'],
    ['removes +tags at protonmail', 'jane.doe+a@protonmail.com', 'jane.doe@protonmail.com', 'protonmail.com'],
    ['removes +tags at proton.me', 'jane+a@proton.me', 'jane@proton.me', 'proton.me'],
    ['keeps hyphens outside yahoo', 'jane-doe@acme.com', 'jane-doe@acme.com', 'acme.com'],
    ['keeps a trailing-dot domain without the dot', 'jane@acme.com.', 'jane@acme.com', 'acme.com'],
    ['converts an international domain to punycode', 'jane@bücher.de', 'jane@xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['accepts a subdomain', 'ops@mail.acme.co.uk', 'ops@mail.acme.co.uk', 'mail.acme.co.uk'],
  ])('%s', (_name, raw, normalized, domain) => {
    expect(normalizeEmail(raw)).toEqual({ normalized, domain });
  });

  it.each<[string, string | null | undefined]>([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', '   '],
    ['no @', 'jane.acme.com'],
    ['two @', 'jane@doe@acme.com'],
    ['an empty local part', '@acme.com'],
    ['an empty domain', 'jane@'],
    ['a domain without a dot', 'jane@localhost'],
    ['a numeric top-level domain', 'jane@10.0.0.1'],
    ['a leading dot', '.jane@acme.com'],
    ['consecutive dots', 'jane..doe@acme.com'],
    ['a space inside', 'jane doe@acme.com'],
    ['a display name', 'Jane <jane@acme.com>'],
    ['a label starting with a hyphen', 'jane@-acme.com'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@acme.com`],
    ['nothing left after removing the tag', '+news@gmail.com'],
    ['only dots before the tag at gmail', 'jane.@gmail.com'],
  ])('refuses %s', (_name, raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});

describe('isFreeMailDomain', () => {
  it.each([
    'gmail.com',
    'googlemail.com',
    'yahoo.com',
    'outlook.com',
    'hotmail.com',
    'live.com',
    'msn.com',
    'aol.com',
    'icloud.com',
    'me.com',
    'mac.com',
    'proton.me',
    'protonmail.com',
    'gmx.de',
    'gmx.net',
    'web.de',
    'mail.ru',
    'yandex.ru',
    'qq.com',
    '163.com',
    'zoho.com',
    'fastmail.com',
    'tutanota.com',
    'yahoo.co.uk',
    'yahoo.com.br',
    'hotmail.fr',
    'hotmail.co.uk',
    'outlook.de',
    'live.com.au',
    'gmx.ch',
    'mailinator.com',
    ' GMAIL.COM ',
  ])('counts %s as free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each([
    'acme.com',
    'acme.co.uk',
    'mail.acme.com',
    'gmail.acme.com',
    'yahoo.company.com',
    'hotmail-fan.fr',
    'baton.dev',
  ])('counts %s as a company domain', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(false);
  });
});

describe('companyDomain', () => {
  it.each<[string | null, string | null]>([
    ['jane@Acme.com', 'acme.com'],
    ['jane@eu.acme.com', 'eu.acme.com'],
    ['jane@gmail.com', null],
    ['jane@yahoo.co.uk', null],
    ['not an address', null],
    [null, null],
  ])('returns the company domain of %s: %s', (email, expected) => {
    expect(companyDomain(email)).toBe(expected);
  });
});

describe('normalizePhone', () => {
  it.each<[string, string, string | undefined, string]>([
    ['international NANP with punctuation', '+1 (415) 555-0100', undefined, '+14155550100'],
    ['00 exit code', '00 49 30 1234567', undefined, '+49301234567'],
    ['US national', '(415) 555-0100', 'US', '+14155550100'],
    ['US national with trunk 1', '1-415-555-0100', 'US', '+14155550100'],
    ['US exit code 011', '011 44 20 7946 0958', 'US', '+442079460958'],
    ['Canada national', '604.555.0100', 'CA', '+16045550100'],
    ['lower-case country', '(415) 555-0100', 'us', '+14155550100'],
    ['an extension is dropped', '+1 415 555 0100 ext. 12', undefined, '+14155550100'],
    ['an x extension is dropped', '(415) 555-0100 x7', 'US', '+14155550100'],
    ['GB national', '020 7946 0958', 'GB', '+442079460958'],
    ['GB mobile', '07700 900123', 'GB', '+447700900123'],
    ['UK alias for GB', '020 7946 0958', 'UK', '+442079460958'],
    ['trunk (0) after the country code', '+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['DE national', '030 1234567', 'DE', '+49301234567'],
    ['DE mobile', '0151 23456789', 'DE', '+4915123456789'],
    ['DE with slash', '089/12345678', 'DE', '+498912345678'],
    ['FR national', '01 23 45 67 89', 'FR', '+33123456789'],
    ['FR country code without +', '33 6 12 34 56 78', 'FR', '+33612345678'],
    ['ES without trunk prefix', '912 345 678', 'ES', '+34912345678'],
    ['IT keeps its leading 0', '06 1234 5678', 'IT', '+390612345678'],
    ['IT international keeps its leading 0', '+39 06 1234 5678', undefined, '+390612345678'],
    ['NL national', '020 123 4567', 'NL', '+31201234567'],
    ['BE national', '02 123 45 67', 'BE', '+3221234567'],
    ['CH national', '044 668 18 00', 'CH', '+41446681800'],
    ['AT national', '01 5880 0', 'AT', '+43158800'],
    ['SE national', '08-123 456 78', 'SE', '+46812345678'],
    ['NO national', '22 12 34 56', 'NO', '+4722123456'],
    ['DK national', '32 12 34 56', 'DK', '+4532123456'],
    ['FI national', '09 1234 567', 'FI', '+35891234567'],
    ['PL national', '22 123 45 67', 'PL', '+48221234567'],
    ['PT national', '21 123 4567', 'PT', '+351211234567'],
    ['IE national', '01 234 5678', 'IE', '+35312345678'],
    ['SI national', '01 234 56 78', 'SI', '+38612345678'],
    ['HR national', '01 234 5678', 'HR', '+38512345678'],
    ['AU national', '(02) 9876 5432', 'AU', '+61298765432'],
    ['AU exit code 0011', '0011 1 415 555 0100', 'AU', '+14155550100'],
    ['NZ national', '09 123 4567', 'NZ', '+6491234567'],
    ['IN mobile', '098765 43210', 'IN', '+919876543210'],
    ['JP national', '03-1234-5678', 'JP', '+81312345678'],
    ['JP exit code 010', '010 49 30 1234567', 'JP', '+49301234567'],
    ['BR mobile', '(11) 98765-4321', 'BR', '+5511987654321'],
    ['MX national', '55 1234 5678', 'MX', '+525512345678'],
    ['a country outside the table, international', '+7 495 123-45-67', undefined, '+74951234567'],
    ['international ignores the default country', '+33 1 23 45 67 89', 'US', '+33123456789'],
    ['the longest E.164 number', '+86 123 4567 890123', undefined, '+861234567890123'],
  ])('%s', (_name, raw, country, expected) => {
    expect(normalizePhone(raw, country)).toBe(expected);
  });

  it.each<[string, string | null | undefined, string | undefined]>([
    ['null', null, 'US'],
    ['an empty string', '  ', 'US'],
    ['a national number without a default country', '(415) 555-0100', undefined],
    ['a national number with an unknown default country', '0301234567', 'ZZ'],
    ['letters', '1-800-FLOWERS', 'US'],
    ['a + in the middle', '415+5550100', 'US'],
    ['only a +', '+', undefined],
    ['a country code starting with 0', '+049 30 1234567', undefined],
    ['a US number one digit short', '(415) 555-010', 'US'],
    ['a US number one digit long', '+1 415 555 01000', undefined],
    ['a US area code starting with 1', '(115) 555-0100', 'US'],
    ['a US exchange starting with 0', '(415) 055-0100', 'US'],
    ['an FR number of the wrong length', '01 23 45 67', 'FR'],
    ['fewer than 8 digits outside the table', '+7 1234', undefined],
    ['more than 15 digits outside the table', '+86 1234 5678 9012 345', undefined],
    ['a DE number over 13 national digits', '+49 30 1234 5678 9012', undefined],
  ])('refuses %s', (_name, raw, country) => {
    expect(normalizePhone(raw, country)).toBeNull();
  });
});
