import { apiBench } from './api.ts';
import { handoffBench } from './handoff.ts';
import { importBench } from './import.ts';
import { ingestBench } from './ingest.ts';
import { mqlPreviewBench } from './mql-preview.ts';

// `npm run bench -- <name> [options]`: the one way to measure Baton.
const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  api: apiBench,
  ingest: ingestBench,
  import: importBench,
  handoff: handoffBench,
  'mql-preview': mqlPreviewBench,
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]\n`);
  process.exitCode = 1;
} else {
  bench(args).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
