import type { Connection } from '../../src/db/connect.ts';
import { type Api, buildApp } from '../../src/server/build-app.ts';
import type { Clock } from '../../src/shared/context.ts';
import { testDb } from './test-db.ts';

export interface TestResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface TestClient {
  readonly app: Api;
  readonly connection: Connection;
  request<T = any>(
    key: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<TestResponse<T>>;
}

// An app built on the file's test database, driven through inject(): no port needed.
export async function testClient(options: { clock?: Clock } = {}): Promise<TestClient> {
  const connection = await testDb();
  const app = await buildApp({ db: connection.db, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    app,
    connection,
    async request(key, method, url, body) {
      const response = await app.inject({
        method,
        url,
        headers: key ? { authorization: `Bearer ${key}` } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const text = response.body;
      return { status: response.statusCode, body: text ? JSON.parse(text) : null };
    },
  };
}
