import { z } from 'zod';
import { IsoDateTime, TeamIdSchema, Uuid } from '../shared/schema.ts';

// GET /api/v1/queue: a sales person's work in the order it is due. Every section is bounded
// (QUEUE_SECTION_LIMIT items) and says how many items there are in all, so nothing is
// dropped silently. Imports only zod, so the web app shares these types.

export const QUEUE_SECTION_LIMIT = 200;
export const QUEUE_SCOPES = ['mine', 'team'] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];

export const QueueQuery = z.strictObject({
  /** `team`: the queue and breaches of a team (sales managers and admins). */
  scope: z.enum(QUEUE_SCOPES).default('mine'),
  /** With scope=team: the team; a manager's own team by default, every team for an admin. */
  teamId: TeamIdSchema.optional(),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

/** Mirrors SLA_STATES of sla-clock.ts for a running clock. */
export const QUEUE_CLOCK_STATES = ['on_track', 'due_soon', 'breached'] as const;

export const QueueLead = z.object({
  id: Uuid,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  companyName: z.string().nullable(),
  sourceChannel: z.string().nullable(),
  score: z.number().int(),
  stage: z.string(),
  stageChangedAt: IsoDateTime,
  firstCampaign: z.object({ id: Uuid, name: z.string() }).nullable(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  teamId: Uuid.nullable(),
});
export type QueueLead = z.infer<typeof QueueLead>;

export const QueueClock = z.object({
  id: Uuid,
  kind: z.enum(['accept', 'first_activity']),
  startedAt: IsoDateTime,
  dueAt: IsoDateTime,
  slaHours: z.number(),
  /** slaStatus (sla-clock.ts) at the answer's `now`; `breached` also once a job stamped the breach. */
  state: z.enum(QUEUE_CLOCK_STATES),
  /** Whole business minutes left, negative once past due. */
  businessMinutesLeft: z.number().int(),
  breachedAt: IsoDateTime.nullable(),
});
export type QueueClock = z.infer<typeof QueueClock>;

export const QueueAssignment = z.object({
  ruleKind: z.string().nullable(),
  ruleName: z.string().nullable(),
  reason: z.string(),
  explanation: z.string(),
  assignedAt: IsoDateTime,
});
export type QueueAssignment = z.infer<typeof QueueAssignment>;

export const QueueMql = z.object({
  lead: QueueLead,
  /** The running accept clock; null when none runs (the lead then sorts last). */
  clock: QueueClock.nullable(),
  /** The latest routing decision for the lead. */
  assignment: QueueAssignment.nullable(),
});
export type QueueMql = z.infer<typeof QueueMql>;

export const QueueTask = z.object({
  id: Uuid,
  subject: z.string().nullable(),
  dueAt: IsoDateTime,
  overdue: z.boolean(),
  lead: z
    .object({
      id: Uuid,
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      email: z.string().nullable(),
      companyName: z.string().nullable(),
    })
    .nullable(),
  dealId: Uuid.nullable(),
  accountId: Uuid.nullable(),
});
export type QueueTask = z.infer<typeof QueueTask>;

export const QueueFirstActivity = z.object({ lead: QueueLead, clock: QueueClock });
export type QueueFirstActivity = z.infer<typeof QueueFirstActivity>;

export const QueueBreach = z.object({
  lead: QueueLead,
  clock: QueueClock.extend({
    stoppedAt: IsoDateTime.nullable(),
    outcome: z.string().nullable(),
    ownerId: Uuid.nullable(),
    ownerName: z.string().nullable(),
    escalatedTo: Uuid.nullable(),
  }),
});
export type QueueBreach = z.infer<typeof QueueBreach>;

function section<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** How many there are in all; `items` holds the first QUEUE_SECTION_LIMIT of them. */
    total: z.number().int(),
    truncated: z.boolean(),
  });
}

/** The org calendar (a WorkCalendar of work-calendar.ts) as the queue answers it. */
export const QueueCalendar = z.object({
  timeZone: z.string(),
  days: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.string()),
});

const QueueCommon = {
  /** The server's time the countdowns were computed at; clients count on from it. */
  now: IsoDateTime,
  /** The org's business calendar and SLA hours, for counting down between refreshes. */
  calendar: QueueCalendar,
  /** The org's time zone, for "today". */
  timeZone: z.string(),
  mqls: section(QueueMql),
};

export const MyQueue = z.object({
  scope: z.literal('mine'),
  ...QueueCommon,
  /** Open tasks due by the end of today (org time zone), overdue ones first. */
  tasks: section(QueueTask),
  /** Accepted leads whose first-activity clock runs, soonest due first. */
  firstActivity: section(QueueFirstActivity),
});
export type MyQueue = z.infer<typeof MyQueue>;

export const TeamQueue = z.object({
  scope: z.literal('team'),
  ...QueueCommon,
  /** The team shown; null when an admin looks at every team. */
  teamId: Uuid.nullable(),
  /** Running breached clocks first, then the clocks breached this month (org time zone). */
  breaches: section(QueueBreach),
  runningBreaches: z.number().int(),
  breachesThisMonth: z.number().int(),
});
export type TeamQueue = z.infer<typeof TeamQueue>;

export const Queue = z.discriminatedUnion('scope', [MyQueue, TeamQueue]);
export type Queue = z.infer<typeof Queue>;
