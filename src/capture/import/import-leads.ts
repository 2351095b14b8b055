import type { Trx } from '../../db/database.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type AccountId, type LeadId, newId, type OrgId } from '../../shared/ids.ts';
import { type ChannelInput, type ChannelOverride, defaultChannel } from '../channel-grouping.ts';
import { listChannelOverrides } from '../channel-overrides.store.ts';
import type { Channel } from '../constants.ts';
import { arrayLiteral, arrayLiterals, literalOf, NULL_ELEMENT, plainElement, textElement } from './bulk-columns.ts';
import { emptyLeadBatchColumns, firstValues, type LeadBatchColumns, pushLeadRow } from './bulk-lead-columns.ts';
import {
  fillImportedLeads,
  insertDomainAccounts,
  insertImportedLeads,
  insertImportedStageEvents,
  insertImportedTouches,
} from './bulk-leads.store.ts';
import { findAccountsByKeys, findLeadsByKeys, findTouchKeys } from './import.store.ts';
import type { BatchInput, ImportResult, RejectedRow } from './import-result.ts';
import { type LeadImportRow, readLeadRow } from './lead-row.ts';
import { findSurvivors } from './related.store.ts';
import { tryRow } from './row-values.ts';
import { ensureUtmCampaigns, touchKey } from './touch-links.ts';

// A batch of lead rows with set-based SQL: a handful of statements whatever its size. Each
// row is checked as an ingest arrival; the same person (external id, else normalised
// e-mail) already in Baton or earlier in the batch gets a touchpoint instead of a new lead.
// A new lead gets its stage events up to the stage the file names, its first touch's
// channel and campaign, and its company domain's account. A touch that already exists
// (same lead, type, time and URL) is not written again, so re-running a file adds nothing.
export interface PreparedLeads {
  readonly rows: readonly PreparedLead[];
  readonly rejected: RejectedRow[];
  /** Every row's columns as if its lead were new; the batch's write picks the rows it keeps. */
  readonly columns: LeadBatchColumns;
}

/** What writing a row needs besides its columns; the parsed row itself is not kept. */
interface PreparedLead {
  /** The lead's id if it turns out to be new. */
  readonly id: LeadId;
  readonly channel: Channel;
  /** The lower-cased utm_campaign that names the touch's campaign. */
  readonly utm: string | null;
  /** The same person: external id, else e-mail; phone only when the row has neither. */
  readonly keys: readonly string[];
  /** The company e-mail domain, and the company that names its account if it is new. */
  readonly domain: string | null;
  readonly company: string | null;
  /** The row's custom fields, when it has any: a returning person's row fills those their lead lacks. */
  readonly custom: Readonly<Record<string, unknown>> | null;
  /** The touch as touchKey tells it apart. */
  readonly touch: { readonly type: string; readonly occurredAt: Date; readonly url: string | null };
}

/** The database-free part of a batch, done while the previous batch is being written. */
export function prepareLeads(
  ctx: CommandContext,
  input: BatchInput,
  overrides: readonly ChannelOverride[],
): PreparedLeads {
  const prepared: PreparedLeads = { rows: [], rejected: [], columns: emptyLeadBatchColumns() };
  prepareInto(prepared, ctx, input, channelsOf(overrides));
  return prepared;
}

// Rows prepared between two yields to the event loop: a few milliseconds of work, so a
// statement of the batch being written is answered and the next one sent without waiting
// for the whole next batch to be prepared.
const PREPARE_SLICE = 100;

/** prepareLeads a slice at a time, so the batch being written keeps the database busy meanwhile. */
export async function prepareLeadsInSlices(
  ctx: CommandContext,
  input: BatchInput,
  overrides: readonly ChannelOverride[],
): Promise<PreparedLeads> {
  const prepared: PreparedLeads = { rows: [], rejected: [], columns: emptyLeadBatchColumns() };
  const channelOf = channelsOf(overrides);
  for (let start = 0; start < input.rows.length; start += PREPARE_SLICE) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    prepareInto(prepared, ctx, { ...input, rows: input.rows.slice(start, start + PREPARE_SLICE) }, channelOf);
  }
  return prepared;
}

function prepareInto(
  prepared: PreparedLeads,
  ctx: CommandContext,
  input: BatchInput,
  channelOf: (input: ChannelInput) => Channel,
): void {
  const rows = prepared.rows as PreparedLead[];
  for (const { line, cells } of input.rows) {
    const row = tryRow(
      line,
      () => readLeadRow(input.mapping, line, cells, ctx.now, input.dateFormat),
      prepared.rejected,
    );
    if (!row) continue;
    const { lead, touch } = row.plan;
    const id = newId<LeadId>();
    const channel = channelOf(touch.channelInput);
    pushLeadRow(prepared.columns, rows.length, row, id, channel);
    rows.push({
      id,
      channel,
      utm: touch.utm.campaign?.toLowerCase() || null,
      keys: identityKeys(row),
      domain: lead.domain,
      company: lead.company,
      custom: Object.keys(lead.custom).length > 0 ? lead.custom : null,
      touch: { type: touch.type, occurredAt: touch.occurredAt, url: touch.url },
    });
  }
}

