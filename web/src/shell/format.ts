// Times are stored in UTC and shown in the organisation's time zone; money is integer
// minor units with a currency.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = make();
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(iso: string, timeZone: string): string {
  return cachedFormat(`dt:${timeZone}`, () =>
    Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
  ).format(new Date(iso));
}

export function formatDate(iso: string, timeZone: string): string {
  return cachedFormat(`d:${timeZone}`, () =>
    Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric' }),
  ).format(new Date(iso));
}

/** A calendar date (`YYYY-MM-DD`, no time zone) such as a deal's expected close. */
export function formatDay(day: string): string {
  return cachedFormat('day', () =>
    Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
  ).format(new Date(`${day}T00:00:00Z`));
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Whole amounts drop their cents ($12,500); `compact` gives $1.2M for totals. */
export function formatMoney(amountMinor: number, currency: string, compact = false): string {
  const digits = minorDigits(currency);
  const whole = amountMinor % 10 ** digits === 0;
  const key = `${currency}:${compact}:${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : whole ? { minimumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format.format(amountMinor / 10 ** digits);
}

/** How many minor units a currency has: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Parses what a person types ("12,500.50") into minor units, or null when it is not an amount. */
export function parseAmount(text: string, currency: string): number | null {
  const cleaned = text.replaceAll(',', '').trim();
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 10 ** minorDigits(currency));
}

// The UTC instant at which a calendar day starts in a time zone, found by measuring the
// zone's offset at that instant (twice, so a DST change on the day is respected).
export function zonedDayStart(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  let instant = guess - zoneOffsetMs(guess, timeZone);
  instant = guess - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = cachedFormat(`parts:${timeZone}`, () =>
    Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
  ).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

export function personName(lead: { firstName: string | null; lastName: string | null; email: string | null }): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return name || lead.email || '(no name)';
}

export function humanize(code: string): string {
  const text = code.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
