import type { Executor } from '../db/database.ts';
import type { CommandContext } from '../shared/context.ts';
import type { UserId } from '../shared/ids.ts';
import type { MqlDefinition } from './mql.schema.ts';
import { insertFirstMqlDefinition, latestMqlDefinition, type MqlDefinitionRow } from './mql.store.ts';
import { DEFAULT_MQL_RULES, type MqlCondition, type MqlRules, type RequiredField } from './mql-definition.ts';
import type { ScoringRule } from './scoring.ts';

export interface VersionedMqlDefinition {
  readonly version: number;
  readonly rules: MqlRules;
  readonly createdBy: UserId | null;
  readonly createdAt: Date;
}

// The org's latest MQL definition (`latest` when the caller has read it already). An org
// that never saved one gets the default as version 1, written the first time anything needs
// it (a capture, a read of the settings), so every qualification names a version that
// exists and the first save becomes version 2.
export async function currentMqlDefinition(
  db: Executor,
  ctx: CommandContext,
  latest?: MqlDefinitionRow | null,
): Promise<VersionedMqlDefinition> {
  const { orgId } = ctx.actor;
  let row = latest ?? (await latestMqlDefinition(db, orgId));
  if (!row) {
    await insertFirstMqlDefinition(db, orgId, DEFAULT_MQL_RULES, ctx.now);
    row = await latestMqlDefinition(db, orgId);
    if (!row) throw new Error(`the default MQL definition of org ${orgId} was not written`);
  }
  return fromRow(row);
}

// Only validated definitions are written (save-mql-definition.ts and the default), so the
// JSON columns are read as the types they were saved from.
export function fromRow(row: MqlDefinitionRow): VersionedMqlDefinition {
  return {
    version: row.version,
    rules: {
      scoreThreshold: row.score_threshold,
      requiredFields: row.required_fields as RequiredField[],
      conditions: row.conditions as MqlCondition[],
      scoringRules: row.scoring_rules as ScoringRule[],
      scoreHalfLifeDays: row.score_half_life_days,
    },
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function toMqlDefinitionView(definition: VersionedMqlDefinition): MqlDefinition {
  const { rules } = definition;
  return {
    version: definition.version,
    scoreThreshold: rules.scoreThreshold,
    requiredFields: [...rules.requiredFields],
    conditions: rules.conditions as MqlDefinition['conditions'],
    scoringRules: rules.scoringRules as MqlDefinition['scoringRules'],
    scoreHalfLifeDays: rules.scoreHalfLifeDays,
    createdBy: definition.createdBy,
    createdAt: definition.createdAt.toISOString(),
  };
}
