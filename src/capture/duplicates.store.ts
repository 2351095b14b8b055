import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CursorPosition } from '../shared/cursor.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';
import type { DuplicateListQuery, DuplicateReason } from './ingest.schema.ts';

export interface DuplicateGroupRow {
  reason: DuplicateReason;
  key: string;
  lead_ids: LeadId[];
  count: number;
  /** The group's oldest lead: with the reason, it orders and pages the groups. */
  id: LeadId;
  sort_key: string;
}

const MAX_IDS = 50;

// Merged leads are gone from this view. Groups of two or more leads sharing a normalised e-mail, an E.164 phone, or the same
// first name, last name and company (case and surrounding spaces ignored). A lead is in at
// most one group per reason, so (reason, oldest lead id) is a unique keyset position.
export async function listDuplicateGroups(
  db: Executor,
  orgId: OrgId,
  query: DuplicateListQuery,
  cursor: CursorPosition | null,
): Promise<DuplicateGroupRow[]> {
  const reason = query.reason ?? null;
  const direction = sql.raw(query.order === 'asc' ? 'asc' : 'desc');
  const after = cursor
    ? query.order === 'asc'
      ? sql`where (g.reason, g.id) > (cast(${cursor.value} as text), cast(${cursor.id} as uuid))`
      : sql`where (g.reason, g.id) < (cast(${cursor.value} as text), cast(${cursor.id} as uuid))`
    : sql``;
  const result = await sql<DuplicateGroupRow>`
    with keyed as (
      select 'email' as reason, email_normalized as key, id, created_at
        from leads where org_id = ${orgId} and merged_into_id is null and email_normalized is not null
          and (${reason}::text is null or ${reason}::text = 'email')
      union all
      select 'phone', phone_normalized, id, created_at
        from leads where org_id = ${orgId} and merged_into_id is null and phone_normalized is not null
          and (${reason}::text is null or ${reason}::text = 'phone')
      union all
      select 'name_company',
             lower(trim(first_name)) || ' ' || lower(trim(last_name)) || ' @ ' || lower(trim(company_name)),
             id, created_at
        from leads where org_id = ${orgId} and merged_into_id is null
          and trim(first_name) <> '' and trim(last_name) <> '' and trim(company_name) <> ''
          and (${reason}::text is null or ${reason}::text = 'name_company')
    ),
    g as (
      select reason, key,
             (array_agg(id order by created_at, id))[1:${sql.lit(MAX_IDS)}] as lead_ids,
             count(*)::int as count,
             (array_agg(id order by created_at, id))[1] as id
        from keyed group by reason, key having count(*) > 1
    )
    select g.reason, g.key, g.lead_ids, g.count, g.id, g.reason as sort_key from g
    ${after}
    order by g.reason ${direction}, g.id ${direction}
    limit ${query.limit + 1}
  `.execute(db);
  return result.rows;
}
