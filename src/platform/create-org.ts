import type { Trx } from '../db/database.ts';
import { installLifecycleDefaults } from '../lifecycle/install-defaults.ts';
import { AppError } from '../shared/app-error.ts';
import { newId, type OrgId } from '../shared/ids.ts';
import { findOrgBySlug, insertOrg } from './platform.store.ts';

export interface CreateOrgInput {
  name: string;
  slug: string;
  timeZone?: string;
  currency?: string;
}

export async function createOrg(trx: Trx, input: CreateOrgInput): Promise<OrgId> {
  const timeZone = input.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone))
    throw new AppError('validation_failed', `timeZone: ${timeZone} is not an IANA time zone`, 'timeZone');
  if (await findOrgBySlug(trx, input.slug)) {
    throw new AppError('conflict', `slug: an organisation named ${input.slug} already exists`, 'slug');
  }
  const orgId = newId<OrgId>();
  await insertOrg(trx, { orgId, name: input.name, slug: input.slug, timeZone, currency: input.currency ?? 'USD' });
  await installLifecycleDefaults(trx, orgId);
  return orgId;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