// A touch's channel depends only on its traffic fields, and a batch repeats few of them.
function channelsOf(overrides: readonly ChannelOverride[]): (input: ChannelInput) => Channel {
  const known = new Map<string, Channel>();
  const part = (value: string | null | undefined) => (value == null ? '-' : `${value.length}:${value}`);
  return (input) => {
    const key = [
      input.utmSource,
      input.utmMedium,
      input.utmCampaign,
      input.referrer,
      input.clickIdType,
      input.touchpointType,
    ]
      .map(part)
      .join('|');
    let channel = known.get(key);
    if (channel === undefined) {
      channel = defaultChannel(input, overrides);
      known.set(key, channel);
    }
    return channel;
  };
}

export async function importLeads(trx: Trx, ctx: CommandContext, input: BatchInput): Promise<ImportResult> {
  return applyLeads(trx, ctx, prepareLeads(ctx, input, await listChannelOverrides(trx, ctx.actor.orgId)));
}

export async function applyLeads(trx: Trx, ctx: CommandContext, prepared: PreparedLeads): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const { rows, rejected, columns } = prepared;

  // Campaigns named by utm_campaign, created in their first touch's channel when new.
  const utmChannel = new Map<string, Channel>();
  for (const r of rows) if (r.utm && !utmChannel.has(r.utm)) utmChannel.set(r.utm, r.channel);
  const campaignOf = await ensureUtmCampaigns(trx, ctx, utmChannel);
  const campaignOfRow = (i: number) => {
    const utm = rows[i]?.utm;
    return utm ? (campaignOf.get(utm) ?? null) : null;
  };

  // The same person: by external id, else e-mail (else phone, for a row with neither), in
  // Baton or earlier in this batch. A merged lead stands for the lead it was merged into.
  const known = new Map<string, LeadId>();
  const phoneOnly = rows.flatMap((r) => (r.keys[0]?.startsWith('p:') ? [r.keys[0].slice(2)] : []));
  const matches = await findLeadsByKeys(trx, orgId, {
    ...(columns.leads.external_id.some((e) => e !== NULL_ELEMENT)
      ? { externalIds: arrayLiteral(columns.leads.external_id) }
      : {}),
    ...(columns.leads.email_normalized.some((e) => e !== NULL_ELEMENT)
      ? { emails: arrayLiteral(columns.leads.email_normalized) }
      : {}),
    ...(phoneOnly.length > 0 ? { phones: literalOf(phoneOnly, textElement) } : {}),
  });
  const survivors = await findSurvivors(
    trx,
    orgId,
    matches.flatMap((m) => (m.merged_into_id === null ? [] : [m.id])),
  );
  // Every key of the batch's rows was looked up, and each lookup's leads come oldest first.
  for (const m of matches) {
    const key = `${KEY_PREFIX[m.matched]}:${m[m.matched]}`;
    if (!known.has(key)) known.set(key, survivors.get(m.id) ?? m.id);
  }
  const existingIds = new Set(known.values());
  const fresh: number[] = [];
  const leadOf: LeadId[] = [];
  rows.forEach((r, i) => {
    let leadId: LeadId | undefined;
    for (const k of r.keys) {
      leadId = known.get(k);
      if (leadId !== undefined) break;
    }
    if (leadId === undefined) {
      leadId = r.id;
      fresh.push(i);
    }
    for (const k of r.keys) if (!known.has(k)) known.set(k, leadId);
    leadOf.push(leadId);
  });

  const accountOf = await ensureDomainAccounts(trx, ctx, rows);
  const accountOfRow = (i: number) => {
    const domain = rows[i]?.domain;
    return domain ? (accountOf.get(domain) ?? null) : null;
  };
  if (fresh.length > 0) {
    await insertImportedLeads(trx, orgId, ctx.now, {
      ...arrayLiterals(columns.leads, fresh),
      account_id: literalOf(fresh, (i) => plainElement(accountOfRow(i))),
      first_campaign_id: literalOf(fresh, (i) => plainElement(campaignOfRow(i))),
    });
  }

  const isFresh = new Uint8Array(rows.length);
  for (const i of fresh) isFresh[i] = 1;
  // Every other row is a returning person's: it fills what their lead lacks, in file order,
  // also when the lead was created by an earlier row of this batch.
  const rowsOfLead = new Map<LeadId, number[]>();
  rows.forEach((_, i) => {
    if (isFresh[i] === 1) return;
    const leadId = leadOf[i] as LeadId;
    const list = rowsOfLead.get(leadId);
    if (list) list.push(i);
    else rowsOfLead.set(leadId, [i]);
  });
  const filled = new Set(
    rowsOfLead.size === 0 ? [] : await fillLeads(trx, orgId, ctx.now, rowsOfLead, prepared, accountOfRow),
  );
  const events: number[] = [];
  columns.eventRow.forEach((row, event) => {
    if (isFresh[row] === 1) events.push(event);
  });
  if (events.length > 0) {
    await insertImportedStageEvents(trx, orgId, ctx.actor.userId, arrayLiterals(columns.events, events));
  }

  const seen = await findTouchKeys(trx, orgId, [...existingIds]);
  const touches: number[] = [];
  const updatedLeads = new Set([...filled].filter((id) => existingIds.has(id)));
  rows.forEach(({ touch }, i) => {
    const leadId = leadOf[i] as LeadId;
    const key = touchKey(leadId, touch.type, touch.occurredAt, touch.url);
    if (seen.has(key)) return;
    seen.add(key);
    touches.push(i);
    if (existingIds.has(leadId)) updatedLeads.add(leadId);
  });
  if (touches.length > 0) {
    await insertImportedTouches(trx, orgId, ctx.now, {
      ...arrayLiterals(columns.touches, touches),
      lead_id: literalOf(touches, (i) => plainElement(leadOf[i] ?? null)),
      campaign_id: literalOf(touches, (i) => plainElement(campaignOfRow(i))),
    });
  }
  const written = new Uint8Array(rows.length);
  for (const i of touches) written[i] = 1;
  let changedRows = 0;
  rows.forEach((_, i) => {
    const leadId = leadOf[i] as LeadId;
    if (existingIds.has(leadId) && (written[i] === 1 || filled.has(leadId))) changedRows++;
  });
  return {
    imported: fresh.length,
    updated: updatedLeads.size,
    unchanged: rows.length - fresh.length - changedRows,
    rejected,
    createdOwners: [],
  };
}

