import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start` serves web/dist; this builds it first when it is missing or older than what
// it is built from, so `npm install && npm start` on a fresh clone serves the app.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST_INDEX = join(ROOT, 'web/dist/index.html');

// The web app's own files, the lock file (a dependency upgrade changes the bundle) and the
// server's source files: the web app imports schemas, constants and pure rules from src/,
// and a list of which ones goes stale as features grow, so any change there rebuilds.
const SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'];
const SHARED = /(?<!\.test)\.tsx?$/;

function newestMtime(path: string, filter?: RegExp): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return !filter || filter.test(path) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry), filter));
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p))), newestMtime(join(ROOT, 'src'), SHARED));
  return sources > built;
}

/** Builds web/dist with Vite when it is stale; answers whether it built. */
export async function ensureWebBuild(options: { quiet?: boolean } = {}): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  if (!options.quiet) process.stdout.write('baton: building the web app (web/dist)…\n');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuild().catch((error: unknown) => {
    process.stderr.write(`baton: the web app could not be built: ${String(error)}\n`);
    process.exit(1);
  });
}
