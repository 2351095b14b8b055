import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { batonUnderTest, chromiumJourney, demoUser, shot, signIn } from './support/browser.ts';

const { baton, skip } = batonUnderTest();

/** The first open stage holding one of the shown deals, the stage after it, and that deal. */
async function pickMove(page: Page): Promise<{ dealId: string; from: string; to: string; card: Locator }> {
  await page.locator('.deal-card').first().waitFor();
  const stages = await page.locator('section.column').evaluateAll((columns) =>
    columns.map((c) => ({
      stage: c.getAttribute('data-stage') ?? '',
      first: c.querySelector('.deal-card')?.getAttribute('data-deal-id') ?? null,
    })),
  );
  const index = stages.findIndex((s, i) => s.first !== null && i < stages.length - 1);
  const from = stages[index];
  const to = stages[index + 1];
  if (!from?.first || !to) throw new Error('no open deal that can move to a next stage');
  return { dealId: from.first, from: from.stage, to: to.stage, card: page.locator(`[data-deal-id="${from.first}"]`) };
}

const column = (page: Page, stage: string) => page.locator(`section.column[data-stage="${stage}"]`);

describe.skipIf(!baton)(skip ?? 'the pipeline board in Chromium', () => {
  const journey = chromiumJourney(baton);

  it('a rep drags a deal to the next stage and it is still there after a reload', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'sales_rep', 1), baton.password);
    await page.goto('/pipeline?owner=me');
    const { dealId, to, card } = await pickMove(page);
    await shot(page, '04-pipeline');
    const recorded = page.waitForResponse((r) => r.url().includes(`/deals/${dealId}/transitions`));
    await card.dragTo(column(page, to));
    expect((await recorded).status()).toBe(201);
    await column(page, to).locator(`[data-deal-id="${dealId}"]`).waitFor();

    await page.reload();
    await column(page, to).locator(`[data-deal-id="${dealId}"]`).waitFor();
    expect(await page.locator(`[data-deal-id="${dealId}"]`).count()).toBe(1);
  });

  it('a deal moves from the keyboard, and closing it lost asks for the reason', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'sales_rep', 1), baton.password);
    await page.goto('/pipeline?owner=me');
    const { dealId, to, card } = await pickMove(page);
    const target = column(page, to);
    const label = (await target.locator('h2').textContent()) ?? '';

    await card.focus();
    await page.keyboard.press('m');
    await page.getByRole('dialog').getByRole('button', { name: label, exact: true }).click();
    await target.locator(`[data-deal-id="${dealId}"]`).waitFor();

    await target.locator(`[data-deal-id="${dealId}"]`).focus();
    await page.keyboard.press('m');
    await page.getByRole('dialog').getByRole('button', { name: 'Closed lost' }).click();
    const reasons = page.getByRole('dialog');
    await reasons.getByText('Why was it lost?').waitFor();
    await shot(page, '04-pipeline-close-lost');
    await reasons.getByLabel('Chose a competitor').check();
    await reasons.getByLabel('Competitor (optional)').fill('Acme CRM');
    await reasons.getByRole('button', { name: 'Close as lost' }).click();
    await expect.poll(() => page.locator(`[data-deal-id="${dealId}"]`).count()).toBe(0);
    await page.reload();
    await page.locator('.deal-card').first().waitFor();
    expect(await page.locator(`[data-deal-id="${dealId}"]`).count()).toBe(0);
  });
});
