import type { CsvRecord } from './csv-reader.ts';
import type { ResolvedMapping } from './mapping.ts';
import type { DateFormat } from './parse-values.ts';

export interface RejectedRow {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export interface ImportResult {
  imported: number;
  updated: number;
  /** Rows that matched an existing record and were left as they are. */
  unchanged: number;
  rejected: RejectedRow[];
  /** Owners named in the file who were not users: created as inactive reps. */
  createdOwners: string[];
}

export function emptyResult(): ImportResult {
  return { imported: 0, updated: 0, unchanged: 0, rejected: [], createdOwners: [] };
}

export function addResult(total: ImportResult, part: ImportResult): void {
  total.imported += part.imported;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.rejected.push(...part.rejected);
  total.createdOwners.push(...part.createdOwners);
}

export interface BatchInput {
  readonly mapping: ResolvedMapping;
  readonly rows: readonly CsvRecord[];
  readonly dateFormat?: DateFormat;
}

/** Thrown inside a row's parsing to reject it with the field that failed. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
