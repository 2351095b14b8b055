import type { Trx } from '../db/database.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { newId, type TeamId } from '../shared/ids.ts';
import type { Team, TeamCreate } from './platform.schema.ts';
import { findTeam, findUser, insertTeam, listTeams, setTeamManager } from './platform.store.ts';
import { toTeam } from './platform-queries.ts';

export async function createTeam(trx: Trx, ctx: CommandContext, input: TeamCreate): Promise<Team> {
  const { orgId } = ctx.actor;
  if (input.managerId) {
    const manager = await findUser(trx, orgId, input.managerId);
    if (!manager || manager.is_machine) {
      throw new AppError('validation_failed', `managerId: user ${input.managerId} was not found`, 'managerId');
    }
    if (!manager.active) {
      throw new AppError('validation_failed', `managerId: user ${input.managerId} is inactive`, 'managerId');
    }
  }
  const taken = (await listTeams(trx, orgId)).some((t) => t.name.toLowerCase() === input.name.toLowerCase());
  if (taken) throw new AppError('conflict', `name: a team named ${input.name} already exists`, 'name');
  const id = newId<TeamId>();
  await insertTeam(trx, orgId, { id, name: input.name });
  if (input.managerId) await setTeamManager(trx, orgId, id, input.managerId);
  const row = await findTeam(trx, orgId, id);
  if (!row) throw notFound('team', id);
  return toTeam(row);
}
