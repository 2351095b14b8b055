import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { createUser } from '../../platform/create-user.ts';
import { findOrgBySlug, listTeams } from '../../platform/platform.store.ts';
import { assertPasswordRules, setUserPassword } from '../../platform/set-user-password.ts';
import { ROLES, type Role } from '../../shared/actor.ts';
import type { TeamId } from '../../shared/ids.ts';
import { openDatabase } from '../open-db.ts';

const USAGE =
  'usage: baton user create --org <slug> --email E --name N --role R [--team NAME] [--password P]\n' +
  `  roles: ${ROLES.join(', ')}; without --password a random one is made and printed once`;

export async function userCommand(args: string[], config: Config): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new Error(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      org: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.org) throw new Error('--org: name the organisation by its slug');
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) throw new Error('--email: an e-mail address');
  if (!values.name?.trim()) throw new Error('--name: the person’s name');
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role: one of ${ROLES.join(', ')}`);
  const generated = values.password === undefined;
  const password = values.password ?? randomBytes(12).toString('base64url');
  try {
    assertPasswordRules(password);
  } catch (error) {
    throw new Error(`--password: ${error instanceof Error ? error.message.replace(/^password: /, '') : error}`);
  }
  const connection = await openDatabase(config);
  try {
    const { db } = connection;
    const org = await findOrgBySlug(db, values.org);
    if (!org) throw new Error(`--org: no organisation with slug ${values.org}`);
    const userId = await db.transaction().execute(async (trx) => {
      let teamId: TeamId | null = null;
      if (values.team) {
        const wanted = values.team.toLowerCase();
        const team = (await listTeams(trx, org.org_id)).find((t) => t.name.toLowerCase() === wanted);
        if (!team) throw new Error(`--team: no team named ${values.team} in ${values.org}`);
        teamId = team.id;
      }
      const id = await createUser(trx, org.org_id, {
        name: values.name?.trim() ?? '',
        email: values.email ?? '',
        role,
        teamId,
      });
      await setUserPassword(trx, org.org_id, id, password);
      return id;
    });
    process.stdout.write(`user ${userId} ${values.email} role=${role} in ${values.org}\n`);
    if (generated) process.stdout.write(`password: ${password}\n`);
  } finally {
    await connection.close();
  }
}
