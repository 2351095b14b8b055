import { checkCustomValues } from '../../lifecycle/custom-fields.ts';
import { RowError } from './import-result.ts';
import { cellOf, type ResolvedMapping } from './mapping.ts';
import {
  type CustomValue,
  type DateFormat,
  type Parsed,
  parseAmountMinor,
  parseCustomValue,
  parseDate,
} from './parse-values.ts';

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
    // Checked against the organisation's definitions as the API checks them, so an import
    // cannot store a value a form or PATCH would refuse. Without definitions (an importer
    // called outside the driver) a number-like value is stored as a number.
    custom: () => {
      const out: Record<string, CustomValue> = {};
      const defs = mapping.customFields;
      for (const field of mapping.columns.keys()) {
        if (!field.startsWith('custom.')) continue;
        const key = field.slice('custom.'.length);
        if (defs === null) {
          const value = text(field);
          if (value !== null) out[key] = /^-?\d{1,15}(\.\d+)?$/.test(value) ? Number(value) : value;
          continue;
        }
        const def = defs.get(key);
        if (!def) throw new RowError(field, `${key} is not a custom field of this organisation`);
        const value = parsed(field, (raw) => parseCustomValue(def, raw, dateFormat));
        if (value !== null) out[key] = value;
      }
      if (defs !== null) {
        const problem = checkCustomValues([...defs.values()], out);
        if (problem) throw new RowError(problem.field, problem.message);
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
