import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { visibility } from '../platform/visibility.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { LeadId } from '../shared/ids.ts';
import { IsoDateTime, Uuid } from '../shared/schema.ts';
import { findLead } from './leads.store.ts';
import { listTimelineRows, type TimelineRow } from './timeline.store.ts';

const Base = { id: Uuid, occurredAt: IsoDateTime, actorId: Uuid.nullable() };

export const TimelineItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('touchpoint'),
    ...Base,
    type: z.string(),
    channel: z.string().nullable(),
    campaignId: Uuid.nullable(),
    url: z.string().nullable(),
    utmCampaign: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('stage_change'),
    ...Base,
    /** This lead, or a lead merged into it: its history is shown here but does not set this lead's stage. */
    leadId: Uuid,
    fromStage: z.string().nullable(),
    toStage: z.string(),
    reasonCode: z.string().nullable(),
    note: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('activity'),
    ...Base,
    dealId: Uuid.nullable(),
    type: z.string(),
    direction: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    origin: z.string(),
  }),
  z.object({
    kind: z.literal('deal_stage_change'),
    ...Base,
    dealId: Uuid,
    dealName: z.string(),
    fromStage: z.string().nullable(),
    toStage: z.string(),
    reasonCode: z.string().nullable(),
    note: z.string().nullable(),
  }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;
export const Timeline = z.object({ items: z.array(TimelineItem), truncated: z.boolean() });
export type Timeline = z.infer<typeof Timeline>;

// A timeline longer than this is cut, and says so: no silent caps.
export const TIMELINE_LIMIT = 2000;

export async function getLeadTimeline(db: Executor, actor: Actor, leadId: LeadId): Promise<Timeline> {
  if (!(await findLead(db, actor.orgId, leadId, { visibleTo: visibility(actor) }))) throw notFound('lead', leadId);
  const rows = await listTimelineRows(db, actor.orgId, leadId, TIMELINE_LIMIT + 1);
  return { items: rows.slice(0, TIMELINE_LIMIT).map(toTimelineItem), truncated: rows.length > TIMELINE_LIMIT };
}

function toTimelineItem(row: TimelineRow): TimelineItem {
  const base = { id: row.id, occurredAt: new Date(row.occurred_at).toISOString(), actorId: row.actor_id };
  switch (row.kind) {
    case 'touchpoint':
      return {
        kind: 'touchpoint',
        ...base,
        type: row.a ?? '',
        channel: row.b,
        campaignId: row.c,
        url: row.d,
        utmCampaign: row.e,
      };
    case 'stage_change':
      return {
        kind: 'stage_change',
        ...base,
        leadId: row.lead_id ?? '',
        fromStage: row.a,
        toStage: row.b ?? '',
        reasonCode: row.c,
        note: row.d,
      };
    case 'activity':
      return {
        kind: 'activity',
        ...base,
        dealId: row.deal_id,
        type: row.a ?? '',
        direction: row.b,
        subject: row.c,
        body: row.d,
        origin: row.e ?? 'manual',
      };
    case 'deal_stage_change':
      return {
        kind: 'deal_stage_change',
        ...base,
        dealId: row.deal_id ?? '',
        dealName: row.e ?? '',
        fromStage: row.a,
        toStage: row.b ?? '',
        reasonCode: row.c,
        note: row.d,
      };
  }
}
