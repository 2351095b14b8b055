import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LeadsTable } from '../lifecycle/lifecycle.tables.ts';
import type { LeadId, OrgId, UserId } from '../shared/ids.ts';
import type { MqlDefinitionsTable } from './handoff.tables.ts';
import type { MqlRules } from './mql-definition.ts';
import type { Touch } from './scoring.ts';

export type MqlDefinitionRow = Selectable<MqlDefinitionsTable>;
type DefinitionJson = Omit<MqlDefinitionRow, 'created_at'> & { created_at: string };

export function latestMqlDefinition(db: Executor, orgId: OrgId) {
  return db
    .selectFrom('mql_definitions')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

function columns(rules: MqlRules) {
  return {
    score_threshold: rules.scoreThreshold,
    required_fields: [...rules.requiredFields],
    conditions: JSON.stringify(rules.conditions),
    scoring_rules: JSON.stringify(rules.scoringRules),
    score_half_life_days: rules.scoreHalfLifeDays,
  };
}

/** Version 1, unless the org already has one (a concurrent first use inserted it). */
export async function insertFirstMqlDefinition(db: Executor, orgId: OrgId, rules: MqlRules, at: Date): Promise<void> {
  await db
    .insertInto('mql_definitions')
    .values({ org_id: orgId, version: 1, ...columns(rules), created_by: null, created_at: at })
    .onConflict((oc) => oc.columns(['org_id', 'version']).doNothing())
    .execute();
}

// Two saves racing for the same version number: the second fails on the primary key and
// its transaction rolls back (409), rather than silently overwriting the first.
export async function insertNextMqlDefinition(
  db: Executor,
  orgId: OrgId,
  rules: MqlRules,
  createdBy: UserId | null,
  at: Date,
): Promise<MqlDefinitionRow> {
  const latest = await latestMqlDefinition(db, orgId);
  return db
    .insertInto('mql_definitions')
    .values({
      org_id: orgId,
      version: (latest?.version ?? 0) + 1,
      ...columns(rules),
      created_by: createdBy,
      created_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The lead columns qualification reads: what the rules test, its stage and stored score. */
export const QUALIFICATION_COLUMNS = [
  'id',
  'stage',
  'stage_changed_at',
  'score',
  'mql_version',
  'first_name',
  'last_name',
  'email',
  'email_normalized',
  'phone',
  'title',
  'company_name',
  'country',
  'account_id',
  'custom',
] as const;
export type QualificationLead = Pick<Selectable<LeadsTable>, (typeof QUALIFICATION_COLUMNS)[number]>;

export interface QualificationRow {
  readonly lead: QualificationLead;
  /** Whether the org scores and qualifies leads on every capture and update (auto_qualify). */
  readonly automatic: boolean;
  /** The org's latest MQL definition, null when it never had one. */
  readonly definition: MqlDefinitionRow | null;
  readonly accountIndustry: string | null;
  readonly accountEmployeeCount: number | null;
  /** The last time the lead moved into recycled, if it ever did. */
  readonly recycledAt: Date | null;
  readonly touches: Touch[];
}

// Everything qualification reads, in one statement (it runs on every capture): the lead
// (locked, when asked, so two captures of the same person qualify it one after the other),
// whether the org qualifies automatically, its account's firmographics, when it was last
// recycled, its touches as [type, epoch ms] pairs, and the org's latest MQL definition.
// With `onlyWhenAutomatic`, an org that qualifies by hand pays for the lead and its
// settings only: the definition, touches and recycling are then left empty.
export async function loadQualificationRow(
  db: Executor,
  orgId: OrgId,
  leadId: LeadId,
  options: { readonly forUpdate: boolean; readonly onlyWhenAutomatic?: boolean },
): Promise<QualificationRow | null> {
  const automatic = sql<boolean>`coalesce(hs.auto_qualify, true)`;
  const unlessManual = <T>(expression: RawBuilder<T>) =>
    options.onlyWhenAutomatic ? sql<T | null>`case when ${automatic} then ${expression} end` : expression;
  let query = db
    .selectFrom('leads as l')
    .leftJoin('accounts as a', (join) => join.onRef('a.org_id', '=', 'l.org_id').onRef('a.id', '=', 'l.account_id'))
    .leftJoin('handoff_settings as hs', 'hs.org_id', 'l.org_id')
    .select(QUALIFICATION_COLUMNS.map((c) => `l.${c}` as const))
    .select([
      automatic.as('automatic'),
      'a.industry as account_industry',
      'a.employee_count as account_employee_count',
      unlessManual(sql<Date | null>`(select max(e.occurred_at) from lead_stage_events e
        where e.org_id = l.org_id and e.lead_id = l.id and e.to_stage = 'recycled')`).as('recycled_at'),
      unlessManual(sql<[string, number][]>`(select coalesce(json_agg(json_build_array(t.type,
          (extract(epoch from t.occurred_at) * 1000)::float8)), '[]'::json)
        from touchpoints t where t.org_id = l.org_id and t.lead_id = l.id)`).as('touches'),
      unlessManual(sql<DefinitionJson | null>`(select to_jsonb(d) from mql_definitions d
        where d.org_id = l.org_id order by d.version desc limit 1)`).as('definition'),
    ])
    .where('l.org_id', '=', orgId)
    .where('l.id', '=', leadId)
    .where('l.merged_into_id', 'is', null);
  if (options.forUpdate) query = query.forUpdate(['l']);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const {
    automatic: isAutomatic,
    account_industry,
    account_employee_count,
    recycled_at,
    touches,
    definition,
    ...lead
  } = row;
  return {
    lead,
    automatic: isAutomatic,
    definition: definition === null ? null : { ...definition, created_at: new Date(definition.created_at) },
    accountIndustry: account_industry,
    accountEmployeeCount: account_employee_count,
    recycledAt: recycled_at,
    touches: (touches ?? []).map(([type, ms]) => ({ type, occurredAt: new Date(ms) })),
  };
}

export async function writeLeadScore(db: Executor, orgId: OrgId, leadId: LeadId, score: number): Promise<void> {
  await db.updateTable('leads').set({ score }).where('org_id', '=', orgId).where('id', '=', leadId).execute();
}
