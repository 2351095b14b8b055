import type { Trx } from '../db/database.ts';
import { onActivityLogged } from '../handoff/hand-off.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { ActivityId } from '../shared/ids.ts';
import type { Activity } from './activities.schema.ts';
import { findActivity, updateActivityRow } from './activities.store.ts';
import { toActivity } from './activity-queries.ts';
import { assertActivityVisible } from './activity-visibility.ts';

// Completes a task now. Completing it again changes nothing, so a retried request is safe.
export async function completeActivity(trx: Trx, ctx: CommandContext, id: ActivityId): Promise<Activity> {
  const { orgId } = ctx.actor;
  const current = await findActivity(trx, orgId, id, { forUpdate: true });
  if (!current) throw notFound('activity', id);
  await assertActivityVisible(trx, ctx.actor, id, current);
  if (current.type !== 'task') {
    throw new AppError(
      'invalid_transition',
      `type: only a task can be completed, and this is a ${current.type}`,
      'type',
    );
  }
  if (current.completed_at) return toActivity(current);
  const row = await updateActivityRow(trx, orgId, id, { completed_at: ctx.now });
  if (row.lead_id) await onActivityLogged(trx, ctx, { leadId: row.lead_id, userId: row.user_id, occurredAt: ctx.now });
  return toActivity(row);
}
