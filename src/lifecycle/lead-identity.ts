import type { Executor } from '../db/database.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';
import { findLeadIdBy } from './lead-identity.store.ts';

export interface LeadIdentity {
  readonly externalId: string | null;
  /** As capture/normalize-contact.ts normalises it. */
  readonly emailNormalized: string | null;
  /** E.164. */
  readonly phoneNormalized: string | null;
}

export type IdentityMatch = { readonly leadId: LeadId; readonly by: 'externalId' | 'email' | 'phone' };

// The same person, in order of certainty: the external id the source system gave them,
// else the normalised e-mail, else the normalised phone.
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
    if (row) return { leadId: row.id, by };
  }
  return null;
}
