import type { Trx } from '../../db/database.ts';
import type { CommandContext } from '../../shared/context.ts';
import { type DealId, type LeadId, newId } from '../../shared/ids.ts';
import { type LinkedDeal, planLeadMoves } from './deal-lead-plan.ts';
import { insertColumns } from './import.store.ts';
import { countOtherOpenDeals, lockLeadStages, setLeadStages } from './related.store.ts';

export interface ImportedDeal extends LinkedDeal {
  readonly id: DealId;
  readonly leadId: LeadId;
}

// Moves the leads of a batch of imported deals as the lifecycle moves a lead when its deal is
// created and closed (deal-lead-plan.ts), with a stage event per move, in a few statements
// whatever the batch's size. The import knows no loss reason, so a lead's move to lost
// carries none, as the imported deal's close does not. Deals are replayed batch by batch: a
// lead's deal in a later batch counts as open elsewhere only once it is written, so a lost
// deal whose overlapping sibling comes in a later batch has already lost the lead.
export async function moveLeadsOfDeals(trx: Trx, ctx: CommandContext, deals: readonly ImportedDeal[]): Promise<void> {
  const { orgId } = ctx.actor;
  const byLead = new Map<LeadId, ImportedDeal[]>();
  for (const deal of deals) byLead.set(deal.leadId, [...(byLead.get(deal.leadId) ?? []), deal]);
  const leads = await lockLeadStages(trx, orgId, [...byLead.keys()]);
  const openElsewhere = await countOtherOpenDeals(
    trx,
    orgId,
    [...byLead.keys()],
    deals.map((d) => d.id),
  );
  const events: { leadId: LeadId; from: string; to: string; at: Date }[] = [];
  const finals: { id: LeadId; stage: (typeof leads)[number]['stage']; at: Date }[] = [];
  for (const lead of leads) {
    const moves = planLeadMoves(
      { stage: lead.stage, stageChangedAt: lead.stage_changed_at },
      byLead.get(lead.id) ?? [],
      openElsewhere.get(lead.id) ?? 0,
    );
    const last = moves.at(-1);
    if (!last) continue;
    events.push(...moves.map((m) => ({ leadId: lead.id, ...m })));
    finals.push({ id: lead.id, stage: last.to, at: last.at });
  }
  await setLeadStages(trx, orgId, finals, ctx.now);
  await insertColumns(trx, 'lead_stage_events', orgId, [
    ['id', 'uuid', events.map((e) => newId(e.at.getTime()))],
    ['lead_id', 'uuid', events.map((e) => e.leadId)],
    ['from_stage', 'text', events.map((e) => e.from)],
    ['to_stage', 'text', events.map((e) => e.to)],
    ['occurred_at', 'timestamptz', events.map((e) => e.at.toISOString())],
    ['actor_id', 'uuid', events.map(() => ctx.actor.userId)],
  ]);
}
