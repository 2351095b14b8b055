import {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_TYPES,
  type ActivityDirection,
  type ActivityType,
} from '../../activities/constants.ts';
import type { Trx } from '../../db/database.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type AccountId, type ActivityId, type DealId, type LeadId, newId } from '../../shared/ids.ts';
import {
  type ActivityImportRow,
  findActivityExternalIds,
  findExistingActivityKeys,
  insertImportedActivities,
} from './activity-import.store.ts';
import { type BatchInput, type ImportResult, type RejectedRow, RowError } from './import-result.ts';
import { resolveOwners } from './owners.ts';
import { parseBoolean } from './parse-values.ts';
import { resolveAccountRefs, resolveDealRefs, resolveLeadRefs } from './record-refs.ts';
import { type RowReader, rowReader, tryRow } from './row-values.ts';

/** The API's limits (activities.schema.ts): a subject of 500 characters, a body of 10,000. */
const MAX_SUBJECT = 500;
const MAX_BODY = 10_000;

interface ActivityFileRow {
  readonly line: number;
  readonly externalId: string | null;
  readonly type: ActivityType;
  readonly subject: string | null;
  readonly body: string | null;
  readonly direction: ActivityDirection | null;
  readonly occurredAt: Date;
  readonly dueAt: Date | null;
  readonly completedAt: Date | null;
  readonly user: string | null;
  readonly lead: string | null;
  readonly deal: string | null;
  readonly account: string | null;
}

