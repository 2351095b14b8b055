import { type Actor, ROLES, type Role } from '../shared/actor.ts';

// Who may call which route, as data. Every route Fastify registers has exactly one rule,
// keyed by method and URL pattern as Fastify registers it; buildApp enforces the rule in
// one hook before anything else runs, and permissions.test.ts fails for a route without
// one. Which *rows* a permitted caller sees is visibility.ts's job (the `scope` here
// names it); rules that depend on a row's state (marketing may only move a lead to mql)
// live in the command that knows the row.

export type RowScope = 'lead' | 'deal';

export type Rule =
  /** Anyone, signed in or not. */
  | 'public'
  /** Any signed-in person or API key, whatever the role. */
  | 'authenticated'
  | { readonly roles: readonly Role[]; readonly scope?: RowScope };

export type Decision =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 401 | 403 | 500; readonly message: string };

const ALL = ROLES;
const ADMIN: readonly Role[] = ['admin'];
const SALES: readonly Role[] = ['admin', 'sales_manager', 'sales_rep'];
const MARKETING: readonly Role[] = ['admin', 'marketing'];
const REPORTING: readonly Role[] = ['admin', 'marketing', 'sales_manager'];
const MERGING: readonly Role[] = ['admin', 'marketing', 'sales_manager'];
const ROUTING: readonly Role[] = ['admin', 'sales_manager'];
const MQL_EDITORS: readonly Role[] = ['admin', 'marketing', 'sales_manager'];

const API = '/api/v1';

