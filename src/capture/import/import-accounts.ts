import type { Trx } from '../../db/database.ts';
import { normalizeDomain } from '../../lifecycle/create-account.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type AccountId, newId, type UserId } from '../../shared/ids.ts';
import { findAccountsByKeys, insertColumns, updateAccounts } from './import.store.ts';
import { type BatchInput, type ImportResult, type RejectedRow, RowError } from './import-result.ts';
import { resolveOwners } from './owners.ts';
import { rowReader, tryRow } from './row-values.ts';

interface AccountRow {
  readonly line: number;
  readonly externalId: string | null;
  readonly name: string;
  readonly domain: string | null;
  readonly industry: string | null;
  readonly employeeCount: number | null;
  readonly country: string | null;
  readonly owner: string | null;
  readonly custom: Record<string, string | number | boolean>;
}

// Accounts match an existing one by external id, else domain, else name (without case);
// a match is updated with the file's non-empty values, anything else is inserted.
export async function importAccounts(trx: Trx, ctx: CommandContext, input: BatchInput): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const rejected: RejectedRow[] = [];
  const rows: AccountRow[] = [];
  for (const { line, cells } of input.rows) {
    const row = tryRow(
      line,
      () => {
        const r = rowReader(input.mapping, line, cells, input.dateFormat);
        const name = r.text('name');
        if (name === null) throw new RowError('name', 'an account needs a name');
        const domainText = r.text('domain');
        const domain = domainText === null ? null : normalizeDomain(domainText);
        if (domainText !== null && !domain) throw new RowError('domain', `${domainText} is not a domain`);
        return {
          line,
          externalId: r.externalId(),
          name,
          domain: domain ?? null,
          industry: r.text('industry'),
          employeeCount: r.wholeNumber('employee_count'),
          country: r.text('country'),
          owner: r.text('owner'),
          custom: r.custom(),
        };
      },
      rejected,
    );
    if (row) rows.push(row);
  }
  const owners = await resolveOwners(
    trx,
    orgId,
    rows.flatMap((r) => (r.owner ? [r.owner] : [])),
  );
  const ownerOf = (r: AccountRow): UserId | null =>
    r.owner ? (owners.byKey.get(r.owner.toLowerCase()) ?? null) : null;
  const existing = await findAccountsByKeys(trx, orgId, {
    externalIds: rows.flatMap((r) => (r.externalId ? [r.externalId] : [])),
    domains: rows.flatMap((r) => (r.domain ? [r.domain] : [])),
    names: rows.map((r) => r.name.toLowerCase()),
  });
  const byKey = new Map<string, AccountId>();
  for (const a of existing) {
    if (a.external_id) byKey.set(`x:${a.external_id}`, a.id);
    if (a.domain) byKey.set(`d:${a.domain}`, a.id);
    byKey.set(`n:${a.name.toLowerCase()}`, a.id);
  }
  const keysOf = (r: AccountRow) =>
    [r.externalId ? `x:${r.externalId}` : null, r.domain ? `d:${r.domain}` : null, `n:${r.name.toLowerCase()}`].filter(
      (k): k is string => k !== null,
    );
  const inserts: (AccountRow & { id: AccountId })[] = [];
  const updates: (AccountRow & { id: AccountId })[] = [];
  for (const r of rows) {
    const found = keysOf(r)
      .map((k) => byKey.get(k))
      .find((id) => id !== undefined);
    if (found) updates.push({ ...r, id: found });
    else {
      const id = newId<AccountId>();
      for (const k of keysOf(r)) byKey.set(k, id);
      inserts.push({ ...r, id });
    }
  }
  const at = ctx.now.toISOString();
  await insertColumns(trx, 'accounts', orgId, [
    ['id', 'uuid', inserts.map((r) => r.id)],
    ['name', 'text', inserts.map((r) => r.name)],
    ['domain', 'text', inserts.map((r) => r.domain)],
    ['industry', 'text', inserts.map((r) => r.industry)],
    ['employee_count', 'int', inserts.map((r) => r.employeeCount)],
    ['country', 'text', inserts.map((r) => r.country)],
    ['owner_id', 'uuid', inserts.map(ownerOf)],
    ['external_id', 'text', inserts.map((r) => r.externalId)],
    ['custom', 'jsonb', inserts.map((r) => JSON.stringify(r.custom))],
    ['created_at', 'timestamptz', inserts.map(() => at)],
    ['updated_at', 'timestamptz', inserts.map(() => at)],
  ]);
  await updateAccounts(
    trx,
    orgId,
    updates.map((r) => ({ ...r, ownerId: ownerOf(r) })),
    ctx.now,
  );
  return { imported: inserts.length, updated: updates.length, unchanged: 0, rejected, createdOwners: owners.created };
}
