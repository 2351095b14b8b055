import type { CustomFieldType } from '../lifecycle/constants.ts';
import type { FormField, FormSubmission, LeadTarget } from './forms.schema.ts';
import { TRACKING_FIELDS } from './forms.schema.ts';
import type { IngestItem } from './ingest.schema.ts';
import { normalizeEmail } from './normalize-contact.ts';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

const IDENTITY_TARGETS: readonly string[] = ['email', 'phone', 'externalId'];

// A form must be able to recognise the person who fills it, and every input must land in
// exactly one place: names and targets are unique, tracking inputs keep their names, a
// checkbox (true/false) can only fill a custom field, and a select needs its choices.
export function checkFormDefinition(
  fields: readonly FormField[],
  honeypotField: string | null,
  customTypes: ReadonlyMap<string, CustomFieldType>,
): FieldProblem | null {
  const names = new Set<string>();
  const targets = new Set<string>();
  for (const [i, field] of fields.entries()) {
    const at = `fields.${i}`;
    const lower = field.name.toLowerCase();
    if (names.has(lower)) return { field: `${at}.name`, message: `${field.name} is used by another field` };
    if ((TRACKING_FIELDS as readonly string[]).includes(lower)) {
      return { field: `${at}.name`, message: `${field.name} is reserved for tracking (${TRACKING_FIELDS.join(', ')})` };
    }
    if (honeypotField !== null && lower === honeypotField.toLowerCase()) {
      return { field: `${at}.name`, message: `${field.name} is the honeypot field's name` };
    }
    names.add(lower);
    if (targets.has(field.mapsTo)) return { field: `${at}.mapsTo`, message: `another field fills ${field.mapsTo}` };
    targets.add(field.mapsTo);
    const custom = customKey(field.mapsTo);
    if (custom !== null && !customTypes.has(custom)) {
      const known = [...customTypes.keys()].join(', ') || 'none are defined';
      return { field: `${at}.mapsTo`, message: `${custom} is not a custom lead field (known: ${known})` };
    }
    if (field.type === 'checkbox' && (custom === null || customTypes.get(custom) !== 'boolean')) {
      return { field: `${at}.type`, message: 'a checkbox can only fill a custom field of type boolean' };
    }
    if (field.type === 'select' && !field.options) {
      return { field: `${at}.options`, message: 'a select field needs its options' };
    }
    if (field.type === 'email' && field.mapsTo !== 'email' && custom === null) {
      return { field: `${at}.mapsTo`, message: 'an e-mail input fills email or a custom field' };
    }
  }
  if (honeypotField !== null && (TRACKING_FIELDS as readonly string[]).includes(honeypotField.toLowerCase())) {
    return { field: 'honeypotField', message: `${honeypotField} is reserved for tracking` };
  }
  if (!fields.some((f) => IDENTITY_TARGETS.includes(f.mapsTo))) {
    return { field: 'fields', message: 'a form needs a field that fills email, phone or externalId' };
  }
  return null;
}

export function customKey(target: string): string | null {
  return target.startsWith('custom.') ? target.slice('custom.'.length) : null;
}

/** The text of one submitted value: repeated inputs give their first non-blank value; files give none. */
export function textOf(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = textOf(item);
      if (text !== null) return text;
    }
    return null;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function filledHoneypot(honeypotField: string | null, submission: FormSubmission): boolean {
  return honeypotField !== null && textOf(submission[honeypotField]) !== null;
}

const UNCHECKED = new Set(['false', 'off', '0', 'no']);
const MAX_LENGTH: Partial<Record<LeadTarget, number>> = { email: 320, phone: 50, country: 100, externalId: 200 };

export type SubmissionReading = { readonly item: IngestItem } | { readonly problem: FieldProblem };

// Turns a submission into an ingest item: each field's value goes to its lead field or
// custom field, typed as that custom field is. Problems name the form's own input.
// The page URL comes from the hidden page_url input, else the Referer header the browser
// sent; the visitor's referrer only from the hidden referrer input (the Referer header of a
// form post is the form's own page, never where the visitor came from).
export function readSubmission(
  fields: readonly FormField[],
  submission: FormSubmission,
  refererHeader: string | null,
  customTypes: ReadonlyMap<string, CustomFieldType>,
): SubmissionReading {
  const lead: Partial<Record<LeadTarget, string>> = {};
  const custom: Record<string, string | number | boolean> = {};
  for (const field of fields) {
    const problem = (message: string) => ({ problem: { field: field.name, message: `${field.name}: ${message}` } });
    const text = textOf(submission[field.name]);
    const key = customKey(field.mapsTo);
    if (field.type === 'checkbox') {
      const checked = text !== null && !UNCHECKED.has(text.toLowerCase());
      if (field.required && !checked) return problem(`${field.label} must be ticked`);
      if (key !== null) custom[key] = checked;
      continue;
    }
    if (text === null) {
      if (field.required) return problem(`${field.label} is required`);
      continue;
    }
    if ((field.type === 'email' || field.mapsTo === 'email') && normalizeEmail(text) === null) {
      return problem(`${text} is not an e-mail address`);
    }
    if (field.type === 'select' && !(field.options ?? []).includes(text)) {
      return problem(`choose one of ${(field.options ?? []).join(', ')}`);
    }
    if (key === null) {
      const target = field.mapsTo as LeadTarget;
      const max = MAX_LENGTH[target] ?? 500;
      if (text.length > max) return problem(`at most ${max} characters`);
      lead[target] = text;
      continue;
    }
    if (text.length > 10_000) return problem('at most 10000 characters');
    const type = customTypes.get(key);
    if (type === 'number') {
      const number = Number(text.replace(',', '.'));
      if (!Number.isFinite(number)) return problem(`${text} is not a number`);
      custom[key] = number;
    } else if (type === 'boolean') {
      custom[key] = !UNCHECKED.has(text.toLowerCase());
    } else {
      custom[key] = text;
    }
  }
  if (lead.email === undefined && lead.phone === undefined && lead.externalId === undefined) {
    const field = fields.find((f) => f.mapsTo === 'email') ?? fields.find((f) => IDENTITY_TARGETS.includes(f.mapsTo));
    const name = field?.name ?? 'email';
    return { problem: { field: name, message: `${name}: give ${field?.label ?? 'an e-mail address'}` } };
  }
  const tracking = (name: (typeof TRACKING_FIELDS)[number]) => textOf(submission[name])?.slice(0, 2000) ?? null;
  return {
    item: {
      lead: { ...lead, ...(Object.keys(custom).length > 0 ? { custom } : {}) },
      touchpoint: {
        type: 'form_fill',
        url: tracking('page_url') ?? refererHeader?.slice(0, 2000) ?? null,
        referrer: tracking('referrer'),
        utmSource: tracking('utm_source')?.slice(0, 200) ?? null,
        utmMedium: tracking('utm_medium')?.slice(0, 200) ?? null,
        utmCampaign: tracking('utm_campaign')?.slice(0, 200) ?? null,
        utmTerm: tracking('utm_term')?.slice(0, 200) ?? null,
        utmContent: tracking('utm_content')?.slice(0, 200) ?? null,
      },
    },
  };
}

/** The form input that fills a lead field named by an ingest error ("lead.email", "lead.custom.tier"). */
export function inputForLeadField(fields: readonly FormField[], leadField: string): string | null {
  const target = leadField.replace(/^lead\./, '');
  return fields.find((f) => f.mapsTo === target)?.name ?? null;
}
