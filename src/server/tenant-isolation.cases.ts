import { DEFAULT_DEAL_STAGES } from '../lifecycle/constants.ts';

// The cases of tenant-isolation.test.ts: for every documented route, how org A's try at
// org B's rows must be answered.

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export interface Ids {
  lead: string;
  deal: string;
  account: string;
  campaign: string;
  activity: string;
  user: string;
  team: string;
  apiKey: string;
  /** The e-mail of a person in B who signs in with a password. */
  person: string;
  form: string;
  formKey: string;
  /** A merge of two other leads of B. */
  merge: string;
  /** A notification of B's rep (the lead assigned to them). */
  notification: string;
  /** A finished import of B with a rejected row. */
  importRun: string;
}
export interface Case {
  readonly url: (b: Ids) => string;
  readonly body?: (b: Ids) => unknown;
  /** 404 for a path naming B's row; 400 naming the field for a body referring to one; 200/201 for scoped reads and own-org writes. */
  readonly expect: number;
  readonly field?: string;
  /** The answer to a session-cookie caller, when it differs from an API key's. */
  readonly expectSession?: number;
}

export const PAST = '2026-01-05T10:00:00.000Z';

export const CASES: Record<string, Case> = {
  'GET /api/v1/leads': { url: (b) => `/api/v1/leads?ownerId=${b.user}&accountId=${b.account}`, expect: 200 },
  'GET /api/v1/leads?campaign': { url: (b) => `/api/v1/leads?campaignId=${b.campaign}`, expect: 200 },
  'POST /api/v1/leads': {
    url: () => '/api/v1/leads',
    body: (b) => ({ firstName: 'x', ownerId: b.user }),
    expect: 400,
    field: 'ownerId',
  },
  'GET /api/v1/leads/{id}': { url: (b) => `/api/v1/leads/${b.lead}`, expect: 404 },
  'PATCH /api/v1/leads/{id}': { url: (b) => `/api/v1/leads/${b.lead}`, body: () => ({ firstName: 'x' }), expect: 404 },
  'POST /api/v1/leads/{id}/transitions': {
    url: (b) => `/api/v1/leads/${b.lead}/transitions`,
    body: () => ({ to: 'disqualified', reasonCode: 'no_budget' }),
    expect: 404,
  },
  'GET /api/v1/leads/{id}/events': { url: (b) => `/api/v1/leads/${b.lead}/events`, expect: 404 },
  'GET /api/v1/leads/{id}/timeline': { url: (b) => `/api/v1/leads/${b.lead}/timeline`, expect: 404 },
  'POST /api/v1/leads/{id}/touchpoints': {
    url: (b) => `/api/v1/leads/${b.lead}/touchpoints`,
    body: () => ({ type: 'web_visit', occurredAt: PAST }),
    expect: 404,
  },
  'GET /api/v1/deals': { url: (b) => `/api/v1/deals?leadId=${b.lead}&accountId=${b.account}`, expect: 200 },
  'POST /api/v1/deals': {
    url: () => '/api/v1/deals',
    body: (b) => ({ name: 'x', leadId: b.lead }),
    expect: 400,
    field: 'leadId',
  },
  'GET /api/v1/deals/{id}': { url: (b) => `/api/v1/deals/${b.deal}`, expect: 404 },
  'PATCH /api/v1/deals/{id}': { url: (b) => `/api/v1/deals/${b.deal}`, body: () => ({ name: 'x' }), expect: 404 },
  'POST /api/v1/deals/{id}/transitions': {
    url: (b) => `/api/v1/deals/${b.deal}/transitions`,
    body: () => ({ to: 'closed_lost', reasonCode: 'price' }),
    expect: 404,
  },
  'GET /api/v1/deals/{id}/events': { url: (b) => `/api/v1/deals/${b.deal}/events`, expect: 404 },
  'GET /api/v1/accounts': { url: (b) => `/api/v1/accounts?ownerId=${b.user}`, expect: 200 },
  'POST /api/v1/accounts': {
    url: () => '/api/v1/accounts',
    body: (b) => ({ name: 'x', ownerId: b.user }),
    expect: 400,
    field: 'ownerId',
  },
  'GET /api/v1/accounts/{id}': { url: (b) => `/api/v1/accounts/${b.account}`, expect: 404 },
  'PATCH /api/v1/accounts/{id}': {
    url: (b) => `/api/v1/accounts/${b.account}`,
    body: () => ({ name: 'x' }),
    expect: 404,
  },
  'GET /api/v1/campaigns': { url: (b) => `/api/v1/campaigns?parentId=${b.campaign}`, expect: 200 },
  'POST /api/v1/campaigns': {
    url: () => '/api/v1/campaigns',
    body: (b) => ({ name: 'x', channel: 'email', parentId: b.campaign }),
    expect: 400,
    field: 'parentId',
  },
  'GET /api/v1/campaigns/{id}': { url: (b) => `/api/v1/campaigns/${b.campaign}`, expect: 404 },
  'PATCH /api/v1/campaigns/{id}': {
    url: (b) => `/api/v1/campaigns/${b.campaign}`,
    body: () => ({ name: 'x' }),
    expect: 404,
  },
  'PUT /api/v1/campaigns/{id}/spend/{day}': {
    url: (b) => `/api/v1/campaigns/${b.campaign}/spend/2026-01-05`,
    body: () => ({ amountMinor: 5 }),
    expect: 404,
  },
  'GET /api/v1/campaigns/{id}/spend': { url: (b) => `/api/v1/campaigns/${b.campaign}/spend`, expect: 404 },
  'GET /api/v1/touchpoints': {
    url: (b) => `/api/v1/touchpoints?leadId=${b.lead}&campaignId=${b.campaign}`,
    expect: 200,
  },
  'GET /api/v1/activities': { url: (b) => `/api/v1/activities?leadId=${b.lead}&userId=${b.user}`, expect: 200 },
  'POST /api/v1/activities': {
    url: () => '/api/v1/activities',
    body: (b) => ({ type: 'note', subject: 'x', leadId: b.lead }),
    expect: 400,
    field: 'leadId',
  },
  'GET /api/v1/activities/{id}': { url: (b) => `/api/v1/activities/${b.activity}`, expect: 404 },
  'PATCH /api/v1/activities/{id}': {
    url: (b) => `/api/v1/activities/${b.activity}`,
    body: () => ({ subject: 'x' }),
    expect: 404,
  },
  'POST /api/v1/activities/{id}/complete': { url: (b) => `/api/v1/activities/${b.activity}/complete`, expect: 404 },
  'GET /api/v1/reason-codes': { url: () => '/api/v1/reason-codes', expect: 200 },
  'PUT /api/v1/reason-codes/{kind}/{code}': {
    url: () => '/api/v1/reason-codes/reject/no_budget',
    body: () => ({ label: 'Changed by A', active: false }),
    expect: 200,
  },
  'GET /api/v1/deal-stages': { url: () => '/api/v1/deal-stages', expect: 200 },
  'PUT /api/v1/deal-stages': {
    url: () => '/api/v1/deal-stages',
    body: () => ({ stages: DEFAULT_DEAL_STAGES.map((s) => ({ ...s, label: `${s.label} (A)` })) }),
    expect: 200,
  },
  'GET /api/v1/custom-fields': { url: () => '/api/v1/custom-fields', expect: 200 },
  'PUT /api/v1/custom-fields/{entity}/{key}': {
    url: () => '/api/v1/custom-fields/lead/tier',
    body: () => ({ label: 'Tier', type: 'text' }),
    expect: 200,
  },
  'GET /api/v1/me': { url: () => '/api/v1/me', expect: 200 },
  'GET /api/v1/users': { url: () => '/api/v1/users', expect: 200 },
  'POST /api/v1/users': {
    url: () => '/api/v1/users',
    body: (b) => ({ name: 'x', email: `x-${b.user.slice(0, 8)}@a.test`, role: 'sales_rep', teamId: b.team }),
    expect: 400,
    field: 'teamId',
  },
  'PATCH /api/v1/users/{id}': { url: (b) => `/api/v1/users/${b.user}`, body: () => ({ active: false }), expect: 404 },
  'GET /api/v1/teams': { url: () => '/api/v1/teams', expect: 200 },
  'POST /api/v1/teams': {
    url: () => '/api/v1/teams',
    body: (b) => ({ name: 'x', managerId: b.user }),
    expect: 400,
    field: 'managerId',
  },
  'GET /api/v1/api-keys': { url: () => '/api/v1/api-keys', expect: 200 },
  'POST /api/v1/api-keys': {
    url: () => '/api/v1/api-keys',
    body: (b) => ({ name: 'x', userId: b.user }),
    expect: 400,
    field: 'userId',
  },
  'POST /api/v1/api-keys/{id}/revoke': { url: (b) => `/api/v1/api-keys/${b.apiKey}/revoke`, expect: 404 },
  // Sign-in with B's person's e-mail and a guess: no session anywhere.
  'POST /api/v1/sessions': {
    url: () => '/api/v1/sessions',
    body: (b) => ({ email: b.person, password: 'a guessed password' }),
    expect: 401,
    field: 'password',
  },
  'POST /api/v1/me/password': {
    url: () => '/api/v1/me/password',
    body: () => ({ currentPassword: 'not the password', newPassword: 'another long password' }),
    expect: 400,
    field: 'currentPassword',
  },
  'POST /api/v1/invitations': {
    url: () => '/api/v1/invitations',
    body: (b) => ({ email: `invitee-${b.user.slice(0, 8)}@a.test`, role: 'sales_rep', teamId: b.team }),
    expect: 400,
    field: 'teamId',
  },
  'POST /api/v1/invitations/accept': {
    url: () => '/api/v1/invitations/accept',
    body: () => ({ token: 'x'.repeat(43), name: 'x', password: 'long enough password' }),
    expect: 404,
    field: 'token',
  },
  'GET /api/v1/audit-log': { url: (b) => `/api/v1/audit-log?entity=leads&entityId=${b.lead}`, expect: 200 },
  'GET /api/v1/audit-log?actor': { url: (b) => `/api/v1/audit-log?actorId=${b.user}`, expect: 200 },
  // Runs last: a session-cookie caller ends its own session; an API key has none.
  'DELETE /api/v1/sessions/current': {
    url: () => '/api/v1/sessions/current',
    expect: 400,
    field: 'baton_session',
    expectSession: 204,
  },
  // Ingest matches people and campaigns within the actor's org only: B's lead's e-mail,
  // phone and external id, and B's utm_campaign, make a new lead and campaign in A.
  'POST /api/v1/leads/ingest': { url: () => '/api/v1/leads/ingest', body: () => INGEST_ITEM, expect: 201 },
  'POST /api/v1/leads/ingest/batch': {
    url: () => '/api/v1/leads/ingest/batch',
    body: () => ({ items: [{ ...INGEST_ITEM, lead: { ...INGEST_ITEM.lead, externalId: 'b-lead-2' } }] }),
    expect: 200,
  },
  'GET /api/v1/leads/duplicates': { url: () => '/api/v1/leads/duplicates', expect: 200 },
  'POST /api/v1/leads/merges': {
    url: () => '/api/v1/leads/merges',
    body: (b) => ({ survivorId: b.lead, mergedId: b.deal }),
    expect: 404,
    field: 'survivorId',
  },
  'POST /api/v1/leads/merges/{id}/undo': { url: (b) => `/api/v1/leads/merges/${b.merge}/undo`, expect: 404 },
  'GET /api/v1/leads/merges': { url: (b) => `/api/v1/leads/merges?leadId=${b.lead}`, expect: 404, field: 'leadId' },
  'GET /api/v1/channel-overrides': { url: () => '/api/v1/channel-overrides', expect: 200 },
  'PUT /api/v1/channel-overrides': {
    url: () => '/api/v1/channel-overrides',
    body: () => ({ items: [{ source: 'b-source', channel: 'email' }] }),
    expect: 200,
  },
  'GET /api/v1/forms': { url: () => '/api/v1/forms', expect: 200 },
  'POST /api/v1/forms': {
    url: () => '/api/v1/forms',
    body: (b) => ({ name: 'x', fields: [{ name: 'email', label: 'E', mapsTo: 'email' }], campaignId: b.campaign }),
    expect: 400,
    field: 'campaignId',
  },
  'GET /api/v1/forms/{id}': { url: (b) => `/api/v1/forms/${b.form}`, expect: 404 },
  'PATCH /api/v1/forms/{id}': { url: (b) => `/api/v1/forms/${b.form}`, body: () => ({ name: 'x' }), expect: 404 },
  'DELETE /api/v1/forms/{id}': { url: (b) => `/api/v1/forms/${b.form}`, expect: 404 },
  'GET /api/v1/forms/{id}/snippet': { url: (b) => `/api/v1/forms/${b.form}/snippet`, expect: 404 },
  // An import matches rows within the actor's org only: a file naming B's lead by e-mail and
  // external id previews as a new lead in A. The upload itself is multipart (a JSON body is refused).
  'GET /api/v1/imports/entities': { url: () => '/api/v1/imports/entities', expect: 200 },
  'POST /api/v1/imports/preview': {
    url: () => '/api/v1/imports/preview',
    body: () => ({ entity: 'leads', sample: 'email,external_id\nb-lead@b.test,b-lead-1\n' }),
    expect: 200,
  },
  'POST /api/v1/imports': {
    url: () => '/api/v1/imports',
    body: () => ({ entity: 'leads' }),
    expect: 400,
    field: 'file',
  },
  'GET /api/v1/imports': { url: () => '/api/v1/imports', expect: 200 },
  'GET /api/v1/imports/{id}': { url: (b) => `/api/v1/imports/${b.importRun}`, expect: 404 },
  'GET /api/v1/imports/{id}/rejects.csv': { url: (b) => `/api/v1/imports/${b.importRun}/rejects.csv`, expect: 404 },
  'GET /api/v1/handoff/routing-rules': { url: () => '/api/v1/handoff/routing-rules', expect: 200 },
  'PUT /api/v1/handoff/routing-rules': {
    url: () => '/api/v1/handoff/routing-rules',
    body: (b) => ({ rules: [{ kind: 'account_owner' }, { kind: 'round_robin', teamId: b.team }] }),
    expect: 400,
    field: 'rules.1.teamId',
  },
  'GET /api/v1/handoff/routing-reps': { url: () => '/api/v1/handoff/routing-reps', expect: 200 },
  'PUT /api/v1/handoff/routing-reps/{userId}': {
    url: (b) => `/api/v1/handoff/routing-reps/${b.user}`,
    body: () => ({ weight: 5 }),
    expect: 404,
  },
  'POST /api/v1/handoff/routing/preview': {
    url: () => '/api/v1/handoff/routing/preview',
    body: (b) => ({ leadId: b.lead }),
    expect: 404,
  },
  // B's lead's e-mail domain finds no account in A: the answer names none of B's people.
  'POST /api/v1/handoff/routing/preview?facts': {
    url: () => '/api/v1/handoff/routing/preview',
    body: () => ({ email: 'someone@b.test', country: 'DE' }),
    expect: 200,
  },
  'GET /api/v1/leads/{id}/assignments': { url: (b) => `/api/v1/leads/${b.lead}/assignments`, expect: 404 },
  // A form key is public by design (anyone may post to B's form); what must hold is that an
  // unknown key writes nothing anywhere.
  // Notifications are the caller's own: B's reads as not found, and A's lists and marks only A's.
  'GET /api/v1/notifications': { url: () => '/api/v1/notifications?unread=true', expect: 200 },
  'POST /api/v1/notifications/{id}/read': {
    url: (b) => `/api/v1/notifications/${b.notification}/read`,
    expect: 404,
  },
  'POST /api/v1/notifications/read-all': { url: () => '/api/v1/notifications/read-all', expect: 200 },
  'GET /api/v1/handoff/sla-settings': { url: () => '/api/v1/handoff/sla-settings', expect: 200 },
  'PUT /api/v1/handoff/sla-settings': {
    url: () => '/api/v1/handoff/sla-settings',
    body: () => ({
      acceptSlaHours: 4,
      firstActivitySlaHours: 6,
      calendar: { timeZone: 'Europe/Berlin', days: { 1: [{ start: '08:00', end: '16:00' }] }, holidays: [] },
    }),
    expect: 200,
  },
  // The queue and the scorecard read the caller's org only; naming B's team is refused.
  'GET /api/v1/queue': { url: () => '/api/v1/queue', expect: 200 },
  'GET /api/v1/queue?team': {
    url: (b) => `/api/v1/queue?scope=team&teamId=${b.team}`,
    expect: 400,
    field: 'teamId',
  },
  'GET /api/v1/handoff/scorecard': { url: () => '/api/v1/handoff/scorecard?month=2026-01', expect: 200 },
  'GET /api/v1/handoff/targets': { url: () => '/api/v1/handoff/targets?month=2026-01', expect: 200 },
  'PUT /api/v1/handoff/targets': {
    url: () => '/api/v1/handoff/targets',
    body: () => ({ month: '2026-01', segment: 'all', mqlTarget: 40, acceptRateTarget: 0.7 }),
    expect: 200,
  },
  // The MQL definition is per org: A reads, saves and previews its own (the preview counts
  // only A's leads, so it names none of B's), and B's lead's score is not found.
  'GET /api/v1/handoff/mql-definition': { url: () => '/api/v1/handoff/mql-definition', expect: 200 },
  'PUT /api/v1/handoff/mql-definition': {
    url: () => '/api/v1/handoff/mql-definition',
    body: () => MQL_DEFINITION,
    expect: 200,
  },
  'POST /api/v1/handoff/mql-definition/preview': {
    url: () => '/api/v1/handoff/mql-definition/preview',
    body: () => MQL_DEFINITION,
    expect: 200,
  },
  'GET /api/v1/leads/{id}/score': { url: (b) => `/api/v1/leads/${b.lead}/score`, expect: 404 },
  'POST /f/{formKey}': { url: () => '/f/not-a-form-key', body: () => ({ email: 'b-lead@b.test' }), expect: 404 },
};

const INGEST_ITEM = {
  lead: { email: 'b-lead@b.test', phone: '+44 20 7946 0000', externalId: 'b-lead-1' },
  touchpoint: { type: 'form_fill', occurredAt: PAST, utmCampaign: 'b-utm' },
};

// A bar no lead of A reaches, so A's own captures in these cases stay inquiries.
const MQL_DEFINITION = {
  scoreThreshold: 1000,
  requiredFields: ['email'],
  conditions: [{ kind: 'competitor', domains: ['b.test'] }],
  scoringRules: [{ kind: 'touch', touchType: 'form_fill', points: 10, cap: 30 }],
  scoreHalfLifeDays: 30,
};
