import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';
import { type SeededOrg, seedOrg } from '../../src/demo/seed-demo.ts';
import { createOrg } from '../../src/platform/create-org.ts';
import { createApiKey, createUser } from '../../src/platform/create-user.ts';
import type { Actor, Role } from '../../src/shared/actor.ts';
import type { CommandContext } from '../../src/shared/context.ts';
import type { OrgId, UserId } from '../../src/shared/ids.ts';

export interface TestOrg {
  readonly orgId: OrgId;
  readonly slug: string;
  /** An admin actor and its API key. */
  readonly admin: Actor;
  readonly adminKey: string;
  ctx(at?: Date): CommandContext;
  user(role: Role, name?: string): Promise<{ actor: Actor; key: string; userId: UserId }>;
}

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
    user: async (role, name) =>
      db.transaction().execute(async (trx) => {
        const suffix = randomUUID().slice(0, 8);
        const userId = await createUser(trx, orgId, {
          name: name ?? `${role} ${suffix}`,
          email: `${role}.${suffix}@${slug}.test`,
          role,
        });
        const key = await createApiKey(trx, orgId, { name: `${role} key`, role, userId });
        return { actor: key.actor, key: key.secret, userId };
      }),
  };
}

// An organisation with a year of generated history, the same data `baton seed` writes,
// under a unique slug so tests can share the database.
export function createSeededOrg(db: Db, options: { leads: number; seed: number; now?: Date }): Promise<SeededOrg> {
  const slug = `seed-${randomUUID()}`;
  return seedOrg(db, { slug, name: `Seeded ${slug}`, ...options });
}
