import type { Trx } from '../db/database.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { ApiKeyId } from '../shared/ids.ts';
import { findApiKeyRow, setApiKeyRevoked } from './api-keys.store.ts';
import type { ApiKey } from './platform.schema.ts';
import { toApiKey } from './platform-queries.ts';

// Revoking is final and idempotent: a second call keeps the first revocation time.
export async function revokeApiKey(trx: Trx, ctx: CommandContext, id: ApiKeyId): Promise<ApiKey> {
  const { orgId } = ctx.actor;
  if (!(await findApiKeyRow(trx, orgId, id))) throw notFound('API key', id);
  await setApiKeyRevoked(trx, orgId, id, ctx.now);
  const row = await findApiKeyRow(trx, orgId, id);
  if (!row) throw notFound('API key', id);
  return toApiKey(row);
}
