import { randomUUID } from 'node:crypto';
import type { TestAuth, TestClient, TestResponse } from './http.ts';

export interface UploadOptions {
  readonly entity: string;
  readonly csv: string;
  readonly fileName?: string;
  readonly mapping?: Record<string, string>;
  readonly dateFormat?: string;
  readonly dryRun?: boolean;
}

/** A multipart/form-data body as a browser's FormData sends it: text parts first, then the file. */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; content: string } | null,
): { payload: string; contentType: string } {
  const boundary = `----baton${randomUUID().replaceAll('-', '')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: text/csv\r\n\r\n${file.content}\r\n`,
    );
  }
  return { payload: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/v1/imports with a CSV, as the import page sends it. */
export async function uploadImport(
  client: TestClient,
  auth: TestAuth,
  options: UploadOptions,
): Promise<TestResponse<any>> {
  const fields: Record<string, string> = { entity: options.entity, dryRun: String(options.dryRun ?? false) };
  if (options.mapping) fields.mapping = JSON.stringify(options.mapping);
  if (options.dateFormat) fields.dateFormat = options.dateFormat;
  const { payload, contentType } = multipartBody(fields, {
    name: options.fileName ?? 'upload.csv',
    content: options.csv,
  });
  const headers: Record<string, string> = { 'content-type': contentType };
  if (typeof auth === 'string') headers.authorization = `Bearer ${auth}`;
  else if (auth) {
    headers.cookie = auth.cookie;
    headers['x-csrf-token'] = auth.csrfToken;
  }
  const response = await client.app.inject({ method: 'POST', url: '/api/v1/imports', headers, payload });
  return {
    status: response.statusCode,
    body: response.body ? JSON.parse(response.body) : null,
    headers: response.headers,
  };
}

/** Polls GET /api/v1/imports/:id until the run has ended, and answers it. */
export async function waitForImport(client: TestClient, auth: TestAuth, id: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await client.request(auth, 'GET', `/api/v1/imports/${id}`);
    if (response.status !== 200)
      throw new Error(`GET import ${id}: ${response.status} ${JSON.stringify(response.body)}`);
    if (response.body.status !== 'running') return response.body;
    if (Date.now() > until) throw new Error(`import ${id} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
