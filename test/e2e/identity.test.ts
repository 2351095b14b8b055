import { describe, expect, it } from 'vitest';
import { batonUnderTest, chromiumJourney, demoUser, shot, signIn } from './support/browser.ts';

const { baton, skip } = batonUnderTest();

describe.skipIf(!baton)(skip ?? 'signing in, roles and signing out in Chromium', () => {
  const journey = chromiumJourney(baton);

  it('a rep signs in and sees only their own leads and their team queue', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await page.goto('/');
    await page.getByLabel('E-mail').waitFor();
    await shot(page, '01-sign-in');
    await signIn(page, demoUser(baton, 'sales_rep'), baton.password);
    const me = (await page.locator('.who-name').textContent()) ?? '';
    expect(me).not.toBe('');

    await page.locator('table.table-leads tbody tr').first().waitFor();
    await shot(page, '02-leads-rep');
    const owners = await page.getByTestId('lead-owner').allTextContents();
    expect(owners.length).toBeGreaterThan(0);
    for (const owner of owners) expect([me, 'Unassigned']).toContain(owner);

    await page.getByRole('button', { name: 'Mine', exact: true }).click();
    await page.waitForURL('**/leads?owner=me');
    await expect.poll(() => page.getByTestId('lead-owner').allTextContents()).not.toContain('Unassigned');
    const mine = await page.getByTestId('lead-owner').allTextContents();
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine)).toEqual(new Set([me]));
  });

  it('a rep sees only the shared MQL definition in settings, and not the audit log', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'sales_rep', 1), baton.password);
    const nav = page.getByRole('navigation', { name: 'Product areas' });
    await nav.getByRole('link', { name: 'Pipeline' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Settings' }).click();
    const tabs = page.getByRole('navigation', { name: 'Settings sections' });
    await tabs.getByRole('link', { name: 'MQL definition' }).waitFor();
    await shot(page, '09-settings-as-rep');
    expect(await tabs.getByRole('link').allInnerTexts()).toEqual(['MQL definition']);
    await page.goto('/settings?tab=users');
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    await sections.getByRole('link', { name: 'MQL definition' }).waitFor();
    expect(await sections.getByRole('link').count()).toBe(1);
    expect(await page.getByRole('table', { name: /users/i }).count()).toBe(0);
    await page.goto('/audit-log');
    await page.getByText('Audit log entries are for admins.').waitFor();
  });

  it('signing out ends the session on the server and returns to the sign-in page', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page, context } = tab;
    await signIn(page, demoUser(baton, 'sales_manager'), baton.password);
    const cookies = await context.cookies();
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((c) => c.httpOnly)).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in**');
    await page.goto('/leads');
    await page.waitForURL('**/sign-in**');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    // The old cookie no longer opens a session: sign-out revoked it, not just forgot it.
    const replay = await journey.browser().newContext({ baseURL: baton.url });
    await replay.addCookies(cookies);
    const me = await replay.request.get('/api/v1/me');
    expect(me.status()).toBe(401);
    await replay.close();
  });
});
