import type { Kysely, Transaction } from 'kysely';
import type { ActivitiesTables } from '../activities/activities.tables.ts';
import type { CaptureTables } from '../capture/capture.tables.ts';
import type { ImportTables } from '../capture/import/imports.tables.ts';
import type { HandoffTables } from '../handoff/handoff.tables.ts';
import type { LifecycleTables } from '../lifecycle/lifecycle.tables.ts';
import type { IdentityTables } from '../platform/identity.tables.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';

export interface Database
  extends PlatformTables,
    IdentityTables,
    LifecycleTables,
    CaptureTables,
    ActivitiesTables,
    HandoffTables,
    ImportTables {}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** A store function accepts the database or a transaction alike. */
export type Executor = Kysely<Database>;
