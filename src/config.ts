import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  BATON_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-* headers (client address, https). */
  BATON_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Where notification e-mails go, e.g. smtp://user:pass@mail.example.com:587; unset: to the log. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'an smtp:// or smtps:// URL')
    .optional(),
  /** The From of notification e-mails. */
  SMTP_FROM: z.string().min(3).default('Baton <baton@localhost>'),
  /** How often the jobs worker of `baton serve` looks for due jobs (SLA checks, e-mails). */
  BATON_JOBS_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
  /**
   * For tests that move time: a file holding an ISO instant. The app's clock (requests and
   * jobs) reads that instant as of when the file was last written and runs on from there.
   */
  BATON_CLOCK_FILE: z.string().min(1).optional(),
});

export type Config = z.infer<typeof Env>;

// The environment is read here once; nothing else in Baton reads process.env.
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return parsed.data;
}
