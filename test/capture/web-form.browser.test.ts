import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, buildApp } from '../../src/server/build-app.ts';
import { createTestOrg, type TestOrg } from '../support/fixtures.ts';
import { testDb } from '../support/test-db.ts';

// A real journey: Baton listens on a port, a separate "marketing site" on another port
// serves a page with the generated snippet, and Chromium fills and submits it. This lives
// beside the HTTP tests rather than in test/e2e because it needs only the API and its own
// page, and runs on whichever database the unit project uses (PGlite or DATABASE_URL).

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  process.stdout.write(`\nweb form browser test skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)\n`);

let app: Api;
let site: Server;
let browser: Browser;
let org: TestOrg;
let batonUrl: string;
let siteUrl: string;
let snippet: string;

function page(body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}<title>Acme</title></head><body>${body}</body></html>`;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.skipIf(!hasChromium)('a web form snippet on a real page', () => {
  beforeAll(async () => {
    const { db } = await testDb();
    app = await buildApp({ db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    batonUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // The site answers with the snippet, with or without its optional script; /thanks is
    // the form's redirect target.
    site = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (path === '/landing') res.end(page(`<h1>Book a demo</h1>${snippet}`));
      else if (path === '/plain') {
        // No script: Baton reads the page address from the Referer header, which a
        // cross-site post carries in full only under a permissive referrer policy.
        const plain = snippet.split('<!-- Optional')[0] ?? '';
        res.end(page(`<h1>Book a demo</h1>${plain}`, '<meta name="referrer" content="no-referrer-when-downgrade">'));
      } else if (path === '/thanks') res.end(page('<h1>Thanks!</h1>'));
      else {
        res.statusCode = 404;
        res.end(page('not found'));
      }
    });
    siteUrl = await listen(site);

    org = await createTestOrg(db);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/forms',
      headers: { authorization: `Bearer ${org.adminKey}` },
      payload: {
        name: 'Demo request',
        fields: [
          { name: 'email', label: 'Work e-mail', type: 'email', required: true, mapsTo: 'email' },
          { name: 'first_name', label: 'First name', mapsTo: 'firstName' },
          { name: 'company', label: 'Company', mapsTo: 'company' },
        ],
        redirectUrl: `${siteUrl}/thanks`,
      },
    });
    const form = created.json() as { id: string };
    const html = await app.inject({
      method: 'GET',
      url: `/api/v1/forms/${form.id}/snippet?origin=${encodeURIComponent(batonUrl)}`,
      headers: { authorization: `Bearer ${org.adminKey}` },
    });
    snippet = html.body;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
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
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await app?.close();
  });

  it('creates a lead with the channel and campaign of the visit, and a second submission adds a touch', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${siteUrl}/landing?utm_source=google&utm_medium=cpc&utm_campaign=q3-demo`, {
      referer: 'https://www.google.com/',
    });
    await tab.getByLabel('Work e-mail').fill('Ana.Lima@acme.example');
    await tab.getByLabel('First name').fill('Ana');
    await tab.getByLabel('Company').fill('Acme');
    await tab.getByRole('button', { name: 'Send' }).click();
    await tab.waitForURL(`${siteUrl}/thanks`);
    expect(await tab.locator('h1').textContent()).toBe('Thanks!');

    const db = (await testDb()).db;
    const touches = () =>
      sql<{ lead_id: string; channel: string; campaign: string | null; url: string | null; referrer: string | null }>`
        select t.lead_id, t.channel, c.utm_campaign as campaign, t.url, t.referrer
        from touchpoints t left join campaigns c on c.org_id = t.org_id and c.id = t.campaign_id
        where t.org_id = ${org.orgId} order by t.occurred_at, t.id`.execute(db);
    const first = (await touches()).rows;
    expect(first).toEqual([
      {
        lead_id: expect.any(String),
        channel: 'paid_search',
        campaign: 'q3-demo',
        url: `${siteUrl}/landing?utm_source=google&utm_medium=cpc&utm_campaign=q3-demo`,
        referrer: 'https://www.google.com/',
      },
    ]);
    const lead = await db.selectFrom('leads').selectAll().where('org_id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ email: 'Ana.Lima@acme.example', first_name: 'Ana', source_channel: 'paid_search' });

    // The same person again, from a newsletter link, on a page without the script.
    await tab.goto(`${siteUrl}/plain?utm_source=newsletter&utm_medium=email&utm_campaign=spring-news`);
    await tab.getByLabel('Work e-mail').fill('ana.lima@ACME.example');
    await tab.getByRole('button', { name: 'Send' }).click();
    await tab.waitForURL(`${siteUrl}/thanks`);
    const both = (await touches()).rows;
    expect(both).toHaveLength(2);
    expect(both[1]).toMatchObject({ lead_id: lead.id, channel: 'email', campaign: 'spring-news' });
    const leads = await sql<{ n: number }>`select count(*)::int as n from leads where org_id = ${org.orgId}`.execute(
      db,
    );
    expect(leads.rows[0]?.n).toBe(1);
    await context.close();
  });
});
