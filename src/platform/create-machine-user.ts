import type { Trx } from '../db/database.ts';
import type { Role } from '../shared/actor.ts';
import { newId, type OrgId, type UserId } from '../shared/ids.ts';
import { insertUser } from './platform.store.ts';

// A user that no person signs in as, for writes made on nobody's behalf (a web form's
// submissions), so every event still names an actor. People lists leave machines out.
export async function createMachineUser(trx: Trx, orgId: OrgId, input: { name: string; role: Role }): Promise<UserId> {
  const id = newId<UserId>();
  await insertUser(trx, orgId, {
    id,
    name: input.name,
    email: `machine+${id}@machine.baton.invalid`,
    role: input.role,
    teamId: null,
    active: true,
    isMachine: true,
  });
  return id;
}
