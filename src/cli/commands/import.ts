import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { csvLine } from '../../capture/import/csv-writer.ts';
import {
  DECLARABLE_CUSTOM_TYPES,
  IMPORT_ENTITIES,
  type ImportEntity,
  parseMapArguments,
} from '../../capture/import/mapping.ts';
import { DATE_FORMATS, type DateFormat } from '../../capture/import/parse-values.ts';
import { runImport } from '../../capture/import/run-import.ts';
import type { Config } from '../../config.ts';
import { createApiKey } from '../../platform/create-user.ts';
import { findOrgBySlug, revokeApiKeysByName } from '../../platform/platform.store.ts';
import { openDatabase } from '../open-db.ts';

const USAGE = `usage: baton import <${IMPORT_ENTITIES.join('|')}> <file.csv>
                    [--map column=field]… [--mapping file.json] [--date-format ${DATE_FORMATS.join('|')}]
                    [--org slug] [--dry-run] [--rejects out.csv]
  leads, accounts and deals also take custom.<name> fields, checked against the organisation's
  custom field definitions; a mapping file may declare missing ones under "customFields".`;

const MappingFile = z.object({
  fields: z.record(z.string(), z.string()),
  values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  externalIdFromLine: z.string().optional(),
  customFields: z.record(z.string(), z.enum(DECLARABLE_CUSTOM_TYPES)).optional(),
});

export async function importCommand(args: string[], config: Config): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      map: { type: 'string', multiple: true, default: [] },
      mapping: { type: 'string' },
      'date-format': { type: 'string' },
      org: { type: 'string', default: 'demo' },
      'dry-run': { type: 'boolean', default: false },
      rejects: { type: 'string' },
      'batch-size': { type: 'string' },
    },
  });
  const [entityName, file] = positionals;
  const entity = IMPORT_ENTITIES.find((e) => e === entityName) as ImportEntity | undefined;
  if (!entity || !file) throw new Error(USAGE);
  const dateFormat = values['date-format'] as DateFormat | undefined;
  if (dateFormat !== undefined && !DATE_FORMATS.includes(dateFormat)) {
    throw new Error(`--date-format: one of ${DATE_FORMATS.join(', ')}`);
  }
  const mappingFile = values.mapping ? MappingFile.parse(JSON.parse(readFileSync(values.mapping, 'utf8'))) : undefined;
  const maps = parseMapArguments(values.map);
  const connection = await openDatabase(config);
  try {
    const { db } = connection;
    const org = await findOrgBySlug(db, values.org);
    if (!org) throw new Error(`--org: no organisation with slug ${values.org}`);
    // The import acts as a machine user of its own, so every stage event it writes names it;
    // the key that comes with that user is revoked at once, as no one ever sees its secret.
    const keyName = `import ${new Date().toISOString()}`;
    const { actor } = await db
      .transaction()
      .execute((trx) => createApiKey(trx, org.org_id, { name: keyName, role: 'admin' }));
    await revokeApiKeysByName(db, org.org_id, keyName, new Date());
    const started = Date.now();
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const run = await runImport(
      db,
      { actor, now: new Date() },
      {
        entity,
        source: createReadStream(file),
        maps,
        dryRun: values['dry-run'],
        ...(mappingFile ? { mappingFile } : {}),
        ...(dateFormat ? { dateFormat } : {}),
        ...(values['batch-size'] ? { batchSize: Number(values['batch-size']) } : {}),
        onMapping: (m) => log(`mapping${m.preset ? ` (preset ${m.preset})` : ''}: ${[...m.columns.keys()].join(', ')}`),
        onProgress: (p) =>
          log(`  ${p.rows.toLocaleString('en')} rows read, ${p.rejected.toLocaleString('en')} rejected`),
      },
    );
    const seconds = (Date.now() - started) / 1000;
    for (const r of run.rejected) process.stdout.write(`line ${r.line}: ${r.field}: ${r.reason}\n`);
    for (const name of new Set(run.createdOwners)) {
      process.stdout.write(`created inactive rep for unknown owner: ${name}\n`);
    }
    process.stdout.write(
      `${values['dry-run'] ? 'dry run (nothing written): ' : ''}${entity}: ${run.rows} rows, ${run.imported} imported, ` +
        `${run.updated} updated, ${run.unchanged} unchanged, ${run.rejected.length} rejected ` +
        `in ${seconds.toFixed(1)} s (${Math.round(run.rows / Math.max(seconds, 0.001))} rows/s)\n`,
    );
    if (values.rejects) {
      const out = createWriteStream(values.rejects);
      out.write(csvLine(['line', 'field', 'reason']));
      for (const r of run.rejected) out.write(csvLine([r.line, r.field, r.reason]));
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      process.stdout.write(`wrote ${run.rejected.length} rejected rows to ${values.rejects}\n`);
    }
  } finally {
    await connection.close();
  }
}
