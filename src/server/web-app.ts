import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { Api } from './build-app.ts';

export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// Paths the web app never answers: the API, its docs, the health check and public forms
// keep their own routes and their own JSON 404s.
const RESERVED = ['/api/', '/api', '/docs', '/healthz', '/f/'];

const NOT_BUILT =
  'Baton is running, but its web app has not been built.\n' +
  'Run `npm run build:web` (or `npm start`, which builds it when needed) and reload.\n' +
  'The API is at /api/v1 and its reference at /docs.\n';

/**
 * Serves the built React app (web/dist) from the same process and port as the API. It adds
 * no routes: a GET that no route matched is answered here with the file of that name, or
 * else with index.html so the app's own router shows the page. Because no route is added,
 * the permission table (platform/permissions.ts) has nothing to cover, and such requests
 * carry no credentials anyway: the app fetches its data from /api.
 */
export async function registerWebApp(app: Api, distDir: string = WEB_DIST_DIR): Promise<void> {
  await app.register(fastifyStatic, { root: distDir, serve: false });

  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const path = safeDecode(request.url.split('?')[0] ?? '/');
    if (path === null || RESERVED.some((prefix) => path === prefix || path.startsWith(prefix))) return;
    if (!isFile(distDir, 'index.html')) {
      if (path !== '/') return;
      return reply.code(200).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    const file = path.replace(/^\/+/, '');
    if (isFile(distDir, file)) {
      // Vite names built assets by content hash, so they never change under their name.
      const immutable = file.startsWith('assets/');
      return reply.sendFile(file, { immutable, maxAge: immutable ? 31_536_000_000 : 0, cacheControl: true });
    }
    // Any other path is a page of the app; index.html must not be cached so a new build
    // is picked up on the next load.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

// Looked up on each request, so a rebuild is served without a restart. Only a regular file
// inside web/dist qualifies: a path that resolves outside it (`..`) is never a file here.
function isFile(root: string, file: string): boolean {
  const full = resolve(root, file);
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return false;
  return statSync(full, { throwIfNoEntry: false })?.isFile() ?? false;
}
