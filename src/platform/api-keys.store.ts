import type { Executor } from '../db/database.ts';
import type { ApiKeyId, OrgId } from '../shared/ids.ts';

// The secret's hash is never selected here: nothing that lists keys needs it.
function selectKeys(db: Executor, orgId: OrgId) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', (join) => join.onRef('u.org_id', '=', 'k.org_id').onRef('u.id', '=', 'k.user_id'))
    .select([
      'k.id',
      'k.name',
      'k.prefix',
      'k.created_at',
      'k.last_used_at',
      'k.revoked_at',
      'u.id as user_id',
      'u.name as user_name',
      'u.is_machine',
    ])
    .where('k.org_id', '=', orgId);
}

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeyRows>>[number];

export function listApiKeyRows(db: Executor, orgId: OrgId) {
  return selectKeys(db, orgId).orderBy('k.created_at', 'desc').orderBy('k.id', 'desc').execute();
}

export function findApiKeyRow(db: Executor, orgId: OrgId, id: ApiKeyId) {
  return selectKeys(db, orgId).where('k.id', '=', id).executeTakeFirst();
}

export async function setApiKeyRevoked(db: Executor, orgId: OrgId, id: ApiKeyId, at: Date): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
