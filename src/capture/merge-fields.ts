import type { MergeField, MergeSide } from './constants.ts';

/** The survivor's columns a merge may write. */
export type FillColumn =
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'email_normalized'
  | 'phone'
  | 'phone_normalized'
  | 'title'
  | 'company_name'
  | 'country'
  | 'account_id'
  | 'source_channel'
  | 'first_campaign_id'
  | 'custom';

export type LeadFields = { readonly [C in FillColumn]: unknown };
export type ColumnValues = Partial<Record<FillColumn, unknown>>;

// A field and the columns that move with it: a normalised e-mail or phone always travels
// with the value it was derived from, so identity matching stays consistent.
const COLUMNS: { readonly [F in Exclude<MergeField, 'custom'>]: readonly FillColumn[] } = {
  firstName: ['first_name'],
  lastName: ['last_name'],
  email: ['email', 'email_normalized'],
  phone: ['phone', 'phone_normalized'],
  title: ['title'],
  companyName: ['company_name'],
  country: ['country'],
  accountId: ['account_id'],
  sourceChannel: ['source_channel'],
  firstCampaignId: ['first_campaign_id'],
};

export interface FieldFill {
  /** The fields whose value changes on the survivor. */
  readonly fields: MergeField[];
  /** The survivor's values of the changed columns before the merge, for an undo. */
  readonly before: ColumnValues;
  /** The values the merge writes. */
  readonly after: ColumnValues;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

// What the survivor takes from the merged lead. By default a field is filled only where the
// survivor has none (as a second arrival fills a lead); `survivor` keeps the survivor's value
// even when empty; `merged` takes the merged lead's value, whatever the survivor has. Custom
// values follow the same choice key by key.
export function planFieldFill(
  survivor: LeadFields,
  merged: LeadFields,
  choices: Partial<Record<MergeField, MergeSide>>,
): FieldFill {
  const fields: MergeField[] = [];
  const before: ColumnValues = {};
  const after: ColumnValues = {};
  for (const [field, columns] of Object.entries(COLUMNS) as [Exclude<MergeField, 'custom'>, readonly FillColumn[]][]) {
    const [main] = columns;
    if (main === undefined) continue;
    const choice = choices[field];
    const take = choice === 'merged' || (choice === undefined && isEmpty(survivor[main]) && !isEmpty(merged[main]));
    if (!take || columns.every((c) => sameValue(survivor[c], merged[c]))) continue;
    fields.push(field);
    for (const column of columns) {
      before[column] = survivor[column];
      after[column] = merged[column];
    }
  }
  const custom = mergeCustom(asRecord(survivor.custom), asRecord(merged.custom), choices.custom);
  if (custom) {
    fields.push('custom');
    before.custom = survivor.custom;
    after.custom = custom;
  }
  return { fields, before, after };
}

function mergeCustom(
  survivor: Record<string, unknown>,
  merged: Record<string, unknown>,
  choice: MergeSide | undefined,
): Record<string, unknown> | null {
  if (choice === 'survivor') return null;
  const taken = Object.entries(merged).filter(
    ([key, value]) => !isEmpty(value) && (choice === 'merged' || isEmpty(survivor[key])) && survivor[key] !== value,
  );
  return taken.length === 0 ? null : { ...survivor, ...Object.fromEntries(taken) };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Equality of column values as JSON stores them: objects compare key by key, in any order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
