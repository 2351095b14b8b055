import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import type { Role } from '../../../src/shared/actor.ts';
import { chromiumPath, type DemoUser } from './baton-server.ts';

export interface Baton {
  readonly url: string;
  readonly users: readonly DemoUser[];
  readonly password: string;
}

/** The started Baton, or the reason the journeys are skipped. */
export function batonUnderTest(): { baton: Baton; skip: null } | { baton: null; skip: string } {
  const e2e = inject('e2e');
  return 'skip' in e2e ? { baton: null, skip: e2e.skip } : { baton: e2e, skip: null };
}

export function demoUser(baton: Baton, role: Role, index = 0): DemoUser {
  const user = baton.users.filter((u) => u.role === role)[index];
  if (!user) throw new Error(`baton serve printed no demo user number ${index + 1} with role ${role}`);
  return user;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Tab {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every console error and uncaught page error; a journey fails unless it stays empty. */
  readonly errors: string[];
}

export async function openTab(browser: Browser, baton: Baton): Promise<Tab> {
  const context = await browser.newContext({ baseURL: baton.url, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { context, page, errors };
}

export async function signIn(page: Page, user: DemoUser, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/leads**');
}

/** Saves a screenshot when BATON_E2E_SHOTS names a directory, for looking at the design. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.BATON_E2E_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

export interface Journey {
  /** The describe block's Chromium, for contexts a test makes itself. */
  browser(): Browser;
  /** A fresh tab (its own context) for this test, closed and checked after it. */
  open(): Promise<Tab>;
}

/**
 * The hooks every journey needs, registered in the calling describe block: one Chromium for
 * the block, a fresh tab per test, closed after it, and the test fails when that tab's
 * console saw an error.
 */
export function chromiumJourney(baton: Baton | null): Journey {
  let chrome: Browser | undefined;
  let tab: Tab | undefined;
  beforeAll(async () => {
    if (baton) chrome = await launchChromium();
  });
  afterAll(async () => {
    await chrome?.close();
  });
  afterEach(async () => {
    if (!tab) return;
    const { errors, context } = tab;
    tab = undefined;
    await context.close();
    expect(errors, 'the browser console must stay free of errors').toEqual([]);
  });
  const browser = (): Browser => {
    if (!chrome) throw new Error('Chromium is not running: is this journey skipped?');
    return chrome;
  };
  return {
    browser,
    open: async () => {
      if (!baton) throw new Error('no Baton under test');
      tab = await openTab(browser(), baton);
      return tab;
    },
  };
}
