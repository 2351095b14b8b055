import { LEAD_STAGES } from '../../lifecycle/constants.ts';
import { type LeadId, newId } from '../../shared/ids.ts';
import type { Channel } from '../constants.ts';
import {
  type Columns,
  type Element,
  emptyColumns,
  NULL_ELEMENT,
  plainElement,
  repeatedTextElements,
  textElement,
  timeElement,
} from './bulk-columns.ts';
import type { LeadImportRow } from './lead-row.ts';

// The columns of a lead row that need nothing from the database, as array elements
// (bulk-columns.ts): the lead as it is if it turns out to be new, the stage events that bring
// it to the file's stage, and its touch. What the database decides — whether the lead is
// new, its account, the touch's lead and the campaigns — is added when the batch is written
// (import-leads.ts); the columns match bulk-leads.store.ts.

const LEAD_COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'email_normalized',
  'phone',
  'phone_normalized',
  'title',
  'company_name',
  'country',
  'stage',
  'source_channel',
  'external_id',
  'custom',
  'created_at',
] as const;
const EVENT_COLUMNS = ['id', 'lead_id', 'step', 'created_at'] as const;
const TOUCH_COLUMNS = [
  'id',
  'type',
  'occurred_at',
  'channel',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'url',
  'referrer',
] as const;

export interface LeadBatchColumns {
  readonly leads: Columns<(typeof LEAD_COLUMNS)[number]>;
  readonly events: Columns<(typeof EVENT_COLUMNS)[number]>;
  /** The row each event belongs to: a row's events are written only if its lead is new. */
  readonly eventRow: number[];
  readonly touches: Columns<(typeof TOUCH_COLUMNS)[number]>;
  /** Elements of the columns whose values repeat from row to row. */
  readonly repeated: (value: string | null) => Element;
}

export function emptyLeadBatchColumns(): LeadBatchColumns {
  return {
    leads: emptyColumns(LEAD_COLUMNS),
    events: emptyColumns(EVENT_COLUMNS),
    eventRow: [],
    touches: emptyColumns(TOUCH_COLUMNS),
    repeated: repeatedTextElements(),
  };
}

/** The steps of the waterfall, 0 for the move into inquiry (bulk-leads.store.ts). */
const STEPS = LEAD_STAGES.map((_, step) => plainElement(step));

/** Appends a checked row: its lead, one stage event per step up to its stage, and its touch. */
export function pushLeadRow(
  into: LeadBatchColumns,
  rowIndex: number,
  row: LeadImportRow,
  id: LeadId,
  channel: Channel,
): void {
  const { lead, touch } = row.plan;
  const repeated = into.repeated;
  const leadId = plainElement(id);
  const created = timeElement(row.createdAt);
  const l = into.leads;
  l.id.push(leadId);
  l.first_name.push(textElement(lead.firstName));
  l.last_name.push(textElement(lead.lastName));
  l.email.push(textElement(lead.email));
  l.email_normalized.push(textElement(lead.emailNormalized));
  l.phone.push(textElement(lead.phone));
  l.phone_normalized.push(textElement(lead.phoneNormalized));
  l.title.push(repeated(lead.title));
  l.company_name.push(repeated(lead.company));
  l.country.push(repeated(lead.country));
  l.stage.push(repeated(row.stage));
  l.source_channel.push(repeated(channel));
  l.external_id.push(textElement(lead.externalId));
  l.custom.push(repeated(JSON.stringify(lead.custom)));
  l.created_at.push(created);

  const e = into.events;
  const steps = LEAD_STAGES.indexOf(row.stage) + 1;
  for (let step = 0; step < steps; step++) {
    e.id.push(plainElement(newId()));
    e.lead_id.push(leadId);
    e.step.push(STEPS[step] ?? plainElement(step));
    e.created_at.push(created);
    into.eventRow.push(rowIndex);
  }

  const t = into.touches;
  t.id.push(plainElement(newId()));
  t.type.push(repeated(touch.type));
  t.occurred_at.push(touch.occurredAt.getTime() === row.createdAt.getTime() ? created : timeElement(touch.occurredAt));
  t.channel.push(repeated(channel));
  t.utm_source.push(repeated(touch.utm.source));
  t.utm_medium.push(repeated(touch.utm.medium));
  t.utm_campaign.push(repeated(touch.utm.campaign));
  t.utm_term.push(repeated(touch.utm.term));
  t.utm_content.push(repeated(touch.utm.content));
  t.url.push(repeated(touch.url));
  t.referrer.push(repeated(touch.referrer));
}

/** The lead columns a returning person's row fills when empty (bulk-leads.store.ts, fillImportedLeads). */
const FILL_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'email_normalized',
  'phone',
  'phone_normalized',
  'title',
  'company_name',
  'country',
  'external_id',
] as const satisfies readonly (typeof LEAD_COLUMNS)[number][];
type FillColumn = (typeof FILL_COLUMNS)[number];

// Columns that fill together: a normalised value comes from the row that gives the value.
const FILLED_WITH: Partial<Record<FillColumn, FillColumn>> = {
  email_normalized: 'email',
  phone_normalized: 'phone',
};

const isEmpty = (element: Element) => element === NULL_ELEMENT || element === '""';

/**
 * Per lead, the first of its rows (in file order) with a value for each column: what the
 * rows would fill, arriving one after the other, in a lead whose fields are empty.
 */
export function firstValues(
  leads: Columns<(typeof LEAD_COLUMNS)[number]>,
  rowsOf: readonly (readonly number[])[],
): Columns<FillColumn> {
  const out = emptyColumns(FILL_COLUMNS);
  for (const rows of rowsOf) {
    for (const column of FILL_COLUMNS) {
      const source = leads[FILLED_WITH[column] ?? column];
      const row = rows.find((r) => !isEmpty(source[r] ?? NULL_ELEMENT));
      out[column].push(row === undefined ? NULL_ELEMENT : (leads[column][row] ?? NULL_ELEMENT));
    }
  }
  return out;
}
