import type { Trx } from '../db/database.ts';
import { onUserDeactivated } from '../handoff/hand-off.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { UserId } from '../shared/ids.ts';
import type { User, UserUpdate } from './platform.schema.ts';
import { findTeam } from './platform.store.ts';
import { toUser } from './platform-queries.ts';
import { countOtherActiveAdmins, findUserForUpdate, type UserPatch, updateUserRow } from './users.store.ts';

// Deactivating a user keeps their records and history; their API keys stop working at once
// because authentication only accepts keys of active users, and their open MQLs are routed
// to others (hand-off.ts).
export async function updateUser(trx: Trx, ctx: CommandContext, id: UserId, input: UserUpdate): Promise<User> {
  const { orgId } = ctx.actor;
  const current = await findUserForUpdate(trx, orgId, id);
  if (!current || current.is_machine) throw notFound('user', id);
  if (input.teamId && !(await findTeam(trx, orgId, input.teamId))) {
    throw new AppError('validation_failed', `teamId: team ${input.teamId} was not found`, 'teamId');
  }
  const losesAdmin =
    current.role === 'admin' && current.active && (input.active === false || (input.role ?? 'admin') !== 'admin');
  if (losesAdmin && (await countOtherActiveAdmins(trx, orgId, id)) === 0) {
    const field = input.active === false ? 'active' : 'role';
    throw new AppError('conflict', `${field}: ${current.name} is the last active admin of the organisation`, field);
  }
  const patch: UserPatch = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.role !== undefined) patch.role = input.role;
  if (input.teamId !== undefined) patch.team_id = input.teamId;
  if (input.active !== undefined) patch.active = input.active;
  if (Object.keys(patch).length === 0) return toUser(current);
  const updated = await updateUserRow(trx, orgId, id, patch);
  if (current.active && !updated.active) await onUserDeactivated(trx, ctx, id);
  return toUser(updated);
}
