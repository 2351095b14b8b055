import type { Trx } from '../db/database.ts';
import type { Actor, Role } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { type ApiKeyId, newId, type OrgId, type TeamId, type UserId } from '../shared/ids.ts';
import { generateApiKey } from './api-keys.ts';
import { findTeam, findUser, findUserByEmail, insertApiKey, insertUser } from './platform.store.ts';

export interface CreateUserInput {
  name: string;
  email: string;
  role: Role;
  teamId?: TeamId | null;
  active?: boolean;
}

export async function createUser(trx: Trx, orgId: OrgId, input: CreateUserInput): Promise<UserId> {
  if (input.teamId && !(await findTeam(trx, orgId, input.teamId))) {
    throw new AppError('validation_failed', `teamId: team ${input.teamId} was not found`, 'teamId');
  }
  const id = newId<UserId>();
  if (await findUserByEmail(trx, orgId, input.email))
    throw new AppError('conflict', `email: a user with e-mail ${input.email} already exists`, 'email');
  await insertUser(trx, orgId, {
    id,
    name: input.name,
    email: input.email,
    role: input.role,
    teamId: input.teamId ?? null,
    active: input.active ?? true,
    isMachine: false,
  });
  return id;
}

export interface CreatedApiKey {
  readonly id: ApiKeyId;
  readonly secret: string;
  readonly actor: Actor;
}

// A key acts as a user. Without a user, the key gets its own machine user of the given
// role, so every event it writes still names an actor.
export async function createApiKey(
  trx: Trx,
  orgId: OrgId,
  input: { name: string; role: Role; userId?: UserId },
): Promise<CreatedApiKey> {
  let userId = input.userId;
  let role = input.role;
  let teamId: TeamId | null = null;
  if (userId) {
    const user = await findUser(trx, orgId, userId);
    if (!user) throw new AppError('validation_failed', `userId: user ${userId} was not found`, 'userId');
    role = user.role;
    teamId = user.team_id;
  } else {
    userId = newId<UserId>();
    await insertUser(trx, orgId, {
      id: userId,
      name: `API key: ${input.name}`,
      email: `apikey+${userId}@machine.baton.invalid`,
      role,
      teamId: null,
      active: true,
      isMachine: true,
    });
  }
  const key = generateApiKey();
  const id = newId<ApiKeyId>();
  await insertApiKey(trx, orgId, { id, userId, name: input.name, prefix: key.prefix, secretHash: key.secretHash });
  return { id, secret: key.secret, actor: { orgId, userId, role, teamId } };
}
