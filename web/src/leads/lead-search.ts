import { LEAD_STAGES, type LeadStage } from '../../../src/lifecycle/constants.ts';
import type { LEAD_SORTS } from '../../../src/lifecycle/lifecycle.schema.ts';
import type { Query } from '../platform/api.ts';
import { nextDay, zonedDayStart } from '../shell/format.ts';

export type LeadSort = (typeof LEAD_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

const SORTS: readonly LeadSort[] = ['createdAt', 'updatedAt', 'score', 'lastName'] satisfies LeadSort[];

/** The Leads page's state, kept in the URL so a view can be bookmarked, shared and saved. */
export interface LeadSearch {
  /** Comma-separated stages. */
  readonly stage?: string | undefined;
  /** A user id, `none` for unassigned, or `me`. */
  readonly owner?: string | undefined;
  readonly source?: string | undefined;
  readonly campaign?: string | undefined;
  /** Calendar days in the organisation's time zone, both included. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly q?: string | undefined;
  readonly sort?: LeadSort | undefined;
  readonly order?: SortOrder | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown, max = 200) =>
  typeof value === 'string' && value.trim() !== '' ? value.slice(0, max) : undefined;

export function parseLeadSearch(raw: Record<string, unknown>): LeadSearch {
  const stages = (text(raw.stage) ?? '').split(',').filter((s): s is LeadStage => isStage(s));
  const sort = SORTS.find((s) => s === raw.sort);
  const order = raw.order === 'asc' || raw.order === 'desc' ? raw.order : undefined;
  const from = text(raw.from);
  const to = text(raw.to);
  return {
    stage: stages.length > 0 ? stages.join(',') : undefined,
    owner: text(raw.owner, 60),
    source: text(raw.source, 100),
    campaign: text(raw.campaign, 60),
    from: from && DAY.test(from) ? from : undefined,
    to: to && DAY.test(to) ? to : undefined,
    q: text(raw.q),
    sort,
    order,
  };
}

function isStage(value: string): value is LeadStage {
  return (LEAD_STAGES as readonly string[]).includes(value);
}

export function selectedStages(search: LeadSearch): LeadStage[] {
  return (search.stage ?? '').split(',').filter(isStage);
}

/** GET /leads parameters for the page state; days become instants in the org's zone. */
export function toLeadQuery(search: LeadSearch, ctx: { timeZone: string; userId: string }): Query {
  return {
    stage: search.stage,
    ownerId: search.owner === 'me' ? ctx.userId : search.owner,
    source: search.source,
    campaignId: search.campaign,
    createdFrom: search.from ? zonedDayStart(search.from, ctx.timeZone) : undefined,
    createdTo: search.to ? zonedDayStart(nextDay(search.to), ctx.timeZone) : undefined,
    q: search.q,
    sort: search.sort ?? 'createdAt',
    order: search.order ?? 'desc',
  };
}

export function isFiltered(search: LeadSearch): boolean {
  return Boolean(
    search.stage || search.owner || search.source || search.campaign || search.from || search.to || search.q,
  );
}
