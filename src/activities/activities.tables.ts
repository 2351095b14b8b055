import type { ColumnType } from 'kysely';
import type { CreatedAt } from '../platform/platform.tables.ts';
import type { AccountId, ActivityId, DealId, LeadId, OrgId, UserId } from '../shared/ids.ts';
import type { ActivityDirection, ActivityOrigin, ActivityType } from './constants.ts';

export interface ActivitiesTable {
  org_id: OrgId;
  id: ActivityId;
  type: ActivityType;
  occurred_at: Date;
  subject: string | null;
  body: string | null;
  direction: ActivityDirection | null;
  origin: ActivityOrigin;
  user_id: UserId | null;
  lead_id: LeadId | null;
  deal_id: DealId | null;
  account_id: AccountId | null;
  due_at: Date | null;
  completed_at: Date | null;
  created_at: CreatedAt;
  /** The id another system gave an imported activity (migration 0007). */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ActivitiesTables {
  activities: ActivitiesTable;
}