export const ROUTE_RULES: Readonly<Record<string, Rule>> = {
  'GET /healthz': 'public',
  [`GET ${API}/openapi.json`]: 'public',
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/static/*': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',

  // Identity.
  [`POST ${API}/sessions`]: 'public',
  [`DELETE ${API}/sessions/current`]: 'authenticated',
  [`GET ${API}/me`]: 'authenticated',
  [`POST ${API}/me/password`]: 'authenticated',
  [`POST ${API}/invitations`]: { roles: ADMIN },
  [`POST ${API}/invitations/accept`]: 'public',
  [`GET ${API}/audit-log`]: { roles: ADMIN },

  // Leads: everyone reads within their visibility; marketing captures and qualifies but
  // does not edit or work them (transition-lead.ts limits its moves to mql).
  [`GET ${API}/leads`]: { roles: ALL, scope: 'lead' },
  [`POST ${API}/leads`]: { roles: ALL },
  [`GET ${API}/leads/:id`]: { roles: ALL, scope: 'lead' },
  [`PATCH ${API}/leads/:id`]: { roles: SALES, scope: 'lead' },
  [`POST ${API}/leads/:id/transitions`]: { roles: ALL, scope: 'lead' },
  [`GET ${API}/leads/:id/events`]: { roles: ALL, scope: 'lead' },
  [`GET ${API}/leads/:id/timeline`]: { roles: ALL, scope: 'lead' },
  [`POST ${API}/leads/:id/touchpoints`]: { roles: MARKETING, scope: 'lead' },

  // Deals: read by all within their visibility, worked by sales.
  [`GET ${API}/deals`]: { roles: ALL, scope: 'deal' },
  [`POST ${API}/deals`]: { roles: SALES },
  [`GET ${API}/deals/:id`]: { roles: ALL, scope: 'deal' },
  [`PATCH ${API}/deals/:id`]: { roles: SALES, scope: 'deal' },
  [`POST ${API}/deals/:id/transitions`]: { roles: SALES, scope: 'deal' },
  [`GET ${API}/deals/:id/events`]: { roles: ALL, scope: 'deal' },

  [`GET ${API}/accounts`]: { roles: ALL },
  [`POST ${API}/accounts`]: { roles: SALES },
  [`GET ${API}/accounts/:id`]: { roles: ALL },
  [`PATCH ${API}/accounts/:id`]: { roles: SALES },

  // Campaigns and spend belong to marketing; sales reads campaigns, managers read spend.
  [`GET ${API}/campaigns`]: { roles: ALL },
  [`POST ${API}/campaigns`]: { roles: MARKETING },
  [`GET ${API}/campaigns/:id`]: { roles: ALL },
  [`PATCH ${API}/campaigns/:id`]: { roles: MARKETING },
  [`PUT ${API}/campaigns/:id/spend/:day`]: { roles: MARKETING },
  [`GET ${API}/campaigns/:id/spend`]: { roles: REPORTING },
  [`GET ${API}/touchpoints`]: { roles: REPORTING },

  [`GET ${API}/activities`]: { roles: ALL },
  [`POST ${API}/activities`]: { roles: SALES },
  [`GET ${API}/activities/:id`]: { roles: ALL },
  [`PATCH ${API}/activities/:id`]: { roles: SALES },
  [`POST ${API}/activities/:id/complete`]: { roles: SALES },

  // Settings: everyone reads them (pickers need them), only admins change them.
  [`GET ${API}/reason-codes`]: { roles: ALL },
  [`PUT ${API}/reason-codes/:kind/:code`]: { roles: ADMIN },
  [`GET ${API}/deal-stages`]: { roles: ALL },
  [`PUT ${API}/deal-stages`]: { roles: ADMIN },
  [`GET ${API}/custom-fields`]: { roles: ALL },
  [`PUT ${API}/custom-fields/:entity/:key`]: { roles: ADMIN },
  [`GET ${API}/users`]: { roles: ALL },
  [`POST ${API}/users`]: { roles: ADMIN },
  [`PATCH ${API}/users/:id`]: { roles: ADMIN },
  [`GET ${API}/teams`]: { roles: ALL },
  [`POST ${API}/teams`]: { roles: ADMIN },
  [`GET ${API}/api-keys`]: { roles: ADMIN },
  [`POST ${API}/api-keys`]: { roles: ADMIN },
  [`POST ${API}/api-keys/:id/revoke`]: { roles: ADMIN },

  // Capture: marketing runs ingest (people and API keys alike), forms and channel rules;
  // a form's public address takes submissions from anyone (rate-limited per address).
  [`POST ${API}/leads/ingest`]: { roles: MARKETING },
  [`POST ${API}/leads/ingest/batch`]: { roles: MARKETING },
  [`GET ${API}/leads/duplicates`]: { roles: MARKETING },
  // Merging rewrites two leads' records: marketing (who owns duplicates) and those who
  // manage sales, not a rep, whose visibility covers only part of what a merge moves.
  [`POST ${API}/leads/merges`]: { roles: MERGING, scope: 'lead' },
  [`POST ${API}/leads/merges/:id/undo`]: { roles: MERGING, scope: 'lead' },
  [`GET ${API}/leads/merges`]: { roles: MERGING, scope: 'lead' },
  [`GET ${API}/channel-overrides`]: { roles: MARKETING },
  [`PUT ${API}/channel-overrides`]: { roles: MARKETING },
  [`GET ${API}/forms`]: { roles: MARKETING },
  [`POST ${API}/forms`]: { roles: MARKETING },
  [`GET ${API}/forms/:id`]: { roles: MARKETING },
  [`PATCH ${API}/forms/:id`]: { roles: MARKETING },
  [`DELETE ${API}/forms/:id`]: { roles: MARKETING },
  [`GET ${API}/forms/:id/snippet`]: { roles: MARKETING },
  // CSV imports: marketing and admins; which entities each may import follows who may
  // create them one by one (import-entities.ts), so marketing imports leads, not users.
  [`GET ${API}/imports/entities`]: { roles: MARKETING },
  [`POST ${API}/imports/preview`]: { roles: MARKETING },
  [`POST ${API}/imports`]: { roles: MARKETING },
  [`GET ${API}/imports`]: { roles: MARKETING },
  [`GET ${API}/imports/:id`]: { roles: MARKETING },
  [`GET ${API}/imports/:id/rejects.csv`]: { roles: MARKETING },
  // Routing (docs/handoff.md): everyone reads the rules and asks who would get a lead; admins
  // and sales managers change the rules and the reps' weight, capacity and absence.
  [`GET ${API}/handoff/routing-rules`]: { roles: ALL },
  [`PUT ${API}/handoff/routing-rules`]: { roles: ROUTING },
  [`GET ${API}/handoff/routing-reps`]: { roles: ALL },
  [`PUT ${API}/handoff/routing-reps/:userId`]: { roles: ROUTING },
  [`POST ${API}/handoff/routing/preview`]: { roles: ALL },
  [`GET ${API}/leads/:id/assignments`]: { roles: ALL, scope: 'lead' },
  // Notifications: everyone has their own, and only ever sees or marks those.
  [`GET ${API}/notifications`]: 'authenticated',
  [`POST ${API}/notifications/:id/read`]: 'authenticated',
  [`POST ${API}/notifications/read-all`]: 'authenticated',
  // The service-level agreement: everyone reads it (queues show its deadlines); admins and
  // sales managers, who answer for it, change it.
  [`GET ${API}/handoff/sla-settings`]: { roles: ALL },
  [`PUT ${API}/handoff/sla-settings`]: { roles: ['admin', 'sales_manager'] },
  // The rep's queue: sales people's own work; scope=team is checked in queue-queries.ts
  // (sales managers and admins). The scorecard is the agreement both teams can see; marketing
  // (and admins) set marketing's targets.
  [`GET ${API}/queue`]: { roles: SALES },
  [`GET ${API}/handoff/scorecard`]: { roles: ALL },
  [`GET ${API}/handoff/targets`]: { roles: ALL },
  [`PUT ${API}/handoff/targets`]: { roles: MARKETING },
  // The MQL definition is the agreement both teams see: everyone reads it and a lead's
  // explained score; admins, marketing and sales managers change it (and preview drafts).
  [`GET ${API}/handoff/mql-definition`]: { roles: ALL },
  [`PUT ${API}/handoff/mql-definition`]: { roles: MQL_EDITORS },
  [`POST ${API}/handoff/mql-definition/preview`]: { roles: MQL_EDITORS },
  [`GET ${API}/leads/:id/score`]: { roles: ALL, scope: 'lead' },
  'POST /f/:formKey': 'public',
};

/** The key of a route in ROUTE_RULES; HEAD is answered by the GET route's rule. */
export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

export function ruleFor(route: string): Rule | undefined {
  return Object.hasOwn(ROUTE_RULES, route) ? ROUTE_RULES[route] : undefined;
}

/** The roles a rule admits; null when it admits anyone (signed in or not). */
export function rolesOf(rule: Rule): readonly Role[] | null {
  return typeof rule === 'string' ? null : rule.roles;
}

const OK: Decision = { ok: true };

export function authorize(actor: Actor | null, route: string): Decision {
  const rule = ruleFor(route);
  if (!rule) return { ok: false, status: 500, message: `no permission rule for ${route}` };
  if (rule === 'public') return OK;
  if (!actor) {
    return {
      ok: false,
      status: 401,
      message: 'authorization: sign in (POST /api/v1/sessions) or send "Authorization: Bearer <api key>"',
    };
  }
  if (rule === 'authenticated' || rule.roles.includes(actor.role)) return OK;
  return {
    ok: false,
    status: 403,
    message: `${route} is for ${rule.roles.join(', ')}; you act as ${actor.role}`,
  };
}

export interface Assignment {
  readonly ownerId?: string | null | undefined;
  readonly teamId?: string | null | undefined;
}

// A rep works their own leads and deals: they may take one (owner = themselves) or hand
// it back to the queue (owner = null), but routing to other people or another team's
// queue is a manager's job. Returns the field a change may not set, or null.
export function assignmentRefusal(actor: Actor, change: Assignment): 'ownerId' | 'teamId' | null {
  if (actor.role !== 'sales_rep') return null;
  if (change.ownerId !== undefined && change.ownerId !== null && change.ownerId !== actor.userId) return 'ownerId';
  if (change.teamId !== undefined && change.teamId !== actor.teamId) return 'teamId';
  return null;
}
