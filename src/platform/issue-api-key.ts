import type { Trx } from '../db/database.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { findApiKeyRow } from './api-keys.store.ts';
import { createApiKey } from './create-user.ts';
import type { ApiKeyCreate, ApiKeyCreated } from './platform.schema.ts';
import { findUser } from './platform.store.ts';
import { toApiKey } from './platform-queries.ts';

// Returns the secret once; only its hash is stored, so a lost key is revoked and replaced.
export async function issueApiKey(trx: Trx, ctx: CommandContext, input: ApiKeyCreate): Promise<ApiKeyCreated> {
  const { orgId } = ctx.actor;
  let role = input.role;
  if (input.userId) {
    const user = await findUser(trx, orgId, input.userId);
    if (!user || user.is_machine) {
      throw new AppError('validation_failed', `userId: user ${input.userId} was not found`, 'userId');
    }
    if (!user.active) throw new AppError('validation_failed', `userId: user ${input.userId} is inactive`, 'userId');
    if (role && role !== user.role) {
      throw new AppError(
        'validation_failed',
        `role: a key acts as its user with their role (${user.role}); leave role out or change the user's role`,
        'role',
      );
    }
    role = user.role;
  }
  if (!role) throw new AppError('validation_failed', 'role: a key without a userId needs a role', 'role');
  const created = await createApiKey(trx, orgId, {
    name: input.name,
    role,
    ...(input.userId ? { userId: input.userId } : {}),
  });
  const row = await findApiKeyRow(trx, orgId, created.id);
  if (!row) throw notFound('API key', created.id);
  return { ...toApiKey(row), secret: created.secret };
}
