import type { Trx } from '../db/database.ts';
import { onUserLeftSales } from '../handoff/hand-off.ts';
import type { Role } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { UserId } from '../shared/ids.ts';
import type { User, UserUpdate } from './platform.schema.ts';
import { findTeam } from './platform.store.ts';
import { toUser } from './platform-queries.ts';
import { countOtherActiveAdmins, findUserForUpdate, type UserPatch, updateUserRow } from './users.store.ts';

// Deactivating a user keeps their records and history; their API keys stop working at once
// because authentication only accepts keys of active users, and their open MQLs are routed
// to others (hand-off.ts), as are those of a sales rep or manager given another role.
/** The roles that can own MQLs (routing's reps). */
const SALES_ROLES: readonly Role[] = ['sales_rep', 'sales_manager'];

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
  const user = { id, name: updated.name };
  if (current.active && !updated.active) await onUserLeftSales(trx, ctx, user, 'was deactivated');
  else if (updated.active && SALES_ROLES.includes(current.role) && !SALES_ROLES.includes(updated.role)) {
    await onUserLeftSales(trx, ctx, user, `left sales (now ${updated.role.replace('_', ' ')})`);
  }
  return toUser(updated);
}
