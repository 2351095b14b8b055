import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { seedOrg } from '../../demo/seed-demo.ts';
import { openDatabase } from '../open-db.ts';

export async function seedCommand(args: string[], config: Config): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      leads: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '42' },
      slug: { type: 'string', default: 'demo' },
      name: { type: 'string' },
    },
  });
  const leads = wholeNumber('--leads', values.leads);
  const seed = wholeNumber('--seed', values.seed);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.slug)) {
    throw new Error(`--slug: ${values.slug} must be lower-case letters, digits and hyphens`);
  }
  const connection = await openDatabase(config);
  try {
    const started = Date.now();
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const seeded = await seedOrg(connection.db, {
      slug: values.slug,
      leads,
      seed,
      log,
      ...(values.name ? { name: values.name } : {}),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const lines = Object.entries(seeded.counts).map(([table, n]) => `  ${table.padEnd(16)} ${n.toLocaleString('en')}`);
    process.stdout.write(`seeded ${seeded.slug} (${seeded.orgId}) in ${seconds} s\n${lines.join('\n')}\n`);
  } finally {
    await connection.close();
  }
}

function wholeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag}: ${value} is not a non-negative whole number`);
  return n;
}
