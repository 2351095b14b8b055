import { FREE_MAIL_COUNTRY_VARIANT, FREE_MAIL_DOMAINS } from './known-hosts.ts';

// ---- e-mail ---------------------------------------------------------------------------

export interface NormalizedEmail {
  normalized: string;
  domain: string;
}

// How a mailbox provider treats the local part. Only providers that document the behaviour
// are listed; everywhere else "j.doe+x" and "jdoe" may be different people.
interface ProviderRule {
  canonicalDomain?: string;
  ignoresDots?: boolean;
  tagSeparator: '+' | '-';
}

const PLUS_TAGS: ProviderRule = { tagSeparator: '+' };
const PROVIDER_RULES: Readonly<Record<string, ProviderRule>> = {
  'gmail.com': { ignoresDots: true, tagSeparator: '+' },
  'googlemail.com': { canonicalDomain: 'gmail.com', ignoresDots: true, tagSeparator: '+' },
  'outlook.com': PLUS_TAGS,
  'hotmail.com': PLUS_TAGS,
  'live.com': PLUS_TAGS,
  // Yahoo's disposable addresses are "base-keyword@"; base names cannot contain a hyphen.
  'yahoo.com': { tagSeparator: '-' },
  'icloud.com': PLUS_TAGS,
  'me.com': PLUS_TAGS,
  'mac.com': PLUS_TAGS,
  'fastmail.com': PLUS_TAGS,
  'fastmail.fm': PLUS_TAGS,
  'protonmail.com': PLUS_TAGS,
  'protonmail.ch': PLUS_TAGS,
  'proton.me': PLUS_TAGS,
  'pm.me': PLUS_TAGS,
};

// The dot-atom form of RFC 5322; quoted local parts are rejected as no real lead uses them.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_LABEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

// The key used to recognise the same person again, not an address to send to: for
// providers that ignore them, dots and tags are removed from the local part.
export function normalizeEmail(raw: string | null | undefined): NormalizedEmail | null {
  const value = raw?.trim().toLowerCase() ?? '';
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return null;
  const local = value.slice(0, at);
  const domain = asciiDomain(value.slice(at + 1));
  if (domain === null || local.length > 64 || !LOCAL_PART.test(local)) return null;
  const rule = PROVIDER_RULES[domain];
  if (rule === undefined) return { normalized: `${local}@${domain}`, domain };
  let mailbox = local.split(rule.tagSeparator)[0] ?? '';
  if (rule.ignoresDots) mailbox = mailbox.replaceAll('.', '');
  const canonical = rule.canonicalDomain ?? domain;
  if (mailbox === '' || !LOCAL_PART.test(mailbox)) return null;
  return { normalized: `${mailbox}@${canonical}`, domain: canonical };
}

export function isFreeMailDomain(domain: string): boolean {
  const value = domain.trim().toLowerCase().replace(/\.$/, '');
  return FREE_MAIL_DOMAINS.has(value) || FREE_MAIL_COUNTRY_VARIANT.test(value);
}

// The domain that identifies the lead's company, or null for invalid and free-mail addresses.
export function companyDomain(email: string | null | undefined): string | null {
  const normalized = normalizeEmail(email);
  if (normalized === null || isFreeMailDomain(normalized.domain)) return null;
  return normalized.domain;
}

// Lower-case ASCII (punycode for international names) with at least two labels, or null.
function asciiDomain(raw: string): string | null {
  let domain = raw.replace(/\.$/, '');
  if (!/^[\x21-\x7e]*$/.test(domain)) {
    try {
      domain = new URL(`http://${domain}`).hostname;
    } catch {
      return null;
    }
  }
  const labels = domain.split('.');
  const topLevel = labels.at(-1) ?? '';
  if (domain.length > 253 || labels.length < 2 || !TOP_LEVEL_LABEL.test(topLevel)) return null;
  return labels.every((label) => DOMAIN_LABEL.test(label)) ? domain : null;
}

// ---- phone ----------------------------------------------------------------------------

// How one country writes its numbers. `nationalLength` bounds the national significant number
// (after the trunk prefix is removed); `trunk` is the prefix dialled before it inside the
// country, null where there is none (Italy's leading 0 is part of the number).
// `exitCode` is dialled before a foreign country code where it is not the usual 00.
interface CallingPlan {
  code: string;
  trunk: string | null;
  nationalLength: readonly [min: number, max: number];
  exitCode?: string;
}

const NANP: CallingPlan = { code: '1', trunk: '1', nationalLength: [10, 10], exitCode: '011' };

