import type { Trx } from '../../db/database.ts';
import { ROLES, type Role } from '../../shared/actor.ts';
import type { CommandContext } from '../../shared/context.ts';
import { newId, type TeamId, type UserId } from '../../shared/ids.ts';
import { ensureTeams, findUsersByNameOrEmail, insertUsers, setTeamManagers } from './import.store.ts';
import type { BatchInput, ImportResult, RejectedRow } from './import-result.ts';
import { cellOf } from './mapping.ts';
import { placeholderEmail } from './owners.ts';

interface UserRow {
  readonly line: number;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly team: string | null;
  readonly manager: string | null;
}

// A sales roster (Maven's sales_teams.csv): people with their team and manager. Teams are
// created by name; a manager named only as a manager becomes a sales manager of that team.
// Imported people can sign in only once they are given a password or an invitation.
export async function importUsers(trx: Trx, ctx: CommandContext, input: BatchInput): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const rejected: RejectedRow[] = [];
  const rows: UserRow[] = [];
  for (const { line, cells } of input.rows) {
    const name = cellOf(input.mapping, cells, 'name');
    if (name === null) {
      rejected.push({ line, field: 'name', reason: 'a user needs a name' });
      continue;
    }
    const roleText = cellOf(input.mapping, cells, 'role') ?? 'sales_rep';
    const role = ROLES.find((r) => r === roleText.toLowerCase().replace(/\s+/g, '_'));
    if (!role) {
      rejected.push({ line, field: 'role', reason: `${roleText} is not one of ${ROLES.join(', ')}` });
      continue;
    }
    const email = cellOf(input.mapping, cells, 'email') ?? placeholderEmail(name);
    rows.push({
      line,
      name,
      email,
      role,
      team: cellOf(input.mapping, cells, 'team'),
      manager: cellOf(input.mapping, cells, 'manager'),
    });
  }
  const teams = await ensureTeams(trx, orgId, [...new Set(rows.flatMap((r) => (r.team ? [r.team] : [])))]);
  const teamOf = (name: string | null): TeamId | null => (name ? (teams.get(name) ?? null) : null);
  const managers = new Map<string, { name: string; team: string | null }>();
  for (const r of rows)
    if (r.manager && !managers.has(r.manager)) managers.set(r.manager, { name: r.manager, team: r.team });
  const people = [
    ...[...managers.values()].map((m) => ({
      name: m.name,
      email: placeholderEmail(m.name),
      role: 'sales_manager' as const,
      teamId: teamOf(m.team),
    })),
    ...rows.map((r) => ({ name: r.name, email: r.email, role: r.role, teamId: teamOf(r.team) })),
  ];
  const known = await findUsersByNameOrEmail(
    trx,
    orgId,
    people.map((p) => p.email.toLowerCase()),
  );
  const knownEmails = new Set(known.map((u) => u.email.toLowerCase()));
  const fresh = people.filter((p) => !knownEmails.has(p.email.toLowerCase()));
  await insertUsers(
    trx,
    orgId,
    fresh.map((p) => ({ id: newId<UserId>(), ...p, active: true })),
  );
  const all = await findUsersByNameOrEmail(
    trx,
    orgId,
    [...managers.keys()].map((m) => m.toLowerCase()),
  );
  const managerIds = new Map(all.map((u) => [u.name, u.id]));
  const pairs = [...managers.values()].flatMap((m) => {
    const teamId = teamOf(m.team);
    const managerId = managerIds.get(m.name);
    return teamId && managerId ? [{ teamId, managerId }] : [];
  });
  await setTeamManagers(trx, orgId, pairs);
  const freshEmails = new Set(fresh.map((p) => p.email.toLowerCase()));
  const imported = rows.filter((r) => freshEmails.has(r.email.toLowerCase())).length;
  return { imported, updated: 0, unchanged: rows.length - imported, rejected, createdOwners: [] };
}
