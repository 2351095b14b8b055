import { describe, expect, it } from 'vitest';
import { batonUnderTest, chromiumJourney, demoUser, shot, signIn } from './support/browser.ts';

const { baton, skip } = batonUnderTest();

describe.skipIf(!baton)(skip ?? 'importing a CSV and merging duplicates in Chromium', () => {
  const journey = chromiumJourney(baton);

  it('marketing imports a file with one bad row, then merges the two people it holds twice and undoes it', async () => {
    if (!baton) return;
    const tab = await journey.open();
    const { page } = tab;
    await signIn(page, demoUser(baton, 'marketing'), baton.password);
    const n = Date.now();
    // Lines 2 and 4 are one person (same name and company); line 3 has no usable e-mail.
    const csv = [
      'first_name,last_name,company,email',
      `Zed,Journey${n},Dupe${n} GmbH,zed.a.${n}@dupe${n}.example`,
      '=HYPERLINK("x"),Bad,Row,not-an-email',
      `Zed,Journey${n},Dupe${n} GmbH,zed.b.${n}@dupe${n}.example`,
      '',
    ].join('\n');

    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.waitForURL('**/import');
    await page.getByLabel('What to import').selectOption('leads');
    await page.getByLabel('CSV file').setInputFiles({
      name: `journey-${n}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('import-detected').waitFor();
    expect(await page.getByLabel('Column for email').inputValue()).toBe('email');
    expect(await page.getByLabel('Column for company').inputValue()).toBe('company');
    const firstRows = page.getByRole('table', { name: 'First rows' });
    await firstRows.getByText('not-an-email is not an e-mail address').waitFor();
    await expect.poll(() => page.getByTestId('import-sample-summary').textContent()).toContain('2 new');
    await shot(page, '07-import-preview');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const counts = page.getByTestId('import-counts');
    await counts.waitFor({ timeout: 20_000 });
    expect(await counts.textContent()).toMatch(/2 imported, 0 updated, 0 unchanged, 1 rejected of 3 rows/);
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await rejected.getByRole('cell', { name: '3', exact: true }).waitFor();
    await rejected.getByText('not-an-email is not an e-mail address').waitFor();
    const download = page.getByRole('link', { name: 'Download rejects CSV' });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}\/rejects\.csv$/);
    const rejectsCsv = await page.request.get(href ?? '');
    expect(rejectsCsv.status()).toBe(200);
    expect(await rejectsCsv.text()).toMatch(/^line,field,reason\r\n3,email,not-an-email is not an e-mail address\r\n$/);
    await page.getByRole('table', { name: 'Past imports' }).getByText(`journey-${n}.csv`).waitFor();
    await counts.scrollIntoViewIfNeeded();
    await shot(page, '07-import-result');

    await page.getByRole('link', { name: 'Duplicates', exact: true }).click();
    await page.waitForURL('**/duplicates');
    await page.getByRole('button', { name: 'Same name and company', exact: true }).click();
    const groupName = `Same name and company: zed journey${n} @ dupe${n} gmbh`;
    const group = page.getByRole('region', { name: groupName });
    await group
      .getByRole('link', { name: `Zed Journey${n}` })
      .first()
      .waitFor();
    await shot(page, '08-duplicates');
    await group.getByRole('button', { name: /^Merge the other lead into / }).click();
    const done = page.getByTestId('merge-done');
    await done.getByText(`into Zed Journey${n}`).waitFor();
    await expect.poll(() => page.getByRole('region', { name: groupName }).count()).toBe(0);
    await shot(page, '08-duplicates-merged');

    await done.getByRole('button', { name: 'Undo' }).click();
    await done.getByText('are separate leads again').waitFor();
    await page.getByRole('region', { name: groupName }).waitFor();
  });
});
