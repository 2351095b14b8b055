import type { Executor } from '../../db/database.ts';
import type { AccountId, DealId, LeadId, OrgId } from '../../shared/ids.ts';
import { normalizeEmail } from '../normalize-contact.ts';
import { findAccountsByKeys } from './import.store.ts';
import { findDealIdsByExternalId, findLeadRefs } from './related.store.ts';

/** Finds the record a row's reference names, or undefined. */
export type RefLookup<T> = (ref: string) => T | undefined;

function distinct(refs: Iterable<string | null>): string[] {
  const out = new Set<string>();
  for (const ref of refs) if (ref !== null) out.add(ref);
  return [...out];
}

// A row names a lead by the external id it was imported with, or by its e-mail (normalised
// as ingest normalises it, so Jane.Doe+x@gmail.com finds jane.doe@gmail.com). The external
// id wins when a value is both.
export async function resolveLeadRefs(
  db: Executor,
  orgId: OrgId,
  refs: Iterable<string | null>,
): Promise<RefLookup<LeadId>> {
  const wanted = distinct(refs);
  const emailOf = new Map<string, string>();
  for (const ref of wanted) {
    const email = normalizeEmail(ref)?.normalized;
    if (email) emailOf.set(ref, email);
  }
  const found = await findLeadRefs(db, orgId, wanted, [...new Set(emailOf.values())]);
  return (ref) => {
    const byExternal = found.byExternalId.get(ref);
    if (byExternal) return byExternal;
    const email = emailOf.get(ref);
    return email === undefined ? undefined : found.byEmail.get(email);
  };
}

/** An account by its external id, else its name without case (the first created of several with that name). */
export async function resolveAccountRefs(
  db: Executor,
  orgId: OrgId,
  refs: Iterable<string | null>,
): Promise<RefLookup<AccountId>> {
  const wanted = distinct(refs);
  const rows = await findAccountsByKeys(db, orgId, {
    externalIds: wanted,
    names: wanted.map((r) => r.toLowerCase()),
  });
  const byExternal = new Map<string, AccountId>();
  const byName = new Map<string, AccountId>();
  // Ids are UUIDv7, so their order is the order the accounts were created in.
  for (const a of [...rows].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    if (a.external_id) byExternal.set(a.external_id, a.id);
    if (!byName.has(a.name.toLowerCase())) byName.set(a.name.toLowerCase(), a.id);
  }
  return (ref) => byExternal.get(ref) ?? byName.get(ref.toLowerCase());
}

export async function resolveDealRefs(
  db: Executor,
  orgId: OrgId,
  refs: Iterable<string | null>,
): Promise<RefLookup<DealId>> {
  const found = await findDealIdsByExternalId(db, orgId, distinct(refs));
  return (ref) => found.get(ref);
}
