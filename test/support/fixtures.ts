import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';
import { type SeededOrg, seedOrg } from '../../src/demo/seed-demo.ts';
import { createOrg } from '../../src/platform/create-org.ts';
import { createApiKey, createUser } from '../../src/platform/create-user.ts';
import { insertTeam } from '../../src/platform/platform.store.ts';
import { setUserPassword } from '../../src/platform/set-user-password.ts';
import type { Actor, Role } from '../../src/shared/actor.ts';
import type { CommandContext } from '../../src/shared/context.ts';
import { newId, type OrgId, type TeamId, type UserId } from '../../src/shared/ids.ts';

export interface TestOrg {
  readonly orgId: OrgId;
  readonly slug: string;
  /** An admin actor and its API key. */
  readonly admin: Actor;
  readonly adminKey: string;
  ctx(at?: Date): CommandContext;
  /** A person with an API key; with `password` they can also sign in. */
  user(role: Role, name?: string, options?: UserOptions): Promise<TestUser>;
  /** A team of this organisation. */
  team(name?: string): Promise<TeamId>;
}

export interface UserOptions {
  readonly teamId?: TeamId | null;
  readonly password?: string;
}

export interface TestUser {
  readonly actor: Actor;
  readonly key: string;
  readonly userId: UserId;
  readonly email: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

// Every test makes its own organisation with unique names, so tests share a database
// safely, run in parallel, and exercise tenant isolation all the time.
export async function createTestOrg(db: Db, options: { timeZone?: string; currency?: string } = {}): Promise<TestOrg> {
  const slug = `test-${randomUUID().slice(0, 13)}`;
  const { orgId, admin, adminKey } = await db.transaction().execute(async (trx) => {
    const id = await createOrg(trx, { name: `Test ${slug}`, slug, ...options });
    const key = await createApiKey(trx, id, { name: 'test admin', role: 'admin' });
    return { orgId: id, admin: key.actor, adminKey: key.secret };
  });
  return {
    orgId,
    slug,
    admin,
    adminKey,
    ctx: (at = new Date()) => ({ actor: admin, now: at }),
    user: async (role, name, options = {}) =>
      db.transaction().execute(async (trx) => {
        const suffix = randomUUID().slice(0, 8);
        const email = `${role}.${suffix}@${slug}.test`;
        const userId = await createUser(trx, orgId, {
          name: name ?? `${role} ${suffix}`,
          email,
          role,
          teamId: options.teamId ?? null,
        });
        if (options.password) await setUserPassword(trx, orgId, userId, options.password);
        const key = await createApiKey(trx, orgId, { name: `${role} key`, role, userId });
        return { actor: key.actor, key: key.secret, userId, email };
      }),
    team: async (name) =>
      db.transaction().execute(async (trx) => {
        const id = newId<TeamId>();
        await insertTeam(trx, orgId, { id, name: name ?? `team ${randomUUID().slice(0, 8)}` });
        return id;
      }),
  };
}

// An organisation with a year of generated history, the same data `baton seed` writes,
// under a unique slug so tests can share the database.
export function createSeededOrg(db: Db, options: { leads: number; seed: number; now?: Date }): Promise<SeededOrg> {
  const slug = `seed-${randomUUID()}`;
  return seedOrg(db, { slug, name: `Seeded ${slug}`, ...options });
}