const CALLING_PLANS: Readonly<Record<string, CallingPlan>> = {
  US: NANP,
  CA: NANP,
  GB: { code: '44', trunk: '0', nationalLength: [7, 10] },
  DE: { code: '49', trunk: '0', nationalLength: [6, 13] },
  FR: { code: '33', trunk: '0', nationalLength: [9, 9] },
  ES: { code: '34', trunk: null, nationalLength: [9, 9] },
  IT: { code: '39', trunk: null, nationalLength: [6, 11] },
  NL: { code: '31', trunk: '0', nationalLength: [9, 9] },
  BE: { code: '32', trunk: '0', nationalLength: [8, 9] },
  CH: { code: '41', trunk: '0', nationalLength: [9, 9] },
  AT: { code: '43', trunk: '0', nationalLength: [6, 13] },
  SE: { code: '46', trunk: '0', nationalLength: [7, 10] },
  NO: { code: '47', trunk: null, nationalLength: [8, 8] },
  DK: { code: '45', trunk: null, nationalLength: [8, 8] },
  FI: { code: '358', trunk: '0', nationalLength: [5, 12] },
  PL: { code: '48', trunk: null, nationalLength: [9, 9] },
  PT: { code: '351', trunk: null, nationalLength: [9, 9] },
  IE: { code: '353', trunk: '0', nationalLength: [7, 9] },
  SI: { code: '386', trunk: '0', nationalLength: [8, 8] },
  HR: { code: '385', trunk: '0', nationalLength: [8, 9] },
  AU: { code: '61', trunk: '0', nationalLength: [9, 9], exitCode: '0011' },
  NZ: { code: '64', trunk: '0', nationalLength: [8, 10] },
  IN: { code: '91', trunk: '0', nationalLength: [10, 10] },
  JP: { code: '81', trunk: '0', nationalLength: [9, 10], exitCode: '010' },
  BR: { code: '55', trunk: '0', nationalLength: [10, 11] },
  MX: { code: '52', trunk: null, nationalLength: [10, 10] },
};

const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB' };

// Country codes are prefix-free (ITU-T E.164), so the first match by length is the only one.
const PLAN_BY_CODE: ReadonlyMap<string, CallingPlan> = new Map(
  Object.values(CALLING_PLANS).map((plan) => [plan.code, plan] as const),
);

const E164_MIN_DIGITS = 8;
const E164_MAX_DIGITS = 15;
const EXTENSION = /\s*(?:(?:ext|extn|extension|x)\.?|#)\s*\d{1,6}\s*$/i;
const DIALLABLE = /^\+?[\d\s().\-/]+$/;

// E.164 ("+49301234567") or null. Numbers written with + or an exit code are read as
// international; anything else needs defaultCountry (ISO 3166 alpha-2). Extensions are
// dropped, letters (vanity numbers) are refused, and numbers whose country is in the table
// must have that country's length; other countries only get E.164's overall bounds.
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string): string | null {
  const text = (raw ?? '').trim().replace(EXTENSION, '');
  if (!DIALLABLE.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  const country = defaultCountry?.trim().toUpperCase() ?? '';
  const plan = CALLING_PLANS[COUNTRY_ALIASES[country] ?? country];
  if (text.startsWith('+')) return fromInternational(digits);
  if (plan?.exitCode !== undefined && digits.startsWith(plan.exitCode)) {
    return fromInternational(digits.slice(plan.exitCode.length));
  }
  if (digits.startsWith('00')) return fromInternational(digits.slice(2));
  return plan === undefined ? null : fromNational(digits, plan);
}

function fromInternational(digits: string): string | null {
  if (digits === '' || digits.startsWith('0')) return null;
  const plan = [3, 2, 1].map((length) => PLAN_BY_CODE.get(digits.slice(0, length))).find((p) => p !== undefined);
  if (plan === undefined) {
    return digits.length >= E164_MIN_DIGITS && digits.length <= E164_MAX_DIGITS ? `+${digits}` : null;
  }
  // "+44 (0)20 7946 0958": a trunk prefix written after the country code is not dialled.
  return withPlan(plan, stripTrunk(digits.slice(plan.code.length), plan));
}

function fromNational(digits: string, plan: CallingPlan): string | null {
  const national = withPlan(plan, stripTrunk(digits, plan));
  if (national !== null) return national;
  // A country code typed without the +: "33 6 12 34 56 78" in France.
  return digits.startsWith(plan.code) ? withPlan(plan, stripTrunk(digits.slice(plan.code.length), plan)) : null;
}

function stripTrunk(national: string, plan: CallingPlan): string {
  return plan.trunk !== null && national.startsWith(plan.trunk) ? national.slice(plan.trunk.length) : national;
}

function withPlan(plan: CallingPlan, national: string): string | null {
  const [min, max] = plan.nationalLength;
  if (national.length < min || national.length > max) return null;
  // North American area codes and exchanges never start with 0 or 1.
  if (plan === NANP && (!/^[2-9]/.test(national) || !/^[2-9]/.test(national.slice(3)))) return null;
  const e164 = `${plan.code}${national}`;
  return e164.length >= E164_MIN_DIGITS && e164.length <= E164_MAX_DIGITS ? `+${e164}` : null;
}
