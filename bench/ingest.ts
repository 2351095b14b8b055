import { parseArgs } from 'node:util';
import type { IngestItem } from '../src/capture/ingest.schema.ts';
import { ingestBatch } from '../src/capture/ingest-batch.ts';
import { ingestLead } from '../src/capture/ingest-lead.ts';
import type { Connection } from '../src/db/connect.ts';
import { createOrg } from '../src/platform/create-org.ts';
import { createApiKey } from '../src/platform/create-user.ts';
import type { CommandContext } from '../src/shared/context.ts';
import { type BenchRow, onEachDatabase, report, round } from './support.ts';

// How a batch of ingest items should commit: one transaction with a savepoint per item
// (what /leads/ingest/batch does), one transaction per item, and, as the floor, one
// transaction without savepoints (which could not isolate a failed item). Each strategy
// gets its own organisation and fresh people, so every item creates a lead, an account
// and a touchpoint; campaigns repeat from a set of ten.
export async function ingestBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { items: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' } },
  });
  const items = Number(values.items);
  const rounds = Number(values.rounds);
  const rows: BenchRow[] = [];
  await onEachDatabase('baton_bench_ingest', async (kind, connection) => {
    for (let round_ = 0; round_ < rounds; round_++) {
      for (const [index, strategy] of STRATEGIES.entries()) {
        const ctx = await freshOrg(connection);
        const batch = makeItems(items, `s${index}r${round_}`);
        const started = performance.now();
        await strategy.run(connection, ctx, batch);
        const seconds = (performance.now() - started) / 1000;
        rows.push({ name: `${kind}: ${strategy.name}`, round: round_ + 1, 'items/s': round(items / seconds, 0) });
      }
    }
  });
  const best = new Map<string, number>();
  for (const row of rows) best.set(row.name, Math.max(best.get(row.name) ?? 0, Number(row['items/s'])));
  report({
    bench: 'ingest',
    sizes: { items, rounds },
    rows: [...best].map(([name, perSecond]) => ({ name, 'best items/s': perSecond })),
    notes: ['Every round creates a new lead, account and touchpoint per item; campaigns repeat from a set of ten.'],
  });
}

interface Strategy {
  readonly name: string;
  run(connection: Connection, ctx: CommandContext, items: IngestItem[]): Promise<void>;
}

const STRATEGIES: readonly Strategy[] = [
  {
    name: 'one transaction, savepoint per item',
    run: async ({ db }, ctx, items) => {
      const { results } = await db.transaction().execute((trx) => ingestBatch(trx, ctx, { items }));
      const failed = results.find((r) => !r.ok);
      if (failed) throw new Error(`batch item failed: ${JSON.stringify(failed)}`);
    },
  },
  {
    name: 'one transaction per item',
    run: async ({ db }, ctx, items) => {
      for (const item of items) await db.transaction().execute((trx) => ingestLead(trx, ctx, item));
    },
  },
  {
    name: 'one transaction, no savepoints (floor)',
    run: async ({ db }, ctx, items) => {
      await db.transaction().execute(async (trx) => {
        for (const item of items) await ingestLead(trx, ctx, item);
      });
    },
  },
];

async function freshOrg(connection: Connection): Promise<CommandContext> {
  const slug = `bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return connection.db.transaction().execute(async (trx) => {
    const orgId = await createOrg(trx, { name: slug, slug });
    const key = await createApiKey(trx, orgId, { name: 'bench', role: 'marketing' });
    return { actor: key.actor, now: new Date() };
  });
}

function makeItems(count: number, tag: string): IngestItem[] {
  return Array.from({ length: count }, (_, i) => ({
    lead: { email: `p${i}@c${i}-${tag}.example`, firstName: `P${i}`, company: `Company ${i}` },
    touchpoint: {
      type: 'form_fill',
      url: `https://site.example/demo?utm_source=google&utm_medium=cpc&utm_campaign=c${i % 10}`,
    },
  }));
}
