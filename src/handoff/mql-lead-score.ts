import type { Trx } from '../db/database.ts';
import { getLead } from '../lifecycle/lead-queries.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { LeadId } from '../shared/ids.ts';
import type { LeadScoreView } from './mql.schema.ts';
import { loadQualificationRow } from './mql.store.ts';
import { currentMqlDefinition } from './mql-current.ts';
import { assessLead } from './qualify-lead.ts';

// A lead's score as of now with the rules that made it, and what the current definition
// says about it. Reads only (beyond writing the default definition on first use); the
// stored score is what the lead's last capture or update wrote.
export async function getLeadScore(trx: Trx, ctx: CommandContext, leadId: LeadId): Promise<LeadScoreView> {
  await getLead(trx, ctx.actor, leadId);
  const loaded = await loadQualificationRow(trx, ctx.actor.orgId, leadId, { forUpdate: false });
  if (!loaded) throw notFound('lead', leadId);
  const definition = await currentMqlDefinition(trx, ctx, loaded.definition);
  const { score, evaluation, countTouchesFrom } = assessLead(definition, loaded, ctx.now);
  return {
    leadId,
    score: score.total,
    storedScore: loaded.lead.score,
    computedAt: ctx.now.toISOString(),
    definitionVersion: definition.version,
    lines: [...score.lines],
    ignoredTouches: score.ignoredTouches,
    countTouchesFrom: countTouchesFrom?.toISOString() ?? null,
    qualifies: evaluation.qualifies,
    failed: [...evaluation.failed],
    mqlVersion: loaded.lead.mql_version,
  };
}
