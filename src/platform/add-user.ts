import type { Trx } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { createUser } from './create-user.ts';
import type { User, UserCreate } from './platform.schema.ts';
import { findUser } from './platform.store.ts';
import { toUser } from './platform-queries.ts';

export async function addUser(trx: Trx, ctx: CommandContext, input: UserCreate): Promise<User> {
  const { orgId } = ctx.actor;
  const id = await createUser(trx, orgId, input);
  const row = await findUser(trx, orgId, id);
  if (!row) throw notFound('user', id);
  return toUser(row);
}
