import type { Trx } from '../../db/database.ts';
import { newId, type OrgId, type TeamId, type UserId } from '../../shared/ids.ts';
import { findUsersByNameOrEmail, insertUsers } from './import.store.ts';

export interface ResolvedOwners {
  /** Lower-cased name or e-mail as the file wrote it → user. */
  readonly byKey: ReadonlyMap<string, UserId>;
  /** Names of the users this call created. */
  readonly created: string[];
}

// Owners are named by e-mail or by name. Someone the organisation does not know yet is
// created as an inactive sales rep (they cannot sign in until an admin activates them) so
// the imported history keeps its owner; the import reports every such person.
export async function resolveOwners(
  trx: Trx,
  orgId: OrgId,
  names: Iterable<string>,
  options: { role?: 'sales_rep' | 'sales_manager'; teamOf?: (name: string) => TeamId | null } = {},
): Promise<ResolvedOwners> {
  const wanted = new Map<string, string>();
  for (const name of names) wanted.set(name.trim().toLowerCase(), name.trim());
  const byKey = new Map<string, UserId>();
  const match = async (): Promise<void> => {
    for (const row of await findUsersByNameOrEmail(trx, orgId, [...wanted.keys()])) {
      byKey.set(row.email.toLowerCase(), row.id);
      byKey.set(row.name.toLowerCase(), row.id);
    }
  };
  await match();
  const missing = [...wanted].filter(([key]) => !byKey.has(key)).map(([, name]) => name);
  if (missing.length > 0) {
    await insertUsers(
      trx,
      orgId,
      missing.map((name) => ({
        id: newId<UserId>(),
        name: name.includes('@') ? (name.split('@')[0] ?? name) : name,
        email: name.includes('@') ? name : placeholderEmail(name),
        role: options.role ?? 'sales_rep',
        teamId: options.teamOf?.(name) ?? null,
        active: false,
      })),
    );
    await match();
  }
  return { byKey, created: missing };
}

/** An address that can never receive mail (RFC 2606), unique per name, until an admin sets the real one. */
export function placeholderEmail(name: string): string {
  const local = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${local || 'owner'}@imported.invalid`;
}
