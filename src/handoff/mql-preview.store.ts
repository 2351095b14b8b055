import { type RawBuilder, sql } from 'kysely';
import { FREE_MAIL_COUNTRY_VARIANT, FREE_MAIL_DOMAINS } from '../capture/known-hosts.ts';
import type { Executor } from '../db/database.ts';
import type { OrgId } from '../shared/ids.ts';
import type { MqlCondition, MqlRules, RequiredField } from './mql-definition.ts';
import { type FieldMatch, normalizeText, type ScoreField, type ScoringRule } from './scoring.ts';

// The definition preview, set-based: one statement scores every lead of the window under a
// draft definition and counts how many pass each check. It is scoring.ts and
// mql-definition.ts written in SQL — the same decay, cap and rounding, the same meaning of
// include, exclude and unknown — and mql-preview.test.ts holds the two to the same answers.

export interface PreviewCounts {
  readonly total: number;
  /** Per check of mqlChecks(rules), in that order. */
  readonly passed: readonly number[];
  readonly passAllConditions: number;
  readonly wouldBeMql: number;
  readonly becameMql: number;
}

type Sql<T = unknown> = RawBuilder<T>;

const FREE_MAIL = [...FREE_MAIL_DOMAINS];

export async function countMqlPreview(
  db: Executor,
  orgId: OrgId,
  rules: MqlRules,
  from: Date,
  now: Date,
): Promise<PreviewCounts> {
  const decayed = rules.scoringRules.flatMap((rule, i) =>
    rule.kind === 'touch'
      ? [
          sql`sum(power(0.5::float8, extract(epoch from (${now}::timestamptz - t.occurred_at))::float8
            / 86400 / ${rules.scoreHalfLifeDays}::float8)) filter (where t.type = ${rule.touchType})
            as ${sql.ref(`t${i}`)}`,
        ]
      : [],
  );
  const score = sql.join([sql`0`, ...rules.scoringRules.map((rule, i) => rulePoints(rule, i))], sql` + `);
  const fit = [
    ...rules.requiredFields.map((field) => filled(requiredColumn(field))),
    ...rules.conditions.map(conditionPasses),
  ];
  const checks = [sql`(${score}) >= ${rules.scoreThreshold}`, ...fit];
  const checkColumns = checks.map((check, i) => sql`coalesce(${check}, false) as ${sql.ref(`c${i}`)}`);
  const counts = checks.map((_, i) => sql`count(*) filter (where ${sql.ref(`c${i}`)})::int as ${sql.ref(`n${i}`)}`);
  const allFit = sql.join([sql`true`, ...fit.map((_, i) => sql.ref(`c${i + 1}`))], sql` and `);
  const touchSums = decayed.length > 0 ? sql`, ${sql.join(decayed)}` : sql``;
  // From the inside out: each lead of the window with its account, its normalised text and
  // its touches' decayed sums per rule (touches counted from its last recycle); then every
  // check once per lead; then the counts. `offset 0` keeps each level from being merged into
  // the next, which would evaluate a shared expression once per use instead of once per lead.
  const query = sql<Record<string, number>>`
    select count(*)::int as total, ${sql.join(counts)},
      count(*) filter (where ${allFit})::int as pass_all,
      count(*) filter (where ${allFit} and c0)::int as would_be_mql,
      count(*) filter (where became_mql)::int as became_mql
    from (
      select ${sql.join(checkColumns)}, exists (
        select 1 from lead_stage_events e where e.org_id = ${orgId} and e.lead_id = f.id and e.to_stage = 'mql'
      ) as became_mql
      from (
        select l.id, l.first_name, l.last_name, l.email, l.phone, l.title, l.company_name, l.country, l.account_id,
          l.custom, a.industry as account_industry, a.employee_count as account_employee_count,
          lower(btrim(l.title)) as title_n, lower(btrim(l.country)) as country_n,
          lower(btrim(l.company_name)) as company_n, lower(btrim(a.industry)) as industry_n,
          nullif(lower(btrim(split_part(l.email_normalized, '@', 2))), '') as domain_n, tt.*
        from leads l
        left join accounts a on a.org_id = l.org_id and a.id = l.account_id
        left join (
          select t.lead_id${touchSums}
          from touchpoints t
          join leads tl on tl.org_id = t.org_id and tl.id = t.lead_id
          left join (
            select e.lead_id, max(e.occurred_at) as recycled_at from lead_stage_events e
            where e.org_id = ${orgId} and e.to_stage = 'recycled'
            group by e.lead_id
          ) r on r.lead_id = t.lead_id
          where t.org_id = ${orgId} and t.occurred_at <= ${now}::timestamptz
            and (r.recycled_at is null or t.occurred_at >= r.recycled_at)
            and tl.merged_into_id is null
            and tl.created_at >= ${from}::timestamptz and tl.created_at <= ${now}::timestamptz
          group by t.lead_id
        ) tt on tt.lead_id = l.id
        where l.org_id = ${orgId} and l.merged_into_id is null
          and l.created_at >= ${from}::timestamptz and l.created_at <= ${now}::timestamptz
        offset 0
      ) f
      offset 0
    ) c
  `;
  // A one-off statement: PostgreSQL would spend longer compiling it (JIT) than running it,
  // and grouping the window's touches wants more memory than the default, not a disk sort.
  const result = db.isTransaction
    ? await query.execute(db)
    : await db.transaction().execute(async (trx) => {
        await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(trx);
        return query.execute(trx);
      });
  const row = result.rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    total: n('total'),
    passed: checks.map((_, i) => n(`n${i}`)),
    passAllConditions: n('pass_all'),
    wouldBeMql: n('would_be_mql'),
    becameMql: n('became_mql'),
  };
}

