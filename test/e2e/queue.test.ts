import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoUser } from './support/baton-server.ts';
import { type Baton, batonUnderTest, chromiumJourney, demoUser, shot, signIn } from './support/browser.ts';

const { baton, skip } = batonUnderTest();

// A demo rep with at least `least` MQLs waiting, the second rep first: the lead journeys work
// the first rep's leads, and two journeys must not move the same lead.
async function repWithQueue(browser: Browser, at: Baton, least: number): Promise<DemoUser> {
  for (const index of [1, 0]) {
    const rep = demoUser(at, 'sales_rep', index);
    const context = await browser.newContext({ baseURL: at.url });
    try {
      const signedIn = await context.request.post('/api/v1/sessions', {
        data: { email: rep.email, password: at.password },
      });
      expect(signedIn.status()).toBe(201);
      const queue = await (await context.request.get('/api/v1/queue')).json();
      if (queue.mqls.items.length >= least) return rep;
    } finally {
      await context.close();
    }
  }
  throw new Error(`neither demo rep has ${least} MQLs waiting in their queue`);
}

describe.skipIf(!baton)(skip ?? 'the queue in Chromium, by keyboard', () => {
  const journey = chromiumJourney(baton);

  it('a rep accepts the top MQL and rejects the next with a numbered reason and a note, keys only', async () => {
    if (!baton) return;
    const rep = await repWithQueue(journey.browser(), baton, 2);
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, rep, baton.password);

    await page.keyboard.press('g');
    await page.keyboard.press('q');
    await page.waitForURL('**/queue');
    const rows = page.getByTestId('queue-mqls').locator('tbody tr');
    await rows.nth(1).waitFor();
    await page.getByTestId('countdown').first().waitFor();
    await shot(page, '10-queue');
    const top = {
      id: await rows.nth(0).getAttribute('data-lead-id'),
      name: await rows.nth(0).locator('td.col-name a').textContent(),
    };
    const next = {
      id: await rows.nth(1).getAttribute('data-lead-id'),
      name: await rows.nth(1).locator('td.col-name a').textContent(),
    };
    expect(top.id).toBeTruthy();
    expect(next.id).toBeTruthy();

    // j and k move the selection.
    const selected = page.getByTestId('queue-mqls').locator('tbody tr[aria-selected="true"]');
    expect(await selected.getAttribute('data-lead-id')).toBe(top.id);
    await page.keyboard.press('j');
    await expect.poll(() => selected.getAttribute('data-lead-id')).toBe(next.id);
    await page.keyboard.press('k');
    await expect.poll(() => selected.getAttribute('data-lead-id')).toBe(top.id);

    // a accepts the top lead: it leaves the MQL list, and the next one is selected.
    await page.keyboard.press('a');
    await page.getByTestId('queue-notice').getByText(`Accepted ${top.name}`).waitFor();
    await expect.poll(() => page.locator(`[data-testid="queue-mqls"] tr[data-lead-id="${top.id}"]`).count()).toBe(0);
    await expect.poll(() => selected.getAttribute('data-lead-id')).toBe(next.id);

    // r opens the reason picker; 2 picks the second reason and moves to the note; Enter rejects.
    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog');
    const picker = dialog.getByTestId('queue-reason-dialog');
    await picker.waitFor();
    const second = picker.locator('label.radio').nth(1);
    const reason = ((await second.textContent()) ?? '').replace(/^\s*2\s*/, '').trim();
    expect(reason).not.toBe('');
    await page.keyboard.press('2');
    await expect.poll(() => second.locator('input').isChecked()).toBe(true);
    await page.keyboard.type('Asked for the CFO, who owns this budget.');
    await shot(page, '10-queue-reject');
    await page.keyboard.press('Enter');
    await page.getByTestId('queue-notice').getByText(`Rejected ${next.name}: ${reason}`).waitFor();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.locator(`[data-testid="queue-mqls"] tr[data-lead-id="${next.id}"]`).count()).toBe(0);

    // The rejected lead is disqualified with that reason and note; the accepted one is SAL.
    await page.goto(`/leads/${next.id}`);
    await expect.poll(() => page.getByTestId('lead-stage').textContent()).toBe('Disqualified');
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText(reason).first().waitFor();
    await timeline.getByText('Asked for the CFO, who owns this budget.').waitFor();
    await page.goto(`/leads/${top.id}`);
    await expect.poll(() => page.getByTestId('lead-stage').textContent()).toBe('SAL');
  });

  it('Escape cancels the reason picker and leaves the lead in the queue', async () => {
    if (!baton) return;
    const rep = await repWithQueue(journey.browser(), baton, 1);
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, rep, baton.password);
    await page.goto('/queue');
    const rows = page.getByTestId('queue-mqls').locator('tbody tr');
    await rows.first().waitFor();
    const id = await rows.first().getAttribute('data-lead-id');
    await page.keyboard.press('c');
    await page.getByTestId('queue-reason-dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator(`[data-testid="queue-mqls"] tr[data-lead-id="${id}"]`).count()).toBe(1);
  });
});
