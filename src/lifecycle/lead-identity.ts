import type { Executor } from '../db/database.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';
import { findLeadIdBy, findMergedInto } from './lead-identity.store.ts';

export interface LeadIdentity {
  readonly externalId: string | null;
  /** As capture/normalize-contact.ts normalises it. */
  readonly emailNormalized: string | null;
  /** E.164. */
  readonly phoneNormalized: string | null;
}

export type IdentityMatch = { readonly leadId: LeadId; readonly by: 'externalId' | 'email' | 'phone' };

// The same person, in order of certainty: the external id the source system gave them,
// else the normalised e-mail, else the normalised phone. A match on a merged lead resolves
// to the lead it was merged into (following a chain of merges): the person is the same, the
// merged lead keeps its external id (a unique key), and a new lead would duplicate them again.
export async function findLeadByIdentity(
  db: Executor,
  orgId: OrgId,
  identity: LeadIdentity,
): Promise<IdentityMatch | null> {
  const candidates = [
    ['externalId', 'external_id', identity.externalId],
    ['email', 'email_normalized', identity.emailNormalized],
    ['phone', 'phone_normalized', identity.phoneNormalized],
  ] as const;
  for (const [by, column, value] of candidates) {
    if (value === null) continue;
    const row = await findLeadIdBy(db, orgId, column, value);
    if (row) return { leadId: await survivorOf(db, orgId, row), by };
  }
  return null;
}

// A merge refuses a survivor that is itself merged, so the chain has no cycle; the bound
// only guards against a corrupted one.
const MAX_MERGE_HOPS = 100;

async function survivorOf(
  db: Executor,
  orgId: OrgId,
  row: { id: LeadId; merged_into_id: LeadId | null },
): Promise<LeadId> {
  let current = row;
  for (let hop = 0; current.merged_into_id !== null && hop < MAX_MERGE_HOPS; hop++) {
    const next = await findMergedInto(db, orgId, current.merged_into_id);
    if (!next) break;
    current = next;
  }
  return current.id;
}
