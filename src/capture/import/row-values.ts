import { RowError } from './import-result.ts';
import { cellOf, type ResolvedMapping } from './mapping.ts';
import { type DateFormat, type Parsed, parseAmountMinor, parseDate } from './parse-values.ts';

type CustomValue = string | number | boolean;

/** Reads one row's mapped values, throwing RowError for the first field that fails. */
export interface RowReader {
  text(field: string): string | null;
  date(field: string): Date | null;
  amount(field: string): number | null;
  wholeNumber(field: string): number | null;
  custom(): Record<string, CustomValue>;
  externalId(): string | null;
}

export function rowReader(
  mapping: ResolvedMapping,
  line: number,
  cells: readonly string[],
  dateFormat?: DateFormat,
): RowReader {
  const text = (field: string) => cellOf(mapping, cells, field);
  const parsed = <T>(field: string, parse: (raw: string) => Parsed<T>): T | null => {
    const raw = text(field);
    if (raw === null) return null;
    const result = parse(raw);
    if (!result.ok) throw new RowError(field, result.reason);
    return result.value;
  };
  return {
    text,
    date: (field) => parsed(field, (raw) => parseDate(raw, dateFormat)),
    amount: (field) => parsed(field, (raw) => parseAmountMinor(raw)),
    wholeNumber: (field) =>
      parsed(field, (raw) =>
        /^\d{1,9}$/.test(raw)
          ? { ok: true, value: Number(raw) }
          : { ok: false, reason: `${raw} is not a whole number` },
      ),
    custom: () => {
      const out: Record<string, CustomValue> = {};
      for (const field of mapping.columns.keys()) {
        if (!field.startsWith('custom.')) continue;
        const value = text(field);
        if (value === null) continue;
        out[field.slice('custom.'.length)] = /^-?\d{1,15}(\.\d+)?$/.test(value) ? Number(value) : value;
      }
      return out;
    },
    externalId: () =>
      text('external_id') ?? (mapping.externalIdFromLine === null ? null : `${mapping.externalIdFromLine}${line}`),
  };
}

/** Runs a row's parsing; a RowError becomes the row's rejection. */
export function tryRow<T>(
  line: number,
  parse: () => T,
  rejected: { line: number; field: string; reason: string }[],
): T | null {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    rejected.push({ line, field: error.field, reason: error.reason });
    return null;
  }
}
