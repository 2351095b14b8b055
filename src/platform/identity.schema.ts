import { z } from 'zod';
import { ROLES } from '../shared/actor.ts';
import { IsoDateTime, PageQuery, TeamIdSchema, UserIdSchema, Uuid } from '../shared/schema.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const Email = z.email().max(320);
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an organisation slug such as acme');
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH);

export const SignIn = z.strictObject({
  email: Email,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  /** Needed only when the e-mail address belongs to people in several organisations. */
  org: Slug.optional(),
});
export type SignIn = z.infer<typeof SignIn>;

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: NewPassword,
});
export type PasswordChange = z.infer<typeof PasswordChange>;

export const InvitationCreate = z.strictObject({
  email: Email,
  role: z.enum(ROLES),
  teamId: TeamIdSchema.nullable().optional(),
});
export type InvitationCreate = z.infer<typeof InvitationCreate>;

export const InvitationCreated = z.object({
  /** The path to send to the invitee; the token in it is shown only here. */
  url: z.string(),
  expiresAt: IsoDateTime,
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const InvitationAccept = z.strictObject({
  token: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  password: NewPassword,
});
export type InvitationAccept = z.infer<typeof InvitationAccept>;

// The tables the audit trigger is attached to (migrations 0002 to 0004), as `entity` values.
export const AUDITED_ENTITIES = [
  'orgs',
  'teams',
  'users',
  'api_keys',
  'reason_codes',
  'deal_stages',
  'custom_field_defs',
  'accounts',
  'campaigns',
  'campaign_spend',
  'leads',
  'touchpoints',
  'lead_stage_events',
  'deals',
  'deal_stage_events',
  'activities',
  'invitations',
  'channel_overrides',
  'forms',
  'lead_merges',
] as const;

export const AuditEntry = z.object({
  id: Uuid,
  occurredAt: IsoDateTime,
  /** Null for writes made outside a signed-in request: the CLI, migrations, seeding. */
  actorId: Uuid.nullable(),
  entity: z.string(),
  /** The row's key without org_id; parts of a composite key are joined with `/`. */
  entityId: z.string(),
  action: z.enum(['insert', 'update', 'delete']),
  /** Only the fields that changed, each as [before, after]. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = PageQuery.extend({
  entity: z.enum(AUDITED_ENTITIES).optional(),
  entityId: z.string().min(1).max(200).optional(),
  actorId: UserIdSchema.optional(),
  /** Inclusive. */
  from: IsoDateTime.optional(),
  /** Exclusive. */
  to: IsoDateTime.optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;