// Calls, e-mails, meetings, notes and tasks from another system, checked as the activities
// API checks them (create-activity.ts): about at least one lead, deal or account, which must
// exist (a lead by external id or e-mail, a deal by external id, an account by external id
// or name); due and completion times only on tasks. The user is named by e-mail or name; an
// unknown one becomes an inactive rep, reported. An activity is recognised again by its
// external id, or without one by what it is about, its type, time and subject, so running
// the file again logs nothing twice.
export async function importActivities(trx: Trx, ctx: CommandContext, input: BatchInput): Promise<ImportResult> {
  const { orgId } = ctx.actor;
  const rejected: RejectedRow[] = [];
  const parsed: ActivityFileRow[] = [];
  for (const { line, cells } of input.rows) {
    const row = tryRow(
      line,
      () => readActivityRow(rowReader(input.mapping, line, cells, input.dateFormat), line, ctx.now),
      rejected,
    );
    if (row) parsed.push(row);
  }
  const [leadOf, dealOf, accountOf] = [
    await resolveLeadRefs(
      trx,
      orgId,
      parsed.map((r) => r.lead),
    ),
    await resolveDealRefs(
      trx,
      orgId,
      parsed.map((r) => r.deal),
    ),
    await resolveAccountRefs(
      trx,
      orgId,
      parsed.map((r) => r.account),
    ),
  ];
  const linked: (ActivityFileRow & { leadId: LeadId | null; dealId: DealId | null; accountId: AccountId | null })[] =
    [];
  for (const r of parsed) {
    const leadId = r.lead === null ? null : (leadOf(r.lead) ?? null);
    const dealId = r.deal === null ? null : (dealOf(r.deal) ?? null);
    const accountId = r.account === null ? null : (accountOf(r.account) ?? null);
    if (r.lead !== null && leadId === null) {
      rejected.push({ line: r.line, field: 'lead', reason: `no lead with external id or e-mail ${r.lead}` });
    } else if (r.deal !== null && dealId === null) {
      rejected.push({ line: r.line, field: 'deal', reason: `no deal with external id ${r.deal}` });
    } else if (r.account !== null && accountId === null) {
      rejected.push({ line: r.line, field: 'account', reason: `no account with external id or name ${r.account}` });
    } else {
      linked.push({ ...r, leadId, dealId, accountId });
    }
  }

  const existingIds = await findActivityExternalIds(
    trx,
    orgId,
    linked.flatMap((r) => (r.externalId ? [r.externalId] : [])),
  );
  const unkeyed = linked.filter((r) => r.externalId === null);
  const existingKeys = await findExistingActivityKeys(trx, orgId, unkeyed);
  const known = new Set(unkeyed.filter((_, i) => existingKeys.has(i)));
  const seen = new Set<string>();
  const fresh = linked.filter((r) => {
    if (known.has(r) || (r.externalId !== null && existingIds.has(r.externalId))) return false;
    const key = r.externalId === null ? naturalKey(r) : `x:${r.externalId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  const users = await resolveOwners(
    trx,
    orgId,
    fresh.flatMap((r) => (r.user ? [r.user] : [])),
  );
  const rows: ActivityImportRow[] = fresh.map((r) => ({
    ...r,
    id: newId<ActivityId>(r.occurredAt.getTime()),
    // Who did it, when the file says; otherwise no one rather than the import's own user.
    userId: r.user ? (users.byKey.get(r.user.toLowerCase()) ?? null) : null,
  }));
  const written = await insertImportedActivities(trx, orgId, rows, ctx.now);
  return {
    imported: written,
    updated: 0,
    unchanged: linked.length - written,
    rejected: rejected.sort((a, b) => a.line - b.line),
    createdOwners: users.created,
  };
}

function readActivityRow(r: RowReader, line: number, now: Date): ActivityFileRow {
  const typeText = r.text('type')?.toLowerCase() ?? null;
  if (typeText === null) throw new RowError('type', `an activity needs a type (${ACTIVITY_TYPES.join(', ')})`);
  const type = ACTIVITY_TYPES.find((t) => t === typeText);
  if (!type) throw new RowError('type', `${typeText} is not one of ${ACTIVITY_TYPES.join(', ')}`);
  const [lead, deal, account] = [r.text('lead'), r.text('deal'), r.text('account')];
  if (lead === null && deal === null && account === null) {
    throw new RowError('lead', 'an activity needs at least one of lead, deal or account');
  }
  const occurredAt = r.date('occurred_at');
  if (occurredAt === null) {
    throw new RowError('occurred_at', 'an activity needs the time it happened, so a second import recognises it');
  }
  const subject = r.text('subject');
  if (subject !== null && subject.length > MAX_SUBJECT) {
    throw new RowError('subject', `at most ${MAX_SUBJECT} characters`);
  }
  const body = r.text('body');
  if (body !== null && body.length > MAX_BODY) throw new RowError('body', `at most ${MAX_BODY} characters`);
  const directionText = r.text('direction')?.toLowerCase() ?? null;
  const direction = directionText === null ? null : ACTIVITY_DIRECTIONS.find((d) => d === directionText);
  if (direction === undefined) {
    throw new RowError('direction', `${directionText} is not one of ${ACTIVITY_DIRECTIONS.join(', ')}`);
  }
  const dueAt = r.date('due_at');
  if (dueAt !== null && type !== 'task') throw new RowError('due_at', `only a task has a due date, not a ${type}`);
  return {
    line,
    externalId: r.externalId(),
    type,
    subject,
    body,
    direction,
    occurredAt,
    dueAt,
    completedAt: completionOf(r, type, now),
    user: r.text('user'),
    lead,
    deal,
    account,
  };
}

// A task is completed at `completed_at`, or, when the file only says it is done, at the
// import: the time it became known, as the complete command stamps it.
function completionOf(r: RowReader, type: ActivityType, now: Date): Date | null {
  const completedAt = r.date('completed_at');
  const doneText = r.text('completed');
  let done: boolean | null = null;
  if (doneText !== null) {
    const flag = parseBoolean(doneText);
    if (!flag.ok) throw new RowError('completed', flag.reason);
    done = flag.value;
  }
  if (done === false && completedAt !== null) {
    throw new RowError('completed', 'says the task is not completed, but completed_at is set');
  }
  const at = completedAt ?? (done ? now : null);
  if (at === null) return null;
  const field = completedAt !== null ? 'completed_at' : 'completed';
  if (type !== 'task') throw new RowError(field, `only a task is completed, not a ${type}`);
  if (at.getTime() > now.getTime()) throw new RowError('completed_at', 'a task cannot be completed in the future');
  return at;
}

function naturalKey(
  r: ActivityFileRow & { leadId: LeadId | null; dealId: DealId | null; accountId: AccountId | null },
) {
  return JSON.stringify([r.leadId, r.dealId, r.accountId, r.type, r.occurredAt.getTime(), r.subject]);
}