// scoring.ts touchPoints(): capped towards the sign of the points, then floor(x + 0.5).
function rulePoints(rule: ScoringRule, i: number): Sql {
  if (rule.kind === 'field') {
    return sql`(case when coalesce(${fieldMatches(rule.match, rule.field)}, false) then ${rule.points}::int else 0 end)`;
  }
  let value = sql`(${rule.points}::float8 * coalesce(f.${sql.ref(`t${i}`)}, 0))`;
  if (rule.cap !== null && rule.cap !== undefined) {
    value =
      rule.points >= 0 ? sql`least(${value}, ${rule.cap}::float8)` : sql`greatest(${value}, ${-rule.cap}::float8)`;
  }
  return sql`floor(${value} + 0.5)::int`;
}

const NUMERIC_TEXT = '^\\s*-?\\d+(\\.\\d+)?\\s*$';

function numberOfText(text: Sql): Sql<number | null> {
  return sql`(case when ${text} ~ ${NUMERIC_TEXT} then btrim(${text})::numeric end)`;
}

/**
 * What a score field reads: as scoring.ts normalizeText() makes it (trimmed, lower case), and
 * as scoring.ts numericValue() reads it.
 */
function fieldColumn(field: ScoreField): { lowered: Sql<string | null>; number: Sql<number | null> } {
  switch (field) {
    case 'title':
      return { lowered: sql`f.title_n`, number: numberOfText(sql`f.title`) };
    case 'country':
      return { lowered: sql`f.country_n`, number: numberOfText(sql`f.country`) };
    case 'companyName':
      return { lowered: sql`f.company_n`, number: numberOfText(sql`f.company_name`) };
    case 'emailDomain':
      return { lowered: sql`f.domain_n`, number: numberOfText(sql`f.domain_n`) };
    case 'account.industry':
      return { lowered: sql`f.industry_n`, number: numberOfText(sql`f.account_industry`) };
    case 'account.employeeCount':
      return { lowered: sql`f.account_employee_count::text`, number: sql`f.account_employee_count::numeric` };
    default: {
      const key = field.slice('custom.'.length);
      const text = sql`(f.custom ->> ${key})`;
      return {
        lowered: sql`lower(btrim(${text}))`,
        number: sql`(case jsonb_typeof(f.custom -> ${key})
          when 'number' then ${text}::numeric when 'string' then ${numberOfText(text)} end)`,
      };
    }
  }
}

