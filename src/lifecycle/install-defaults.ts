import type { Trx } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';
import { DEFAULT_DEAL_STAGES, DEFAULT_REASON_CODES } from './constants.ts';

/** Gives a new organisation the default deal stages and reason codes; both are editable later. */
export async function installLifecycleDefaults(trx: Trx, orgId: OrgId): Promise<void> {
  await trx
    .insertInto('deal_stages')
    .values(DEFAULT_DEAL_STAGES.map((s, position) => ({ org_id: orgId, ...s, position })))
    .execute();
  await trx
    .insertInto('reason_codes')
    .values(DEFAULT_REASON_CODES.map((r, position) => ({ org_id: orgId, ...r, position })))
    .execute();
}
