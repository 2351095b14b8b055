import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { createApiKey } from '../../platform/create-user.ts';
import { findOrgBySlug, findUserByEmail } from '../../platform/platform.store.ts';
import { ROLES, type Role } from '../../shared/actor.ts';
import type { UserId } from '../../shared/ids.ts';
import { openDatabase } from '../open-db.ts';

export async function apikeyCommand(args: string[], config: Config): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'create')
    throw new Error('usage: baton apikey create --org <slug> --role <role> [--name NAME] [--user EMAIL]');
  const { values } = parseArgs({
    args: rest,
    options: { org: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, user: { type: 'string' } },
  });
  if (!values.org) throw new Error('--org: name the organisation by its slug');
  const role = values.role as Role | undefined;
  if (!values.user && (!role || !ROLES.includes(role))) throw new Error(`--role: one of ${ROLES.join(', ')}`);
  const connection = await openDatabase(config);
  try {
    const { db } = connection;
    const org = await findOrgBySlug(db, values.org);
    if (!org) throw new Error(`--org: no organisation with slug ${values.org}`);
    const created = await db.transaction().execute(async (trx) => {
      let userId: UserId | undefined;
      if (values.user) {
        userId = (await findUserByEmail(trx, org.org_id, values.user))?.id;
        if (!userId) throw new Error(`--user: no user with e-mail ${values.user} in ${values.org}`);
      }
      return createApiKey(trx, org.org_id, {
        name: values.name ?? `cli ${new Date().toISOString()}`,
        role: role ?? 'sales_rep',
        ...(userId ? { userId } : {}),
      });
    });
    process.stdout.write(`${created.secret}\n`);
    process.stderr.write(
      `api key ${created.id} for ${values.org}, role ${created.actor.role}; it is shown only once\n`,
    );
  } finally {
    await connection.close();
  }
}
