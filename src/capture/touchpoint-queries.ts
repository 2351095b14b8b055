import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { getLead } from '../lifecycle/lead-queries.ts';
import { visibility } from '../platform/visibility.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import { pageFromRows } from '../shared/page.ts';
import type { Touchpoint, TouchpointListQuery } from './capture.schema.ts';
import type { TouchpointsTable } from './capture.tables.ts';
import { listTouchpointRows } from './touchpoints.store.ts';

// Sales roles see the touches of leads they may open, one lead at a time; marketing and
// admins see every touch of the organisation.
export async function listTouchpoints(
  db: Executor,
  actor: Actor,
  query: TouchpointListQuery,
): Promise<Page<Touchpoint>> {
  if (visibility(actor).kind !== 'all') {
    if (!query.leadId) {
      throw new AppError(
        'validation_failed',
        'leadId: sales roles list the touchpoints of one lead they can see',
        'leadId',
      );
    }
    await getLead(db, actor, query.leadId);
  }
  const rows = await listTouchpointRows(db, actor.orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toTouchpoint);
}

export function toTouchpoint(row: Selectable<TouchpointsTable>): Touchpoint {
  return {
    id: row.id,
    leadId: row.lead_id,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    campaignId: row.campaign_id,
    channel: row.channel,
    utmSource: row.utm_source,
    utmMedium: row.utm_medium,
    utmCampaign: row.utm_campaign,
    utmTerm: row.utm_term,
    utmContent: row.utm_content,
    url: row.url,
    referrer: row.referrer,
    createdAt: row.created_at.toISOString(),
  };
}
