import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import type { Touchpoint, TouchpointListQuery } from './capture.schema.ts';
import type { TouchpointsTable } from './capture.tables.ts';
import { listTouchpointRows } from './touchpoints.store.ts';

export async function listTouchpoints(
  db: Executor,
  orgId: OrgId,
  query: TouchpointListQuery,
): Promise<Page<Touchpoint>> {
  const rows = await listTouchpointRows(db, orgId, query, cursorOf(query));
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
