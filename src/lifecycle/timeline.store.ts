import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LeadId, OrgId } from '../shared/ids.ts';

export interface TimelineRow {
  kind: 'touchpoint' | 'stage_change' | 'activity' | 'deal_stage_change';
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  deal_id: string | null;
  /** The lead a stage change belongs to: this lead, or one merged into it. */
  lead_id: string | null;
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
  e: string | null;
}

// One read across the lead's event tables, merged in time order by the database. Columns
// a..e carry each kind's own fields (see timeline.ts), so a single query serves any size.
// Stage events of leads merged into this one stay on their own lead (this lead's stage is
// the fold of its own events only) and are shown here as merged history, with their lead_id.
export async function listTimelineRows(
  db: Executor,
  orgId: OrgId,
  leadId: LeadId,
  limit: number,
): Promise<TimelineRow[]> {
  const result = await sql<TimelineRow>`
    select * from (
      select 'touchpoint' as kind, t.id, t.occurred_at, null::uuid as actor_id, null::uuid as deal_id,
             null::uuid as lead_id, t.type as a, t.channel as b, t.campaign_id::text as c, t.url as d, t.utm_campaign as e
        from touchpoints t where t.org_id = ${orgId} and t.lead_id = ${leadId}
      union all
      select 'stage_change', s.id, s.occurred_at, s.actor_id, null, s.lead_id,
             s.from_stage, s.to_stage, s.reason_code, s.note, null
        from lead_stage_events s where s.org_id = ${orgId} and s.lead_id = ${leadId}
      union all
      select 'stage_change', s.id, s.occurred_at, s.actor_id, null, s.lead_id,
             s.from_stage, s.to_stage, s.reason_code, s.note, null
        from lead_stage_events s
        join leads m on m.org_id = s.org_id and m.id = s.lead_id
        where s.org_id = ${orgId} and m.merged_into_id = ${leadId}
      union all
      select 'activity', a.id, a.occurred_at, a.user_id, a.deal_id, null,
             a.type, a.direction, a.subject, a.body, a.origin
        from activities a where a.org_id = ${orgId} and a.lead_id = ${leadId}
      union all
      select 'deal_stage_change', e.id, e.occurred_at, e.actor_id, e.deal_id, null,
             e.from_stage, e.to_stage, e.reason_code, e.note, d.name
        from deal_stage_events e
        join deals d on d.org_id = e.org_id and d.id = e.deal_id
        where e.org_id = ${orgId} and d.lead_id = ${leadId}
    ) timeline
    order by occurred_at, id
    limit ${limit}
  `.execute(db);
  return result.rows;
}
