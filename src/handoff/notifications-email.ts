import { createTransport } from 'nodemailer';
import type { Db } from '../db/database.ts';
import type { NotificationId } from '../shared/ids.ts';
import { type JobRow, lockOpenJob, markJobDone } from './jobs.store.ts';
import { inJobTransaction, type Logger } from './jobs-core.ts';
import { findNotificationForEmail, markEmailed } from './notifications.store.ts';

// The e-mail of each notification, sent by the 'send_email' job over SMTP (SMTP_URL) with
// nodemailer. Without SMTP_URL the whole e-mail is written to the log instead: an e-mail is
// never dropped without a trace.

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  /** 'log' when e-mails only go to the log. */
  readonly kind: 'smtp' | 'log';
  /** Resolves once the message is handed over; throws when it was not. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface MailSettings {
  readonly smtpUrl?: string | undefined;
  readonly from: string;
}

export function mailerFor(settings: MailSettings, logger: Logger): Mailer {
  return settings.smtpUrl ? smtpMailer(settings.smtpUrl, settings.from) : logMailer(logger);
}

// Short timeouts: a job waits for the server, and an unreachable one should fail the
// attempt (it is retried with backoff) rather than hold the worker for minutes.
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    send: async (email) => {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text });
    },
    close: () => transport.close(),
  };
}

export function logMailer(logger: Logger): Mailer {
  return {
    kind: 'log',
    send: async (email) => {
      logger.info(
        { to: email.to, subject: email.subject, body: email.text },
        'e-mail not sent (SMTP_URL is not set); written here instead',
      );
    },
    close: () => {},
  };
}

/**
 * The 'send_email' job. The message is read in one short transaction, sent outside any
 * (so a slow SMTP server never holds the database, which PGlite serialises), and recorded
 * as sent in a second one. A worker that dies between sending and recording sends the
 * message again after its lease runs out: at least once, never zero times.
 */
export async function sendNotificationEmail(db: Db, job: JobRow, now: Date, mailer: Mailer): Promise<void> {
  const id = job.payload.notificationId;
  if (typeof id !== 'string') throw new Error(`send_email job ${job.id} has no notificationId`);
  const email = await db.transaction().execute(async (trx) => {
    if (!(await lockOpenJob(trx, job.org_id, job.id))) return null;
    const found = await findNotificationForEmail(trx, job.org_id, id as NotificationId);
    // Gone with its lead, or sent already: nothing left to do.
    if (!found || found.emailed_at) {
      await markJobDone(trx, job.org_id, job.id, now);
      return null;
    }
    return {
      to: found.email,
      subject: `[Baton] ${found.title}`,
      text: `${found.name},\n\n${found.body}\n\n— Baton for ${found.org_name}\n`,
    };
  });
  if (!email) return;
  await mailer.send(email);
  await inJobTransaction(db, job, now, (trx, scope) => markEmailed(trx, scope.orgId, id as NotificationId, now));
}
