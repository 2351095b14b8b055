import { z } from 'zod';
import { ROLES } from '../shared/actor.ts';
import { IsoDateTime, TeamIdSchema, UserIdSchema, Uuid } from '../shared/schema.ts';

export const RoleSchema = z.enum(ROLES);
const Name = z.string().trim().min(1).max(200);

export const Org = z.object({
  id: Uuid,
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  currency: z.string(),
});
export type Org = z.infer<typeof Org>;

export const Me = z.object({
  org: Org,
  user: z.object({ id: Uuid, name: z.string(), email: z.string(), role: RoleSchema, teamId: Uuid.nullable() }),
  /** Present when the caller signed in with the session cookie: send it as `x-csrf-token` on writes. */
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof Me>;

/** What signing in (or accepting an invitation) answers; the session itself is the cookie. */
export const SignedIn = Me.extend({ csrfToken: z.string() });
export type SignedIn = z.infer<typeof SignedIn>;

export const User = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  teamId: Uuid.nullable(),
  active: z.boolean(),
  createdAt: IsoDateTime,
});
export type User = z.infer<typeof User>;

export const UserIdParams = z.object({ id: UserIdSchema });

export const UserCreate = z.strictObject({
  name: Name,
  email: z.email().max(320),
  role: RoleSchema,
  teamId: TeamIdSchema.nullable().optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  name: Name.optional(),
  role: RoleSchema.optional(),
  teamId: TeamIdSchema.nullable().optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const Team = z.object({ id: Uuid, name: z.string(), managerId: Uuid.nullable(), createdAt: IsoDateTime });
export type Team = z.infer<typeof Team>;

export const TeamCreate = z.strictObject({ name: Name, managerId: UserIdSchema.nullable().optional() });
export type TeamCreate = z.infer<typeof TeamCreate>;

export const ApiKey = z.object({
  id: Uuid,
  name: z.string(),
  prefix: z.string(),
  user: z.object({ id: Uuid, name: z.string(), machine: z.boolean() }),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyIdParams = z.object({ id: Uuid.brand<'ApiKeyId'>() });

// With a userId the key acts as that person, with their role; without one it gets its own
// machine user of the given role.
export const ApiKeyCreate = z.strictObject({
  name: Name,
  userId: UserIdSchema.optional(),
  role: RoleSchema.optional(),
});
export type ApiKeyCreate = z.infer<typeof ApiKeyCreate>;

export const ApiKeyCreated = ApiKey.extend({
  /** The key itself, shown only in this response; Baton stores its hash. */
  secret: z.string(),
});
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;
