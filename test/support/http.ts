import { expect } from 'vitest';
import type { Connection } from '../../src/db/connect.ts';
import { type Api, buildApp } from '../../src/server/build-app.ts';
import type { Clock } from '../../src/shared/context.ts';
import { testDb } from './test-db.ts';

export interface TestResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, string | string[] | number | undefined>;
}

/** A signed-in browser: the session cookie and the CSRF token it was given. */
export interface TestSession {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** An API key, a session, or nobody (null). */
export type TestAuth = string | TestSession | null;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface TestClient {
  readonly app: Api;
  readonly connection: Connection;
  request<T = any>(auth: TestAuth, method: Method, url: string, body?: unknown): Promise<TestResponse<T>>;
  /** Signs in through POST /api/v1/sessions; throws unless it answers 201. */
  signIn(email: string, password: string, org?: string): Promise<TestSession>;
  /** Follows a list's cursors page by page (`path` already has a query string) and returns every item. */
  collectPages(auth: TestAuth, path: string, limit: number): Promise<any[]>;
}

const SAFE = new Set(['GET', 'HEAD']);

// An app built on the file's test database, driven through inject(): no port needed. A
// session request sends the cookie, and the CSRF header on writes, as Baton's web app does.
export async function testClient(options: { clock?: Clock; trustProxy?: boolean } = {}): Promise<TestClient> {
  const connection = await testDb();
  const app = await buildApp({
    db: connection.db,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.trustProxy ? { trustProxy: true } : {}),
  });
  const request: TestClient['request'] = async (auth, method, url, body) => {
    const headers: Record<string, string> = {};
    if (typeof auth === 'string') headers.authorization = `Bearer ${auth}`;
    else if (auth) {
      headers.cookie = auth.cookie;
      if (!SAFE.has(method)) headers['x-csrf-token'] = auth.csrfToken;
    }
    const response = await app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  const collectPages = async (auth: TestAuth, path: string, limit: number): Promise<any[]> => {
    const items: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TestResponse<any> = await request(
        auth,
        'GET',
        `${path}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return items;
  };
  return {
    app,
    connection,
    request,
    collectPages,
    async signIn(email, password, org) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { email, password, ...(org ? { org } : {}) },
      });
      if (response.statusCode !== 201) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'baton_session');
      if (!cookie) throw new Error('sign-in set no baton_session cookie');
      return { cookie: `baton_session=${cookie.value}`, csrfToken: JSON.parse(response.body).csrfToken };
    },
  };
}
