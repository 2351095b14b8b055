import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The policy Baton's server sends. The built page also carries it as a <meta> tag so the
// app is proven to run under it even where the header is missing; the dev server skips it
// because React's fast refresh needs an inline script.
export const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

function cspMeta(): Plugin {
  return {
    name: 'baton-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

export const config = defineConfig({
  root,
  plugins: [react(), cspMeta()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  // `npm run dev:web` serves the app with hot reload and forwards the API to a running Baton.
  server: {
    port: 5173,
    proxy: { '/api': process.env.BATON_URL ?? 'http://127.0.0.1:3000' },
  },
});

// Vite loads the default export of its config file; this is the one place it is required.
export default config;
