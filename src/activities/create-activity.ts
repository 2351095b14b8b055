import type { Trx } from '../db/database.ts';
import { onActivityLogged } from '../handoff/hand-off.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type ActivityId, newId } from '../shared/ids.ts';
import type { Activity, ActivityCreate } from './activities.schema.ts';
import { insertActivity, missingReference } from './activities.store.ts';
import { toActivity } from './activity-queries.ts';
import { isActivityVisible } from './activity-visibility.ts';

// Logs a call, e-mail, meeting, note or task against a lead, deal or account. The user may
// be inactive: logging a departed rep's past call is still true history.
export async function createActivity(trx: Trx, ctx: CommandContext, input: ActivityCreate): Promise<Activity> {
  const { orgId } = ctx.actor;
  const refs = {
    userId: input.userId ?? ctx.actor.userId,
    leadId: input.leadId ?? null,
    dealId: input.dealId ?? null,
    accountId: input.accountId ?? null,
  };
  if (!refs.leadId && !refs.dealId && !refs.accountId) {
    throw new AppError(
      'validation_failed',
      'leadId: an activity needs at least one of leadId, dealId or accountId',
      'leadId',
    );
  }
  if (input.dueAt && input.type !== 'task') {
    throw new AppError('validation_failed', `dueAt: only a task has a due date, not a ${input.type}`, 'dueAt');
  }
  const missing = await missingReference(trx, orgId, refs);
  if (missing) throw new AppError('validation_failed', `${missing}: ${refs[missing]} was not found`, missing);
  // A rep may only log on leads and deals they can open; others read as not found.
  const subject = { user_id: null, lead_id: refs.leadId, deal_id: refs.dealId };
  if ((refs.leadId || refs.dealId) && !(await isActivityVisible(trx, ctx.actor, subject))) {
    const field = refs.leadId ? 'leadId' : 'dealId';
    throw new AppError('validation_failed', `${field}: ${refs[field]} was not found`, field);
  }
  const row = await insertActivity(trx, orgId, {
    id: newId<ActivityId>(),
    type: input.type,
    occurred_at: input.occurredAt ? new Date(input.occurredAt) : ctx.now,
    subject: input.subject ?? null,
    body: input.body ?? null,
    direction: input.direction ?? null,
    origin: input.origin ?? 'api',
    user_id: refs.userId,
    lead_id: refs.leadId,
    deal_id: refs.dealId,
    account_id: refs.accountId,
    due_at: input.dueAt ? new Date(input.dueAt) : null,
    completed_at: null,
    created_at: ctx.now,
  });
  // A task is a plan, not yet work on the lead: it counts when it is completed.
  if (row.lead_id && row.type !== 'task') {
    await onActivityLogged(trx, ctx, { leadId: row.lead_id, userId: row.user_id, occurredAt: row.occurred_at });
  }
  return toActivity(row);
}
