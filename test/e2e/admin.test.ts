import { describe, expect, it } from 'vitest';
import { batonUnderTest, chromiumJourney, demoUser, shot, signIn } from './support/browser.ts';

const { baton, skip } = batonUnderTest();

describe.skipIf(!baton)(skip ?? 'the admin pages in Chromium', () => {
  const journey = chromiumJourney(baton);

  it('an admin reaches every settings section and the audit log from the keyboard', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'admin'), baton.password);

    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await page.waitForURL('**/settings');
    await page
      .getByRole('combobox', { name: /^Role of / })
      .first()
      .waitFor();
    await shot(page, '05-settings-users');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create key' }).waitFor();
    const keyName = `import job ${Date.now()}`;
    await page.getByLabel('Name').fill(keyName);
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('api-key-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^baton_/);
    await shot(page, '05-settings-api-key-created');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('api-key-secret').count()).toBe(0);
    await page.getByRole('cell', { name: keyName, exact: true }).waitFor();

    await page.getByRole('link', { name: 'Reason codes' }).click();
    await page.getByText('Reject (sales refuses a lead)').waitFor();
    await shot(page, '05-settings-reason-codes');
    await page.getByRole('link', { name: 'Deal stages' }).click();
    await page.getByRole('button', { name: 'Save stages' }).waitFor();
    await shot(page, '05-settings-deal-stages');

    // Each service level edits its own hours: a new first-activity level is saved and read
    // back while the accept level stays, then the old one is put back.
    await page.getByRole('link', { name: 'Service levels' }).click();
    const accept = page.getByLabel('Accept or reject within (business hours)');
    const firstActivity = page.getByLabel('First activity within (business hours)');
    await page.getByRole('button', { name: 'Save service levels' }).waitFor();
    const [acceptHours, firstHours] = [await accept.inputValue(), await firstActivity.inputValue()];
    const saveLevels = async (hours: string) => {
      await firstActivity.fill(hours);
      await page.getByRole('button', { name: 'Save service levels' }).click();
      await page.getByText('Saved.').waitFor();
    };
    await saveLevels('6.5');
    await page.reload();
    await expect.poll(() => firstActivity.inputValue()).toBe('6.5');
    expect(await accept.inputValue()).toBe(acceptHours);
    await saveLevels(firstHours);

    await page.keyboard.press('g');
    await page.keyboard.press('u');
    await page.waitForURL('**/audit-log');
    // Creating the key above is in the log, attributed to this admin.
    await page.getByText('Created api key').first().waitFor();
    await shot(page, '06-audit-log');
  });
});
