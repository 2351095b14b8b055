import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../../../scripts/ensure-web-build.ts';
import { chromiumPath, type E2eContext, parseServeOutput } from './baton-server.ts';
import { startBaton } from './serve-child.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

// One Baton for all journeys, started the way a person starts it (`baton serve`) on a fresh
// data directory, or on a fresh database when the suite runs against PostgreSQL. Journeys
// sign in as different demo users and touch different leads and deals, so they can share it.
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browser = chromiumPath();
  if (!existsSync(browser)) {
    const reason = `browser tests skipped: no Chromium at ${browser} (set CHROMIUM_PATH)`;
    process.stdout.write(`\n${reason}\n\n`);
    project.provide('e2e', { skip: reason });
    return async () => {};
  }
  if (process.env.BATON_E2E_URL) {
    project.provide('e2e', fromEnvironment(process.env.BATON_E2E_URL));
    return async () => {};
  }
  await ensureWebBuild({ quiet: true });
  const baton = await startBaton({ LOG_LEVEL: 'warn' });
  project.provide('e2e', { url: baton.url, users: baton.users, password: baton.password });
  return baton.stop;
}

function fromEnvironment(url: string): E2eContext {
  // BATON_E2E_URL runs the journeys against a Baton started by hand; its demo users and
  // password are given as they would have been printed.
  const lines = (process.env.BATON_E2E_DEMO ?? '').split(';').join('\n');
  const parsed = parseServeOutput(`baton: serving on ${url}\n${lines}`);
  if (!parsed.ready) throw new Error('BATON_E2E_DEMO must hold the `demo user:` and `demo password:` lines');
  return parsed.context;
}