function fieldMatches(match: FieldMatch, field: ScoreField): Sql<boolean> {
  const { lowered, number } = fieldColumn(field);
  switch (match.op) {
    case 'equals':
      return sql`${lowered} = ${normalizeText(match.value)}`;
    case 'contains':
      return sql`strpos(${lowered}, ${normalizeText(match.value)}) > 0`;
    case 'in':
      return sql`${lowered} = any(${lowerAll(match.values)})`;
    case 'at_least':
      return sql`${number} >= ${String(match.value)}::numeric`;
    case 'below':
      return sql`${number} < ${String(match.value)}::numeric`;
  }
}

function requiredColumn(field: RequiredField): Sql<string | null> {
  const columns: Record<string, string> = {
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'email',
    phone: 'phone',
    title: 'title',
    companyName: 'company_name',
    country: 'country',
    accountId: 'account_id',
  };
  const column = columns[field];
  if (column !== undefined) return sql`f.${sql.ref(column)}::text`;
  return sql`(f.custom ->> ${field.slice('custom.'.length)})`;
}

/** mql-definition.ts isFilled(): known and, for text, not blank. */
function filled(value: Sql<string | null>): Sql<boolean> {
  return sql`nullif(btrim(${value}), '') is not null`;
}

/** mql-definition.ts conditionFailure() === null, over normalised values. */
function conditionPasses(condition: MqlCondition): Sql<boolean> {
  const domain = sql<string | null>`f.domain_n`;
  switch (condition.kind) {
    case 'country':
      return byMode(condition.mode, sql`f.country_n`, (v) => sql`${v} = any(${lowerAll(condition.values)})`);
    case 'custom':
      return byMode(
        condition.mode,
        sql`lower(btrim(f.custom ->> ${condition.key}))`,
        (v) => sql`${v} = any(${lowerAll(condition.values)})`,
      );
    case 'email_domain':
      return byMode(condition.mode, domain, (v) => domainIn(v, condition.values));
    case 'free_mail':
      return byMode(
        condition.mode,
        domain,
        (v) => sql`(${v} = any(${FREE_MAIL}::text[]) or ${v} ~ ${FREE_MAIL_COUNTRY_VARIANT.source})`,
      );
    case 'company_size': {
      const count = sql`f.account_employee_count`;
      const min = condition.min === null ? sql`true` : sql`${count} >= ${condition.min}::int`;
      const max = condition.max === null ? sql`true` : sql`${count} < ${condition.max}::int`;
      return byMode(condition.mode, sql`${count}::text`, () => sql`(${min} and ${max})`);
    }
    case 'competitor':
      return sql`not coalesce(${domainIn(domain, condition.domains)}, false)`;
  }
}

// Include passes a known value that matches; exclude passes anything else (unknown included).
// `value` is already trimmed, so known means not null and not empty.
function byMode(mode: 'include' | 'exclude', value: Sql, matches: (value: Sql) => Sql<boolean>): Sql<boolean> {
  const hit = sql<boolean>`coalesce(${value} <> '' and ${matches(value)}, false)`;
  return mode === 'include' ? hit : sql<boolean>`not ${hit}`;
}

function lowerAll(values: readonly string[]): Sql {
  return sql`${values.map(normalizeText)}::text[]`;
}

/** mql-definition.ts domainMatches(): the domain itself or a subdomain of it. */
function domainIn(value: Sql, domains: readonly string[]): Sql<boolean> {
  // Domains are letters, digits, hyphens and dots (mql.schema.ts): only the dots need escaping.
  const patterns = domains.map((d) => normalizeText(d).replace(/^@/, '').replaceAll('.', '\\.'));
  return sql`${value} ~ ${`(^|\\.)(${patterns.join('|')})$`}`;
}
