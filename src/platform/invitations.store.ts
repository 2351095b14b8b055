import type { Executor } from '../db/database.ts';
import type { InvitationId, OrgId } from '../shared/ids.ts';
import type { InvitationsTable } from './identity.tables.ts';

export async function insertInvitation(db: Executor, invitation: InvitationsTable): Promise<void> {
  await db.insertInto('invitations').values(invitation).execute();
}

/** An invitation is looked up by its token's hash before the organisation is known. */
export function findInvitationByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function markInvitationAccepted(db: Executor, orgId: OrgId, id: InvitationId, at: Date): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ accepted_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
