import type { Selectable } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { LeadStage } from '../lifecycle/constants.ts';
import type { LeadsTable } from '../lifecycle/lifecycle.tables.ts';
import { applyLeadTransition } from '../lifecycle/transition-lead.ts';
import { notFound } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import type { LeadId } from '../shared/ids.ts';
import { loadQualificationRow, type QualificationRow, writeLeadScore } from './mql.store.ts';
import { currentMqlDefinition, type VersionedMqlDefinition } from './mql-current.ts';
import { evaluateMql, type MqlEvaluation } from './mql-definition.ts';
import { type LeadFacts, type Score, scoreLead } from './scoring.ts';

/** Stages from which a lead that qualifies becomes an MQL; any later stage is sales' business. */
export const QUALIFYING_STAGES: readonly LeadStage[] = ['inquiry', 'recycled'];

export interface Assessment {
  readonly score: Score;
  readonly evaluation: MqlEvaluation;
  /** Touches before this instant did not count (the lead was recycled then). */
  readonly countTouchesFrom: Date | null;
}

export interface Qualification extends Assessment {
  readonly stage: LeadStage;
  readonly definitionVersion: number;
  /** The whole lead as the move into mql left it, when this call moved it; otherwise null. */
  readonly movedLead: Selectable<LeadsTable> | null;
}

// Called on every capture and every lead create or update (docs/handoff.md): recomputes the
// lead's score under the org's current definition and writes it, and moves a lead in
// inquiry or recycled that now qualifies to mql through the lifecycle's own transition, with
// the definition version in the event and on the lead. The transition's stage-change hook
// routes the new MQL; this function does not. Costs one read and at most one write when
// nothing moves.
export async function qualifyLead(trx: Trx, ctx: CommandContext, leadId: LeadId): Promise<Qualification | null> {
  const { orgId } = ctx.actor;
  const loaded = await loadQualificationRow(trx, orgId, leadId, { forUpdate: true, onlyWhenAutomatic: true });
  if (!loaded) throw notFound('lead', leadId);
  if (!loaded.automatic) return null;
  const definition = await currentMqlDefinition(trx, ctx, loaded.definition);
  const assessment = assessLead(definition, loaded, ctx.now);
  const { total } = assessment.score;
  const moves = assessment.evaluation.qualifies && QUALIFYING_STAGES.includes(loaded.lead.stage);
  const { version } = definition;
  if (!moves) {
    if (total !== loaded.lead.score) await writeLeadScore(trx, orgId, leadId, total);
    return { ...assessment, stage: loaded.lead.stage, definitionVersion: version, movedLead: null };
  }
  const note = `Qualified under MQL definition v${version}: score ${total} (threshold ${definition.rules.scoreThreshold})`;
  const qualified = { score: total, version };
  const moved = await applyLeadTransition(trx, ctx, loaded.lead, { to: 'mql', note, qualified }, 'command');
  return { ...assessment, stage: moved.row.stage, definitionVersion: version, movedLead: moved.row };
}

/**
 * The row a command wrote, as qualification left it: moved into mql, or with its new score
 * (as it was, when the org qualifies leads by hand).
 */
export function qualifiedRow(row: Selectable<LeadsTable>, qualification: Qualification | null): Selectable<LeadsTable> {
  if (qualification === null) return row;
  return qualification.movedLead ?? { ...row, score: qualification.score.total };
}

/** The lead's score and evaluation under a definition, as of `now`; reads and writes nothing. */
export function assessLead(definition: VersionedMqlDefinition, loaded: QualificationRow, now: Date): Assessment {
  const facts = leadFacts(loaded);
  const { rules } = definition;
  const score = scoreLead({
    rules: rules.scoringRules,
    halfLifeDays: rules.scoreHalfLifeDays,
    now,
    facts,
    touches: loaded.touches,
    countTouchesFrom: loaded.recycledAt,
  });
  return { score, evaluation: evaluateMql(rules, facts, score.total), countTouchesFrom: loaded.recycledAt };
}

export function leadFacts(loaded: QualificationRow): LeadFacts {
  const { lead } = loaded;
  const at = lead.email_normalized?.lastIndexOf('@') ?? -1;
  return {
    firstName: lead.first_name,
    lastName: lead.last_name,
    email: lead.email,
    phone: lead.phone,
    title: lead.title,
    companyName: lead.company_name,
    country: lead.country,
    emailDomain: lead.email_normalized && at > 0 ? lead.email_normalized.slice(at + 1) : null,
    accountId: lead.account_id,
    accountIndustry: loaded.accountIndustry,
    accountEmployeeCount: loaded.accountEmployeeCount,
    custom: lead.custom,
  };
}
