import { describe, expect, it } from 'vitest';
import { batonUnderTest, chromiumJourney, demoUser, shot, signIn } from './support/browser.ts';

const { baton, skip } = batonUnderTest();

describe.skipIf(!baton)(skip ?? 'the SLA scorecard and the team queue in Chromium', () => {
  const journey = chromiumJourney(baton);

  it("marketing reads last month's scorecard per rep and sets a target it then sees progress against", async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'marketing'), baton.password);
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await page.waitForURL('**/scorecard');
    const month = page.getByLabel('Month');
    await expect.poll(() => month.inputValue()).toMatch(/^\d{4}-\d{2}$/);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.waitForURL(/month=\d{4}-\d{2}/);
    const reps = page.getByTestId('scorecard-reps').locator('tbody tr');
    await reps.first().waitFor();
    // The demo's history gives every rep MQLs in a month.
    expect(await reps.count()).toBeGreaterThanOrEqual(4);
    const received = await reps.locator('td:nth-child(2)').allTextContents();
    expect(received.filter((n) => Number(n) > 0).length).toBeGreaterThanOrEqual(4);
    await page.getByTestId('scorecard-marketing').getByText('All MQLs').waitFor();
    await shot(page, '11-scorecard');

    const form = page.getByRole('form', { name: 'Set a target' });
    await form.getByLabel('Segment').selectOption('events');
    await form.getByLabel('MQL target').fill('12');
    await form.getByLabel('Accept rate target (%)').fill('80');
    await form.getByRole('button', { name: 'Save target' }).click();
    await page.getByTestId('targets').getByText('Events').waitFor();
    await page
      .getByTestId('scorecard-marketing')
      .getByText(/of 12 \(/)
      .waitFor();
  });

  it("a sales manager sees the team's queue with owners and its breaches", async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'sales_manager'), baton.password);
    await page.goto('/queue?tab=team');
    await page.getByTestId('breach-counts').waitFor();
    await page.getByRole('columnheader', { name: 'Owner' }).first().waitFor();
    expect(await page.getByTestId('breach-counts').textContent()).toMatch(/\d+ running · \d+ this month/);
    await shot(page, '12-team-queue');
  });
});
