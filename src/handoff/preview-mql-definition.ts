import type { Executor } from '../db/database.ts';
import type { CommandContext } from '../shared/context.ts';
import type { MqlPreview } from './mql.schema.ts';
import { type MqlRules, mqlChecks } from './mql-definition.ts';
import { countMqlPreview } from './mql-preview.store.ts';
import { assertDefinitionReferences } from './save-mql-definition.ts';

export const PREVIEW_DAYS = 30;

// How a draft definition would have treated last month's leads (created in the 30 days up
// to now): each check on its own, all fit checks together, and all of them with the score.
// Scores are computed as of now under the draft's scoring rules, not read from the leads.
export async function previewMqlDefinition(db: Executor, ctx: CommandContext, draft: MqlRules): Promise<MqlPreview> {
  await assertDefinitionReferences(db, ctx.actor.orgId, draft);
  const from = new Date(ctx.now.getTime() - PREVIEW_DAYS * 86_400_000);
  const counts = await countMqlPreview(db, ctx.actor.orgId, draft, from, ctx.now);
  return {
    from: from.toISOString(),
    to: ctx.now.toISOString(),
    total: counts.total,
    checks: mqlChecks(draft).map((check, i) => ({ ...check, passed: counts.passed[i] ?? 0 })),
    passAllConditions: counts.passAllConditions,
    wouldBeMql: counts.wouldBeMql,
    becameMql: counts.becameMql,
  };
}
