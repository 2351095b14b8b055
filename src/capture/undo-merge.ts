import type { Trx } from '../db/database.ts';
import { findLeadForMerge } from '../lifecycle/lead-queries.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import {
  CHILD_TABLES,
  countChildrenOn,
  findMerge,
  markMergeUndone,
  moveChildrenBack,
  writeLeadColumns,
} from './lead-merges.store.ts';
import { type FillColumn, sameValue } from './merge-fields.ts';
import { toLeadMerge } from './merge-leads.ts';
import type { LeadMerge } from './merges.schema.ts';

// Puts both leads back exactly as they were before the merge: the recorded child rows move
// back to the merged lead, the survivor's fields the merge wrote get their old values, and
// the merged lead is visible again. Rows created on the survivor since stay with it.
//
// An undo that could not be exact is refused (409 naming the merge) rather than done by
// halves: when the survivor was since merged into another lead, when a moved row no longer
// belongs to the survivor (a deal re-linked to another lead), or when a field the merge
// filled was edited since (putting the old value back would silently lose that edit).
export async function undoMerge(trx: Trx, ctx: CommandContext, mergeId: string): Promise<LeadMerge> {
  const { orgId, userId } = ctx.actor;
  const merge = await findMerge(trx, orgId, mergeId, { forUpdate: true });
  if (!merge) throw notFound('merge', mergeId);
  const survivor = await findLeadForMerge(trx, ctx.actor, merge.survivor_id, { lock: true });
  const merged = await findLeadForMerge(trx, ctx.actor, merge.merged_id, { lock: true });
  if (!survivor || !merged) throw notFound('merge', mergeId);
  const refuse = (why: string) => new AppError('conflict', `merge ${mergeId} cannot be undone: ${why}`, 'mergeId');
  if (merge.undone_at) throw refuse(`it was undone at ${merge.undone_at.toISOString()}`);
  if (survivor.merged_into_id) {
    throw refuse(`lead ${survivor.id} was since merged into ${survivor.merged_into_id}; undo that merge first`);
  }
  if (merged.merged_into_id !== survivor.id) throw refuse(`lead ${merged.id} is no longer merged into ${survivor.id}`);

  const { snapshot } = merge;
  for (const table of CHILD_TABLES) {
    const ids = snapshot.moved[table];
    const still = await countChildrenOn(trx, orgId, table, ids, survivor.id);
    if (still !== ids.length) {
      throw refuse(`${ids.length - still} of the ${table} it moved no longer belong to lead ${survivor.id}`);
    }
  }
  const columns = Object.keys(snapshot.after) as FillColumn[];
  const edited = columns.find((column) => !sameValue(survivor[column], snapshot.after[column]));
  if (edited) throw refuse(`lead ${survivor.id}'s ${edited} was changed after the merge`);

  for (const table of CHILD_TABLES) await moveChildrenBack(trx, orgId, table, snapshot.moved[table], merged.id);
  if (columns.length > 0) {
    // The survivor's old updated_at comes back only if nothing else changed it since.
    const untouched = survivor.updated_at.getTime() === merge.merged_at.getTime();
    await writeLeadColumns(trx, orgId, survivor.id, {
      columns: snapshot.before,
      updatedAt: untouched ? snapshot.survivorUpdatedAt : ctx.now,
    });
  }
  await writeLeadColumns(trx, orgId, merged.id, {
    columns: {},
    mergedIntoId: null,
    updatedAt: snapshot.mergedUpdatedAt,
  });
  return toLeadMerge(await markMergeUndone(trx, orgId, mergeId, userId, ctx.now));
}
