import type { CustomFieldDef } from '../../lifecycle/custom-fields.ts';

export const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

// A date or timestamp as spreadsheets and CRMs export them. ISO 8601 needs no format;
// day/month with slashes is read only with an explicit format when both readings are valid
// dates, because 03/04/2026 is March in Boston and April in Ljubljana.
export function parseDate(raw: string, format?: DateFormat): Parsed<Date> {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text,
  );
  if (iso) {
    if (iso[4] === undefined) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const date = new Date(iso[7] === undefined ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? fail(`${raw} is not a date`) : ok(date);
  }
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (dotted) return calendarDate(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!slashed)
    return fail(`${raw} is not a date in a format Baton reads (YYYY-MM-DD, ISO 8601, MM/DD/YYYY, DD/MM/YYYY)`);
  const [a, b, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  if (format === 'MM/DD/YYYY') return calendarDate(year, a, b);
  if (format === 'DD/MM/YYYY' || format === 'DD.MM.YYYY') return calendarDate(year, b, a);
  if (a > 12 && b <= 12) return calendarDate(year, b, a);
  if (b > 12 && a <= 12) return calendarDate(year, a, b);
  if (a === b) return calendarDate(year, a, b);
  return fail(`${raw} could be month/day or day/month; pass --date-format MM/DD/YYYY or DD/MM/YYYY`);
}

function calendarDate(year: number, month: number, day: number): Parsed<Date> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail(`${year}-${month}-${day} is not a calendar date`);
  }
  return ok(date);
}

// An amount in major units (1,234.50 or 1234,50 or $1 234) to integer minor units. A lone
// comma followed by exactly two digits is a decimal comma; otherwise commas group thousands.
export function parseAmountMinor(raw: string, decimals = 2): Parsed<number> {
  let text = raw
    .trim()
    .replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '')
    .replace(/[$€£¥\s\u00a0]/g, '');
  if (/^-?\d{1,3}(\.\d{3})+,\d{1,2}$/.test(text)) text = text.replaceAll('.', '').replace(',', '.');
  else if (/^-?\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  else text = text.replaceAll(',', '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return fail(`${raw} is not an amount`);
  const value = Math.round(Number(text) * 10 ** decimals);
  if (!Number.isSafeInteger(value)) return fail(`${raw} is too large`);
  if (value < 0) return fail(`${raw} is negative`);
  return ok(value);
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'on', 'ja', 'oui', 'da']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off', 'nein', 'non', 'ne']);

export function parseBoolean(raw: string): Parsed<boolean> {
  const text = raw.trim().toLowerCase();
  if (TRUE.has(text)) return ok(true);
  if (FALSE.has(text)) return ok(false);
  return fail(`${raw} is not yes or no`);
}

// A plain number as spreadsheets write it, with the same separators parseAmountMinor reads:
// a lone comma followed by one or two digits is a decimal comma, otherwise commas group thousands.
export function parseNumber(raw: string): Parsed<number> {
  let text = raw.trim().replace(/[\s\u00a0]/g, '');
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(text)) text = text.replaceAll('.', '').replace(',', '.');
  else if (/^-?\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  else text = text.replaceAll(',', '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return fail(`${raw} is not a number`);
  const value = Number(text);
  return Number.isFinite(value) ? ok(value) : fail(`${raw} is too large`);
}

export type CustomValue = string | number | boolean;

// A custom field's cell read as its definition types it (the same types the API checks in
// lifecycle/custom-fields.ts): text as written, so "00123" keeps its zeros; a date as
// YYYY-MM-DD; a select option matched without case and stored as the definition spells it.
export function parseCustomValue(def: CustomFieldDef, raw: string, format?: DateFormat): Parsed<CustomValue> {
  switch (def.type) {
    case 'text':
      return ok(raw);
    case 'number':
      return parseNumber(raw);
    case 'boolean':
      return parseBoolean(raw);
    case 'date': {
      const date = parseDate(raw, format);
      return date.ok ? ok(date.value.toISOString().slice(0, 10)) : date;
    }
    case 'select': {
      const options = def.options ?? [];
      const option = options.find((o) => o === raw) ?? options.find((o) => o.toLowerCase() === raw.toLowerCase());
      return option === undefined ? fail(`${raw} is not one of ${options.join(', ')}`) : ok(option);
    }
  }
}
