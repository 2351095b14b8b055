import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { batonUnderTest, chromiumJourney, demoUser, shot, signIn } from './support/browser.ts';

const { baton, skip } = batonUnderTest();

/** Opens the first of the rep's own leads in one of `stages`, from the table by keyboard. */
async function openOwnLead(page: Page, stages: readonly string[]): Promise<string> {
  for (const stage of stages) {
    await page.goto(`/leads?owner=me&stage=${stage}`);
    const table = page.locator('table.table-leads tbody tr');
    const empty = page.getByText('No leads match these filters.');
    await Promise.race([table.first().waitFor(), empty.waitFor()]);
    if ((await table.count()) === 0) continue;
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    return stage;
  }
  throw new Error(`the rep owns no lead in ${stages.join(' or ')}`);
}

describe.skipIf(!baton)(skip ?? 'working a lead in Chromium', () => {
  const journey = chromiumJourney(baton);

  it('a rep opens one of their leads and moves it to SQL, and the move is on its timeline', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'sales_rep'), baton.password);
    const stage = await openOwnLead(page, ['sal', 'mql']);
    const badge = page.getByTestId('lead-stage');
    await page.getByRole('list', { name: 'Timeline' }).waitFor();
    await shot(page, '03-lead');
    if (stage === 'mql') {
      await page.getByRole('button', { name: 'Accept (SAL)' }).click();
      await expect.poll(() => badge.textContent()).toBe('SAL');
    }
    await page.getByRole('button', { name: 'Qualify (SQL)' }).click();
    await expect.poll(() => badge.textContent()).toBe('SQL');
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('SAL → SQL').waitFor();
    // From SQL the next moves are conversion, rejection and recycling, nothing else.
    await page.getByRole('button', { name: 'Convert to opportunity…' }).waitFor();
    expect(await page.getByRole('button', { name: 'Qualify (SQL)' }).count()).toBe(0);

    await page.reload();
    await expect.poll(() => badge.textContent()).toBe('SQL');
    await shot(page, '03-lead-after-sql');
  });

  it('rejecting a lead asks for a reason and records it with the note', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'sales_rep'), baton.password);
    await openOwnLead(page, ['mql', 'sal']);
    await page.getByRole('button', { name: 'Reject…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Not a decision maker').check();
    await dialog.getByLabel(/^Note \(required/).fill('Forwarded to the <b>CFO</b>, who owns the budget.');
    await shot(page, '03-lead-reject-dialog');
    await dialog.getByRole('button', { name: 'Move to Disqualified' }).click();
    await expect.poll(() => page.getByTestId('lead-stage').textContent()).toBe('Disqualified');
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('Not a decision maker').waitFor();
    // The note is shown as the text it is, never as markup.
    await timeline.getByText('Forwarded to the <b>CFO</b>, who owns the budget.').waitFor();

    await page.getByLabel('Quick note').fill('Called back, no answer.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await timeline.getByText('Called back, no answer.').waitFor();
  });
});
