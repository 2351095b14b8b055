import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type DemoUser, type E2eContext, parseServeOutput } from './baton-server.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const START_TIMEOUT_MS = 180_000;

/** A `baton serve` child process this test run started, with what it printed. */
export interface ServedBaton {
  readonly url: string;
  readonly users: readonly DemoUser[];
  readonly password: string;
  /** The demo organisation's admin API key, as printed. */
  readonly apiKey: string;
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** Stops the child (SIGTERM, then SIGKILL after 10 s) and drops its data. */
  stop(): Promise<void>;
}

// Starts Baton the way a person starts it (`baton serve`) on a fresh data directory, or on
// a fresh database when DATABASE_URL names a PostgreSQL server. `env` is laid over the
// test's environment; a key set to undefined is removed (e.g. SMTP_URL, so e-mails go to
// the log). The shared journeys' server and a test that needs its own (one that moves the
// clock) both start here.
export async function startBaton(env: Readonly<Record<string, string | undefined>> = {}): Promise<ServedBaton> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const database = await freshDatabase();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', BATON_DATA_DIR: dataDir };
  if (database) childEnv.DATABASE_URL = database.url;
  else delete childEnv.DATABASE_URL;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }

  const child = spawn(process.execPath, [join(ROOT, 'bin/baton.js'), 'serve'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read both streams for the child's whole life: an unread pipe would fill and block it.
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    const started = await waitForStart(child, () => output);
    const apiKey = /demo API key:\s*(\S+)/.exec(output)?.[1];
    if (!apiKey) throw new Error(`baton serve printed no \`demo API key:\` line; its output:\n${output}`);
    return { ...started, apiKey, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

type Started = Exclude<E2eContext, { readonly skip: string }>;

function waitForStart(child: ChildProcess, output: () => string): Promise<Started> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let grace: NodeJS.Timeout | undefined;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const fail = (message: string) => {
      if (settled) return;
      finish();
      reject(new Error(`${message}; its output:\n${output()}`));
    };
    const timer = setTimeout(
      () => fail(`baton serve did not start within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    const onExit = (code: number | null) => fail(`baton serve exited with code ${code} before it was ready`);
    const onData = () => {
      if (settled) return;
      const parsed = parseServeOutput(output());
      if (parsed.ready) {
        finish();
        // Lines written in the same moment may still be in flight; read them too.
        setTimeout(() => {
          const again = parseServeOutput(output());
          const context = again.ready ? again.context : parsed.context;
          if ('skip' in context) reject(new Error(context.skip));
          else resolve(context);
        }, 300);
      } else if (parsed.listening && !grace) {
        // Once it listens, the demo lines follow at once or never.
        grace = setTimeout(() => fail(`baton serve is listening but printed no ${parsed.missing}`), 5_000);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return null;
  // Unique per start: the shared server and a test's own may start in the same second.
  const name = `baton_e2e_${process.pid}_${Date.now()}_${randomBytes(3).toString('hex')}`;
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
