import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../../../scripts/ensure-web-build.ts';
import { chromiumPath, type E2eContext, parseServeOutput } from './baton-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const START_TIMEOUT_MS = 180_000;

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

  const dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const database = await freshDatabase();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  env.BATON_DATA_DIR = dataDir;
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  const child = spawn(process.execPath, [join(ROOT, 'bin/baton.js'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    project.provide('e2e', await waitForStart(child));
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

function fromEnvironment(url: string): E2eContext {
  // BATON_E2E_URL runs the journeys against a Baton started by hand; its demo users and
  // password are given as they would have been printed.
  const lines = (process.env.BATON_E2E_DEMO ?? '').split(';').join('\n');
  const parsed = parseServeOutput(`baton: serving on ${url}\n${lines}`);
  if (!parsed.ready) throw new Error('BATON_E2E_DEMO must hold the `demo user:` and `demo password:` lines');
  return parsed.context;
}

function waitForStart(child: ChildProcess): Promise<E2eContext> {
  return new Promise((resolve, reject) => {
    let output = '';
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(
      () => fail(`baton serve did not start within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    const fail = (message: string) => {
      clearTimeout(timer);
      clearTimeout(grace);
      reject(new Error(`${message}; its output:\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const parsed = parseServeOutput(output);
      if (parsed.ready) {
        clearTimeout(timer);
        clearTimeout(grace);
        // Lines written in the same moment may still be in flight; read them too.
        setTimeout(() => {
          const settled = parseServeOutput(output);
          resolve(settled.ready ? settled.context : parsed.context);
        }, 300);
      } else if (parsed.listening && !grace) {
        // Once it listens, the demo lines follow at once or never.
        grace = setTimeout(() => fail(`baton serve is listening but printed no ${parsed.missing}`), 5_000);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(`baton serve exited with code ${code} before it was ready`));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return null;
  const name = `baton_e2e_${process.pid}_${Date.now()}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
