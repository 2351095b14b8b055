import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, it } from 'vitest';
import { notFoundHandler } from './errors.ts';
import { registerWebApp } from './web-app.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function appServing(files: Record<string, string> | null) {
  const root = mkdtempSync(join(tmpdir(), 'baton-web-'));
  dirs.push(root);
  const dist = join(root, 'dist');
  if (files) {
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(join(dist, name, '..'), { recursive: true });
      writeFileSync(join(dist, name), body);
    }
  }
  writeFileSync(join(root, 'secret.txt'), 'not for the web');
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setNotFoundHandler(notFoundHandler);
  app.get('/api/v1/leads', async () => ({ items: [] }));
  await registerWebApp(app, dist);
  return app;
}

const BUILT = { 'index.html': '<!doctype html><div id="root"></div>', 'assets/app-1234.js': 'console.log(1)' };

describe('serving the web app', () => {
  it('answers a page of the app with index.html, uncached, and a built asset as an immutable file', async () => {
    const app = await appServing(BUILT);
    const page = await app.inject({ method: 'GET', url: '/leads/0190a0b0-0000-7000-8000-000000000000?stage=mql' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<div id="root">');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.body).toBe('console.log(1)');
  });

  it.each(['/api/v1/nope', '/api', '/docs/nope', '/healthz/x', '/f/unknown-form'])(
    'leaves %s to the JSON not-found answer',
    async (url) => {
      const app = await appServing(BUILT);
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    },
  );

  it('lets real routes answer and answers no write', async () => {
    const app = await appServing(BUILT);
    expect((await app.inject({ method: 'GET', url: '/api/v1/leads' })).json()).toEqual({ items: [] });
    expect((await app.inject({ method: 'POST', url: '/leads' })).statusCode).toBe(404);
  });

  it('never serves a file outside web/dist', async () => {
    const app = await appServing(BUILT);
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body).not.toContain('not for the web');
    }
  });

  it('says how to build the app when web/dist is missing', async () => {
    const app = await appServing(null);
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('npm run build:web');
    expect((await app.inject({ method: 'GET', url: '/leads' })).statusCode).toBe(404);
  });
});
