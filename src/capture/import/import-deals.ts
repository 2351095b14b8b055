import type { Trx } from '../../db/database.ts';
import { listDealStages } from '../../lifecycle/settings.store.ts';
import { getOrg } from '../../platform/platform-queries.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type AccountId, type DealId, type LeadId, newId } from '../../shared/ids.ts';
import { moveLeadsOfDeals } from './deal-leads.ts';
import { type PlannedDealStage, planDealStage } from './deal-stage-plan.ts';
import { findAccountsByKeys, findDealsByExternalId, insertColumns } from './import.store.ts';
import { type BatchInput, type ImportResult, type RejectedRow, RowError } from './import-result.ts';
import { resolveOwners } from './owners.ts';
import { resolveLeadRefs } from './record-refs.ts';
import { rowReader, tryRow } from './row-values.ts';

interface DealRow {
  readonly line: number;
  readonly externalId: string | null;
  readonly name: string;
  readonly account: string | null;
  readonly lead: string | null;
  readonly owner: string | null;
  readonly amountMinor: number;
  readonly currency: string | null;
  readonly createdAt: Date;
  readonly expectedCloseOn: string | null;
  readonly competitor: string | null;
  readonly plan: PlannedDealStage;
  readonly custom: Record<string, string | number | boolean>;
}

