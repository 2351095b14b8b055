import type { Role } from '../../../src/shared/actor.ts';

export interface DemoUser {
  readonly email: string;
  readonly role: Role;
}

export type E2eContext =
  | { readonly skip: string }
  | { readonly url: string; readonly users: readonly DemoUser[]; readonly password: string };

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

type Parsed =
  | { readonly ready: true; readonly context: E2eContext }
  | { readonly ready: false; readonly listening: boolean; readonly missing: string };

// What `baton serve` prints on a first start: the URL it serves, then for the demo
// organisation one `demo user: <email> role=<role>` line per person and the shared
// `demo password: <password>`.
export function parseServeOutput(output: string): Parsed {
  const url = /serving on (http:\/\/\S+)/.exec(output)?.[1];
  const users = [...output.matchAll(/demo user:\s*(\S+@\S+)\s+role=(\w+)/g)].map(([, email, role]) => ({
    email: email ?? '',
    role: role as Role,
  }));
  const password = /demo password:\s*(\S+)/.exec(output)?.[1];
  if (url && users.length > 0 && password) return { ready: true, context: { url, users, password } };
  const missing = !url ? 'serving line' : users.length === 0 ? '`demo user:` lines' : '`demo password:` line';
  return { ready: false, listening: Boolean(url), missing };
}
