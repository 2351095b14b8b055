import type { Trx } from '../db/database.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { ActivityId } from '../shared/ids.ts';
import type { Activity, ActivityUpdate } from './activities.schema.ts';
import { type ActivityPatch, findActivity, updateActivityRow } from './activities.store.ts';
import { toActivity } from './activity-queries.ts';
import { assertActivityVisible } from './activity-visibility.ts';

// Updates what an activity says and when; what it is about (lead, deal, account) and who
// did it stay as recorded.
export async function updateActivity(
  trx: Trx,
  ctx: CommandContext,
  id: ActivityId,
  input: ActivityUpdate,
): Promise<Activity> {
  const { orgId } = ctx.actor;
  const current = await findActivity(trx, orgId, id, { forUpdate: true });
  if (!current) throw notFound('activity', id);
  await assertActivityVisible(trx, ctx.actor, id, current);
  for (const field of ['dueAt', 'completedAt'] as const) {
    if (input[field] && current.type !== 'task') {
      throw new AppError('validation_failed', `${field}: only a task has one, not a ${current.type}`, field);
    }
  }
  const completedAt =
    input.completedAt === undefined || input.completedAt === null ? input.completedAt : new Date(input.completedAt);
  if (completedAt && completedAt.getTime() > ctx.now.getTime()) {
    throw new AppError('validation_failed', 'completedAt: a task cannot be completed in the future', 'completedAt');
  }
  const patch: ActivityPatch = {};
  if (input.subject !== undefined) patch.subject = input.subject;
  if (input.body !== undefined) patch.body = input.body;
  if (input.occurredAt !== undefined) patch.occurred_at = new Date(input.occurredAt);
  if (input.dueAt !== undefined) patch.due_at = input.dueAt === null ? null : new Date(input.dueAt);
  if (completedAt !== undefined) patch.completed_at = completedAt;
  if (Object.keys(patch).length === 0) return toActivity(current);
  return toActivity(await updateActivityRow(trx, orgId, id, patch));
}
