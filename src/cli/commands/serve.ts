import type { Config } from '../../config.ts';
import { ensureDemoOrg } from '../../demo/seed-demo.ts';
import { buildApp } from '../../server/build-app.ts';
import { openDatabase } from '../open-db.ts';

export async function serveCommand(_args: string[], config: Config): Promise<void> {
  const connection = await openDatabase(config);
  const demo = await ensureDemoOrg(connection.db, { log: (line) => process.stdout.write(`${line}\n`) });
  const app = await buildApp({
    db: connection.db,
    logger: config.LOG_LEVEL !== 'silent',
    trustProxy: config.BATON_TRUST_PROXY,
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`baton: ${signal} received, finishing requests and closing\n`);
    app
      .close()
      .then(() => connection.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`baton: shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const database = connection.kind === 'postgres' ? 'PostgreSQL server' : `PGlite at ${config.BATON_DATA_DIR}`;
  process.stdout.write(
    [
      `baton: serving on http://localhost:${port} (${database})`,
      `  API docs:      http://localhost:${port}/docs`,
      `  demo org:      ${demo.slug}`,
      `  demo API key:  ${demo.apiKey}`,
      ...demo.users.map((user) => `demo user: ${user.email} role=${user.role}`),
      `demo password: ${demo.password}`,
      `  try:           curl -H "Authorization: Bearer ${demo.apiKey}" "http://localhost:${port}/api/v1/leads?stage=mql&limit=5"`,
      '',
    ].join('\n'),
  );
}
