import type { Trx } from '../db/database.ts';
import type { CommandContext } from '../shared/context.ts';
import type { ReasonCodeParams, ReasonCodePut, ReasonCodeView } from './settings.schema.ts';
import { listReasonCodes, upsertReasonCode } from './settings.store.ts';

// Creates or changes one reason code. Codes are never deleted: events keep the code they
// were recorded with, so an inactive code stays readable in history and reports while
// new transitions can no longer choose it.
export async function putReasonCode(
  trx: Trx,
  ctx: CommandContext,
  key: ReasonCodeParams,
  input: ReasonCodePut,
): Promise<ReasonCodeView> {
  const { orgId } = ctx.actor;
  const codes = await listReasonCodes(trx, orgId, key.kind);
  const current = codes.find((c) => c.code === key.code);
  const nextPosition = codes.reduce((max, c) => Math.max(max, c.position + 1), 0);
  const code = {
    kind: key.kind,
    code: key.code,
    label: input.label,
    active: input.active ?? current?.active ?? true,
    position: input.position ?? current?.position ?? nextPosition,
  };
  await upsertReasonCode(trx, orgId, code);
  return code;
}