// Deals with their whole stage history: the account is named by external id or name, the
// lead by external id or e-mail, the owner by e-mail or name. A deal whose external id
// exists is left as it is, so a second run of the same file adds nothing. The linked lead
// moves as the lifecycle moves it when its deal is created and closed (deal-leads.ts).
export async function importDeals(trx: Trx, ctx: CommandContext, input: BatchInput): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const stages = await listDealStages(trx, orgId);
  const rejected: RejectedRow[] = [];
  const parsed: DealRow[] = [];
  for (const { line, cells } of input.rows) {
    const row = tryRow(
      line,
      () => {
        const r = rowReader(input.mapping, line, cells, input.dateFormat);
        const closedAt = r.date('closed_at');
        const createdAt = r.date('created_at') ?? closedAt ?? ctx.now;
        const plan = planDealStage(stages, {
          stage: r.text('stage'),
          outcome: r.text('outcome'),
          createdAt,
          closedAt,
          now: ctx.now,
        });
        const externalId = r.externalId();
        const account = r.text('account');
        const custom = r.custom();
        const label = typeof custom.product === 'string' ? custom.product : (externalId ?? `line ${line}`);
        const currency = r.text('currency');
        if (currency !== null && !/^[A-Za-z]{3}$/.test(currency))
          throw new RowError('currency', `${currency} is not an ISO 4217 code`);
        return {
          line,
          externalId,
          name: r.text('name') ?? `${account ?? 'No account'} — ${label}`,
          account,
          lead: r.text('lead'),
          owner: r.text('owner'),
          amountMinor: r.amount('amount') ?? 0,
          currency: currency?.toUpperCase() ?? null,
          createdAt,
          expectedCloseOn: r.date('expected_close_on')?.toISOString().slice(0, 10) ?? null,
          competitor: r.text('competitor'),
          plan,
          custom,
        };
      },
      rejected,
    );
    if (row) parsed.push(row);
  }
  const existing = await findDealsByExternalId(
    trx,
    orgId,
    parsed.flatMap((r) => (r.externalId ? [r.externalId] : [])),
  );
  const seen = new Set<string>();
  const fresh = parsed.filter((r) => {
    if (r.externalId === null) return true;
    if (existing.has(r.externalId) || seen.has(r.externalId)) return false;
    seen.add(r.externalId);
    return true;
  });
  const accountNames = [...new Set(fresh.flatMap((r) => (r.account ? [r.account] : [])))];
  const accounts = await findAccountsByKeys(trx, orgId, {
    externalIds: accountNames,
    names: accountNames.map((n) => n.toLowerCase()),
  });
  const accountOf = new Map<string, AccountId>();
  for (const a of accounts) accountOf.set(a.name.toLowerCase(), a.id);
  for (const a of accounts) if (a.external_id) accountOf.set(a.external_id.toLowerCase(), a.id);
  const leadOf = await resolveLeadRefs(
    trx,
    orgId,
    fresh.map((r) => r.lead),
  );
  const owners = await resolveOwners(
    trx,
    orgId,
    fresh.flatMap((r) => (r.owner ? [r.owner] : [])),
  );
  const { currency } = await getOrg(trx, orgId);

  const deals: (DealRow & { id: DealId; accountId: AccountId | null; leadId: LeadId | null })[] = [];
  for (const r of fresh) {
    const accountId = r.account ? (accountOf.get(r.account.toLowerCase()) ?? null) : null;
    const leadId = r.lead ? (leadOf(r.lead) ?? null) : null;
    if (r.account && !accountId) {
      rejected.push({
        line: r.line,
        field: 'account',
        reason: `no account with external id or name ${r.account}; import accounts first`,
      });
    } else if (r.lead && !leadId) {
      rejected.push({
        line: r.line,
        field: 'lead',
        reason: `no lead with external id or e-mail ${r.lead}; import leads first`,
      });
    } else {
      deals.push({ ...r, id: newId<DealId>(r.createdAt.getTime()), accountId, leadId });
    }
  }
  const at = ctx.now.toISOString();
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  await insertColumns(trx, 'deals', orgId, [
    ['id', 'uuid', deals.map((d) => d.id)],
    ['name', 'text', deals.map((d) => d.name)],
    ['account_id', 'uuid', deals.map((d) => d.accountId)],
    ['lead_id', 'uuid', deals.map((d) => d.leadId)],
    ['owner_id', 'uuid', deals.map((d) => (d.owner ? (owners.byKey.get(d.owner.toLowerCase()) ?? null) : null))],
    ['amount_minor', 'bigint', deals.map((d) => d.amountMinor)],
    ['currency', 'text', deals.map((d) => d.currency ?? currency)],
    ['stage', 'text', deals.map((d) => d.plan.stage)],
    ['stage_changed_at', 'timestamptz', deals.map((d) => iso(d.plan.events.at(-1)?.at ?? d.createdAt))],
    ['expected_close_on', 'date', deals.map((d) => d.expectedCloseOn)],
    ['closed_at', 'timestamptz', deals.map((d) => iso(d.plan.closedAt))],
    ['outcome', 'text', deals.map((d) => d.plan.outcome)],
    ['competitor', 'text', deals.map((d) => d.competitor)],
    ['external_id', 'text', deals.map((d) => d.externalId)],
    ['custom', 'jsonb', deals.map((d) => JSON.stringify(d.custom))],
    ['created_at', 'timestamptz', deals.map((d) => iso(d.createdAt))],
    ['updated_at', 'timestamptz', deals.map(() => at)],
  ]);
  const events = deals.flatMap((d) => d.plan.events.map((e) => ({ ...e, dealId: d.id })));
  await insertColumns(trx, 'deal_stage_events', orgId, [
    ['id', 'uuid', events.map((e) => newId(e.at.getTime()))],
    ['deal_id', 'uuid', events.map((e) => e.dealId)],
    ['from_stage', 'text', events.map((e) => e.from)],
    ['to_stage', 'text', events.map((e) => e.to)],
    ['occurred_at', 'timestamptz', events.map((e) => e.at.toISOString())],
    ['actor_id', 'uuid', events.map(() => ctx.actor.userId)],
  ]);
  await moveLeadsOfDeals(
    trx,
    ctx,
    deals.flatMap((d) =>
      d.leadId
        ? [{ id: d.id, leadId: d.leadId, createdAt: d.createdAt, outcome: d.plan.outcome, closedAt: d.plan.closedAt }]
        : [],
    ),
  );
  return {
    imported: deals.length,
    updated: 0,
    unchanged: parsed.length - fresh.length,
    rejected: rejected.sort((a, b) => a.line - b.line),
    createdOwners: owners.created,
  };
}
