import type { Config } from '../../config.ts';
import { ensureDemoOrg } from '../../demo/seed-demo.ts';
import { type JobsWorker, startJobsWorker } from '../../handoff/jobs.ts';
import { mailerFor } from '../../handoff/notifications-email.ts';
import { buildApp } from '../../server/build-app.ts';
import { systemClock } from '../../shared/context.ts';
import { fileClock } from '../clock-file.ts';
import { openDatabase } from '../open-db.ts';

export async function serveCommand(_args: string[], config: Config): Promise<void> {
  const connection = await openDatabase(config);
  const demo = await ensureDemoOrg(connection.db, { log: (line) => process.stdout.write(`${line}\n`) });
  // One clock for requests and jobs alike, so a test that moves it moves both.
  const clock = config.BATON_CLOCK_FILE
    ? fileClock(config.BATON_CLOCK_FILE, (problem) => process.stderr.write(`baton: ${problem}\n`))
    : systemClock;
  const app = await buildApp({
    db: connection.db,
    clock,
    logger: config.LOG_LEVEL !== 'silent',
    trustProxy: config.BATON_TRUST_PROXY,
  });
  const mailer = mailerFor({ smtpUrl: config.SMTP_URL, from: config.SMTP_FROM }, app.log);
  let closing = false;
  let worker: JobsWorker | null = null;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`baton: ${signal} received, finishing requests and closing\n`);
    // The worker finishes the job in hand first: a job is never left half done.
    Promise.resolve(worker?.stop())
      .then(() => app.close())
      .then(() => mailer.close())
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
  if (!closing) {
    worker = startJobsWorker({
      db: connection.db,
      clock,
      intervalMs: config.BATON_JOBS_INTERVAL_MS,
      mailer,
      logger: app.log,
    });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const database = connection.kind === 'postgres' ? 'PostgreSQL server' : `PGlite at ${config.BATON_DATA_DIR}`;
  process.stdout.write(
    [
      `baton: serving on http://localhost:${port} (${database})`,
      `  API docs:      http://localhost:${port}/docs`,
      `  demo org:      ${demo.slug}`,
      `  demo API key:  ${demo.apiKey}`,
      `  jobs:          every ${config.BATON_JOBS_INTERVAL_MS} ms; e-mail ${mailer.kind === 'smtp' ? 'over SMTP_URL' : 'written to the log (SMTP_URL is not set)'}`,
      ...(config.BATON_CLOCK_FILE ? [`  clock:         read from ${config.BATON_CLOCK_FILE}`] : []),
      ...demo.users.map((user) => `demo user: ${user.email} role=${user.role}`),
      `demo password: ${demo.password}`,
      `  try:           curl -H "Authorization: Bearer ${demo.apiKey}" "http://localhost:${port}/api/v1/leads?stage=mql&limit=5"`,
      '',
    ].join('\n'),
  );
}
