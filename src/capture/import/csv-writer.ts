// A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for
// CSV injection); every CSV Baton writes goes through here.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV line (with CRLF), quoted where RFC 4180 needs it, formulas neutralised. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map((v) => quoteCell(neutraliseCell(v === null || v === undefined ? '' : String(v)))).join(',')}\r\n`;
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
