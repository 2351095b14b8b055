import type { z } from 'zod';
import type { Trx } from '../db/database.ts';
import { withSavepoint } from '../db/savepoint.ts';
import { AppError } from '../shared/app-error.ts';
import type { CommandContext } from '../shared/context.ts';
import { listChannelOverrides } from './channel-overrides.store.ts';
import {
  type BatchItemResult,
  type BatchResult,
  type IngestBatch,
  IngestItem,
  type ItemError,
} from './ingest.schema.ts';
import { lockIngestBuckets } from './ingest.store.ts';
import { applyIngest, findExistingTargets } from './ingest-lead.ts';
import { type ExistingTargets, type IngestPlan, lockBuckets, lockNamesOf, planIngest } from './ingest-plan.ts';

type Planned = { index: number; plan: IngestPlan } | { index: number; error: ItemError };

// Up to a thousand arrivals in one transaction, each inside its own savepoint: an item
// that fails is undone alone and reported with its index, and the rest commit together.
// All locks are taken up front, in one ascending order, before any item runs.
export async function ingestBatch(trx: Trx, ctx: CommandContext, input: IngestBatch): Promise<BatchResult> {
  const { orgId } = ctx.actor;
  const planned = input.items.map((raw, index) => planItem(raw, index, ctx.now));
  const existing = new Map<IngestPlan, ExistingTargets>();
  for (const item of planned)
    if ('plan' in item) existing.set(item.plan, await findExistingTargets(trx, orgId, item.plan));
  const names = [...existing].flatMap(([plan, targets]) => lockNamesOf(plan, targets));
  await lockIngestBuckets(trx, orgId, lockBuckets(names));
  const overrides = await listChannelOverrides(trx, orgId);
  const results: BatchItemResult[] = [];
  for (const item of planned) {
    if ('error' in item) {
      results.push({ index: item.index, ok: false, error: item.error });
      continue;
    }
    try {
      const targets = existing.get(item.plan) ?? { campaignId: null, accountId: null };
      const result = await withSavepoint(trx, 'ingest_item', () =>
        applyIngest(trx, ctx, item.plan, targets, { overrides }),
      );
      results.push({ index: item.index, ok: true, ...result });
    } catch (error) {
      results.push({ index: item.index, ok: false, error: itemError(error) });
    }
  }
  return { results };
}

function planItem(raw: unknown, index: number, now: Date): Planned {
  const parsed = IngestItem.safeParse(raw);
  if (!parsed.success) return { index, error: zodItemError(parsed.error) };
  try {
    return { index, plan: planIngest(parsed.data, now) };
  } catch (error) {
    return { index, error: itemError(error) };
  }
}

function zodItemError(error: z.ZodError): ItemError {
  const issue = error.issues[0];
  if (!issue) return { code: 'validation_failed', message: 'item: invalid' };
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
  const field = path.join('.') || 'item';
  const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message;
  return { code: 'validation_failed', message: `${field}: ${message}`, field };
}

// Errors a client can act on are reported per item; anything else aborts the batch, since
// it says the database itself is in trouble.
function itemError(error: unknown): ItemError {
  if (error instanceof AppError) {
    return error.field === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, field: error.field };
  }
  const code = (error as { code?: unknown }).code;
  if (code === '23505' || code === '23503' || code === '40P01') {
    return { code: 'conflict', message: 'a concurrent request changed the same records; send this item again' };
  }
  throw error;
}