async function fillLeads(
  trx: Trx,
  orgId: OrgId,
  at: Date,
  rowsOfLead: ReadonlyMap<LeadId, readonly number[]>,
  prepared: PreparedLeads,
  accountOfRow: (row: number) => AccountId | null,
): Promise<LeadId[]> {
  const groups = [...rowsOfLead.values()];
  const custom = groups.map((group) => {
    const merged: Record<string, unknown> = {};
    const empty = (value: unknown) => value === null || value === undefined || value === '';
    for (const i of group) {
      for (const [key, value] of Object.entries(prepared.rows[i]?.custom ?? {})) {
        if (!empty(value) && empty(merged[key])) merged[key] = value;
      }
    }
    return textElement(JSON.stringify(merged));
  });
  const values = firstValues(prepared.columns.leads, groups);
  return fillImportedLeads(trx, orgId, at, {
    ...arrayLiterals(values),
    id: literalOf([...rowsOfLead.keys()], plainElement),
    account_id: literalOf(groups, (group) =>
      plainElement(group.map(accountOfRow).find((account) => account !== null) ?? null),
    ),
    custom: literalOf(custom, (element) => element),
  });
}

const KEY_PREFIX = { external_id: 'x', email_normalized: 'e', phone_normalized: 'p' } as const;

function identityKeys(row: LeadImportRow): string[] {
  const { externalId, emailNormalized } = row.plan.lead;
  const keys: string[] = [];
  if (externalId) keys.push(`x:${externalId}`);
  if (emailNormalized) keys.push(`e:${emailNormalized}`);
  if (keys.length === 0 && row.plan.lead.phoneNormalized) keys.push(`p:${row.plan.lead.phoneNormalized}`);
  return keys;
}

// Company e-mail domains link leads to accounts, created (named after the company) when new.
async function ensureDomainAccounts(
  trx: Trx,
  ctx: CommandContext,
  leads: readonly { readonly domain: string | null; readonly company: string | null }[],
): Promise<Map<string, AccountId>> {
  const { orgId } = ctx.actor;
  const names = new Map<string, string>();
  for (const { domain, company } of leads) {
    if (domain && !names.has(domain)) names.set(domain, company?.trim() || domain);
  }
  const domains = [...names.keys()];
  const read = async (keys: string[]) =>
    new Map(
      (await findAccountsByKeys(trx, orgId, { domains: keys })).flatMap((a) =>
        a.domain ? [[a.domain, a.id] as const] : [],
      ),
    );
  const found = await read(domains);
  const missing = domains.filter((d) => !found.has(d));
  if (missing.length === 0) return found;
  const created = await insertDomainAccounts(
    trx,
    orgId,
    ctx.now,
    missing.map((domain) => ({ id: newId<AccountId>(), name: names.get(domain) ?? domain, domain })),
  );
  for (const a of created) found.set(a.domain, a.id);
  // The insert skips a domain that another transaction gave an account meanwhile.
  const raced = missing.filter((d) => !found.has(d));
  if (raced.length > 0) for (const [domain, id] of await read(raced)) found.set(domain, id);
  return found;
}
