import type { Selectable } from 'kysely';
import type { Trx } from '../db/database.ts';
import { findLeadForMerge } from '../lifecycle/lead-queries.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { type LeadId, newId } from '../shared/ids.ts';
import type { LeadMergesTable, MergeSnapshot } from './capture.tables.ts';
import { insertMerge, leadUpdatedAtText, moveChildren, writeLeadColumns } from './lead-merges.store.ts';
import { planFieldFill } from './merge-fields.ts';
import type { LeadMerge, LeadMergeInput } from './merges.schema.ts';

// Merging two leads makes one person of them without losing anything of either:
//
// - Touchpoints, activities and deals of the merged lead move to the survivor; their ids
//   are recorded so an undo moves exactly those back.
// - Stage events do not move. A lead's stage is the fold of its own events
//   (lead-transitions.ts, replayStages), and splicing two histories would make the fold
//   jump between unrelated stages. The merged lead keeps its events, so its history stays
//   readable and true; the survivor's timeline shows them as merged history
//   (timeline.store.ts). The survivor keeps its stage even when the merged lead was further
//   down the funnel: no synthetic stage event is written, because no one made that move;
//   whoever works the lead moves it on with a transition, which records why.
// - The survivor's empty fields are filled from the merged lead, or per `fields`
//   (merge-fields.ts). The external id is not: it is a unique key, and it stays on the
//   merged lead, where ingest matching (lead-identity.ts) follows it to the survivor.
// - The merged lead is kept, pointing at its survivor through merged_into_id; every read
//   (lists, gets, the duplicates view, references from new deals and activities) treats
//   it as gone, so GET /leads/:mergedId answers 404. GET /leads/merges?leadId= tells where
//   it went.
//
// The audit trigger records the merge record, each moved row and each changed field.
export async function mergeLeads(trx: Trx, ctx: CommandContext, input: LeadMergeInput): Promise<LeadMerge> {
  const { orgId, userId } = ctx.actor;
  const { survivorId, mergedId } = input;
  if (survivorId === mergedId) {
    throw new AppError('validation_failed', `mergedId: a lead cannot be merged with itself (${mergedId})`, 'mergedId');
  }
  // Locks in id order, so two merges of the same pair cannot deadlock.
  const [first, second] = survivorId < mergedId ? [survivorId, mergedId] : [mergedId, survivorId];
  const rows = new Map<LeadId, Awaited<ReturnType<typeof findLeadForMerge>>>();
  rows.set(first, await findLeadForMerge(trx, ctx.actor, first, { lock: true }));
  rows.set(second, await findLeadForMerge(trx, ctx.actor, second, { lock: true }));
  const survivor = rows.get(survivorId);
  const merged = rows.get(mergedId);
  if (!survivor) throw new AppError('not_found', `survivorId: lead ${survivorId} was not found`, 'survivorId');
  if (!merged) throw new AppError('not_found', `mergedId: lead ${mergedId} was not found`, 'mergedId');
  if (survivor.merged_into_id) {
    throw new AppError(
      'conflict',
      `survivorId: lead ${survivorId} was already merged into ${survivor.merged_into_id}`,
      'survivorId',
    );
  }
  if (merged.merged_into_id) {
    throw new AppError(
      'conflict',
      `mergedId: lead ${mergedId} was already merged into ${merged.merged_into_id}`,
      'mergedId',
    );
  }

  const fill = planFieldFill(survivor, merged, input.fields ?? {});
  const survivorUpdatedAt = await leadUpdatedAtText(trx, orgId, survivorId);
  const mergedUpdatedAt = await leadUpdatedAtText(trx, orgId, mergedId);
  const moved = await moveChildren(trx, orgId, mergedId, survivorId);
  const snapshot: MergeSnapshot = {
    merged: { ...merged },
    survivorUpdatedAt,
    mergedUpdatedAt,
    filledFields: fill.fields,
    before: fill.before,
    after: fill.after,
    moved,
  };
  await writeLeadColumns(trx, orgId, mergedId, { columns: {}, mergedIntoId: survivorId, updatedAt: ctx.now });
  if (fill.fields.length > 0) {
    await writeLeadColumns(trx, orgId, survivorId, { columns: fill.after, updatedAt: ctx.now });
  }
  const row = await insertMerge(trx, orgId, {
    id: newId(ctx.now.getTime()),
    survivor_id: survivorId,
    merged_id: mergedId,
    merged_at: ctx.now,
    merged_by: userId,
    undone_at: null,
    undone_by: null,
    snapshot: JSON.stringify(snapshot),
  });
  return toLeadMerge(row);
}

export function toLeadMerge(row: Selectable<LeadMergesTable>): LeadMerge {
  const { snapshot } = row;
  return {
    id: row.id,
    survivorId: row.survivor_id,
    mergedId: row.merged_id,
    mergedAt: row.merged_at.toISOString(),
    mergedBy: row.merged_by,
    undoneAt: row.undone_at?.toISOString() ?? null,
    undoneBy: row.undone_by,
    filledFields: snapshot.filledFields,
    moved: {
      touchpoints: snapshot.moved.touchpoints.length,
      activities: snapshot.moved.activities.length,
      deals: snapshot.moved.deals.length,
    },
  };
}
