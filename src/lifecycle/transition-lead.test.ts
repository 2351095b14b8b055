import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/support/fixtures.ts';
import { testDb } from '../../test/support/test-db.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { DealId, LeadId } from '../shared/ids.ts';
import { createDeal } from './create-deal.ts';
import { createLead } from './create-lead.ts';
import { replayStages } from './lead-transitions.ts';
import { listLeadEvents } from './leads.store.ts';
import type { LeadTransitionInput } from './lifecycle.schema.ts';
import { transitionDeal } from './transition-deal.ts';
import { transitionLead } from './transition-lead.ts';

let db: Db;
let org: TestOrg;

beforeAll(async () => {
  db = (await testDb()).db;
  org = await createTestOrg(db);
});

const newLead = async () => {
  const lead = await db.transaction().execute((trx) => createLead(trx, org.ctx(), { email: 'lead@example.com' }));
  return { ...lead, id: lead.id as LeadId };
};
const move = (id: LeadId, input: LeadTransitionInput) =>
  db.transaction().execute((trx) => transitionLead(trx, org.ctx(), id, input));

async function counts(leadId: LeadId) {
  const events = await listLeadEvents(db, org.orgId, leadId);
  const deals = await db
    .selectFrom('deals')
    .select('id')
    .where('org_id', '=', org.orgId)
    .where('lead_id', '=', leadId)
    .execute();
  const lead = await db
    .selectFrom('leads')
    .select('stage')
    .where('org_id', '=', org.orgId)
    .where('id', '=', leadId)
    .executeTakeFirstOrThrow();
  return { events: events.length, deals: deals.length, stage: lead.stage };
}

async function expectStageIsEventFold(leadId: LeadId) {
  const events = await listLeadEvents(db, org.orgId, leadId);
  const { stage } = await counts(leadId);
  expect(replayStages(events.map((e) => ({ fromStage: e.from_stage, toStage: e.to_stage })))).toBe(stage);
}

describe('transitionLead', () => {
  it('walks a lead down the waterfall to won, creating and closing its deal', async () => {
    const lead = await newLead();
    await move(lead.id, { to: 'mql' });
    await move(lead.id, { to: 'sal' });
    await move(lead.id, { to: 'sql', note: 'budget confirmed' });
    const converted = await move(lead.id, { to: 'opportunity', deal: { amountMinor: 1_250_000, name: 'Acme pilot' } });
    expect(converted.lead.stage).toBe('opportunity');
    expect(converted.deal).toMatchObject({
      stage: 'discovery',
      amountMinor: 1_250_000,
      leadId: lead.id,
      currency: 'USD',
    });
    const dealId = converted.deal?.id;
    if (!dealId) throw new Error('no deal');
    const closed = await db
      .transaction()
      .execute((trx) =>
        transitionDeal(trx, org.ctx(), dealId as DealId, { to: 'closed_won', reasonCode: 'product_fit' }),
      );
    expect(closed.deal).toMatchObject({ outcome: 'won', stage: 'closed_won', reasonCode: 'product_fit' });
    expect(closed.lead?.stage).toBe('won');
    await expectStageIsEventFold(lead.id);
    expect(await counts(lead.id)).toEqual({ events: 6, deals: 1, stage: 'won' });
  });

  it('moves the lead to lost with the loss reason when its only deal is lost', async () => {
    const lead = await newLead();
    for (const to of ['mql', 'sal', 'sql'] as const) await move(lead.id, { to });
    const { deal } = await move(lead.id, { to: 'opportunity', deal: { amountMinor: 100 } });
    const closed = await db.transaction().execute((trx) =>
      transitionDeal(trx, org.ctx(), deal?.id as DealId, {
        to: 'closed_lost',
        reasonCode: 'price',
        competitor: 'Globex',
      }),
    );
    expect(closed.deal).toMatchObject({ outcome: 'lost', competitor: 'Globex' });
    expect(closed.lead?.stage).toBe('lost');
    const events = await listLeadEvents(db, org.orgId, lead.id);
    expect(events.at(-1)).toMatchObject({ to_stage: 'lost', reason_code: 'price' });
  });

  it('lets a recycled lead re-enter as an MQL and keeps its history', async () => {
    const lead = await newLead();
    await move(lead.id, { to: 'mql' });
    await move(lead.id, { to: 'recycled', reasonCode: 'not_ready', note: 'next quarter' });
    await move(lead.id, { to: 'mql' });
    await move(lead.id, { to: 'sal' });
    await expectStageIsEventFold(lead.id);
    expect((await counts(lead.id)).events).toBe(5);
  });

  it('leaves nothing behind when a conversion fails', async () => {
    const lead = await newLead();
    for (const to of ['mql', 'sal', 'sql'] as const) await move(lead.id, { to });
    const before = await counts(lead.id);
    await expect(
      move(lead.id, { to: 'opportunity', deal: { amountMinor: 5, stage: 'closed_won' } }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      field: 'stage',
    });
    expect(await counts(lead.id)).toEqual(before);
  });

  it('refuses a conversion without a deal, and a deal on any other move', async () => {
    const lead = await newLead();
    await expect(move(lead.id, { to: 'mql', deal: { amountMinor: 1 } })).rejects.toMatchObject({ field: 'deal' });
    for (const to of ['mql', 'sal', 'sql'] as const) await move(lead.id, { to });
    await expect(move(lead.id, { to: 'opportunity' })).rejects.toMatchObject({ field: 'deal' });
  });

  it('refuses a rejection without a reason and a transition into the future', async () => {
    const lead = await newLead();
    await move(lead.id, { to: 'mql' });
    const noReason = move(lead.id, { to: 'disqualified', note: 'junk' });
    await expect(noReason).rejects.toBeInstanceOf(AppError);
    await expect(noReason).rejects.toMatchObject({ field: 'reasonCode' });
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await expect(move(lead.id, { to: 'sal', occurredAt: future })).rejects.toMatchObject({ field: 'occurredAt' });
    expect((await counts(lead.id)).stage).toBe('mql');
  });

  it('keeps a lead an opportunity while another of its deals is open', async () => {
    const lead = await newLead();
    for (const to of ['mql', 'sal', 'sql'] as const) await move(lead.id, { to });
    const first = await move(lead.id, { to: 'opportunity', deal: { amountMinor: 1 } });
    const second = await db
      .transaction()
      .execute((trx) => createDeal(trx, org.ctx(), { name: 'expansion', leadId: lead.id, amountMinor: 2 }));
    await db
      .transaction()
      .execute((trx) =>
        transitionDeal(trx, org.ctx(), first.deal?.id as DealId, { to: 'closed_lost', reasonCode: 'timing' }),
      );
    expect((await counts(lead.id)).stage).toBe('opportunity');
    const won = await db
      .transaction()
      .execute((trx) => transitionDeal(trx, org.ctx(), second.id as DealId, { to: 'closed_won' }));
    expect(won.lead?.stage).toBe('won');
  });
});
