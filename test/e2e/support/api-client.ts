import { setTimeout as sleep } from 'node:timers/promises';

/** Calls Baton's HTTP API as one caller (an API key, or nobody for the public routes). */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  /** A GET answered with text (an HTML snippet). */
  text(path: string): Promise<string>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, status?: number): Promise<T>;
}

// A journey that starts its own Baton checks what the server did through the API, as an
// integration would: any answer other than the expected status fails with the body, which
// names the field that was refused.
export function apiAs(baseUrl: string, key: string | null): ApiClient {
  const request = async (method: string, path: string, body: unknown, status: number): Promise<string> => {
    const headers: Record<string, string> = {};
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status !== status) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text;
  };
  const call = async <T>(method: string, path: string, body: unknown, status: number): Promise<T> => {
    const text = await request(method, path, body, status);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    get: (path) => call('GET', path, undefined, 200),
    text: (path) => request('GET', path, undefined, 200),
    send: (method, path, body, status = method === 'POST' ? 201 : 200) => call(method, path, body, status),
  };
}

/**
 * Runs `probe` until it returns without throwing, starting it only before the deadline (a
 * Date.now() value), and otherwise fails with its last error: a journey waits for what the
 * server does in the background with a deadline, never a fixed sleep.
 */
export async function byDeadline<T>(deadline: number, probe: () => Promise<T>): Promise<T> {
  let last: unknown = new Error('the deadline passed before the first check');
  while (Date.now() <= deadline) {
    try {
      return await probe();
    } catch (error) {
      last = error;
    }
    await sleep(50);
  }
  throw last;
}

export interface LoggedEmail {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

const LOGGED_EMAIL = 'e-mail not sent (SMTP_URL is not set); written here instead';

/** The e-mails `baton serve` wrote to its log because SMTP_URL is unset (one JSON line each). */
export function loggedEmails(output: string): LoggedEmail[] {
  const emails: LoggedEmail[] = [];
  // The last piece is a line still being written (or empty): only whole lines are read.
  for (const line of output.split('\n').slice(0, -1)) {
    if (!line.startsWith('{') || !line.includes(LOGGED_EMAIL)) continue;
    const entry = JSON.parse(line) as { msg?: string; to?: string; subject?: string; body?: string };
    if (entry.msg === LOGGED_EMAIL)
      emails.push({ to: entry.to ?? '', subject: entry.subject ?? '', body: entry.body ?? '' });
  }
  return emails;
}
