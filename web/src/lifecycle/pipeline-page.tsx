import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type DragEvent, useMemo, useState } from 'react';
import type { Deal } from '../../../src/lifecycle/lifecycle.schema.ts';
import { getAll } from '../platform/api.ts';
import { usersQuery } from '../platform/people.ts';
import { abilities, useSession } from '../platform/session.ts';
import { formatMoney } from '../shell/format.ts';
import { Empty, ErrorPanel, FormError, Loading, PageHeader } from '../shell/ui.tsx';
import { DealCard } from './deal-card.tsx';
import { useDealMove } from './deal-moves.ts';
import { CloseLostDialog, MoveDealDialog } from './move-deal-dialog.tsx';
import { dealStagesQuery, reasonCodesQuery } from './stages.ts';

const route = getRouteApi('/app/pipeline');

type Pending = { kind: 'choose'; deal: Deal } | { kind: 'lost'; deal: Deal; to: string } | null;

export function PipelinePage() {
  const session = useSession();
  const { owner } = route.useSearch();
  const navigate = route.useNavigate();
  const ownerId = owner === 'me' ? session.user.id : owner;
  const boardKey = ['deals', 'board', ownerId ?? 'all'] as const;
  const stages = useQuery(dealStagesQuery);
  const users = useQuery(usersQuery);
  const deals = useQuery({
    queryKey: boardKey,
    queryFn: ({ signal }) => getAll<Deal>('/deals', { outcome: 'open', ownerId, sort: 'amount' }, signal),
  });
  const move = useDealMove(boardKey);
  const canMove = abilities.moveDeals(session.user.role);
  // Loaded with the board so the loss-reason picker opens filled in.
  useQuery({ ...reasonCodesQuery('loss'), enabled: canMove });
  const [pending, setPending] = useState<Pending>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const now = Date.now();

  const request = (deal: Deal, to: string) => {
    if (deal.stage === to) return;
    const target = stages.data?.find((s) => s.key === to);
    if (!target) return;
    if (target.kind === 'lost') setPending({ kind: 'lost', deal, to });
    else move.mutate({ dealId: deal.id, to });
  };
  const step = (deal: Deal, by: 1 | -1) => {
    const open = (stages.data ?? []).filter((s) => s.kind === 'open');
    const index = open.findIndex((s) => s.key === deal.stage);
    const target = open[index + by];
    if (target) request(deal, target.key);
  };
  const onDrop = (event: DragEvent, to: string) => {
    event.preventDefault();
    setDropTarget(null);
    const id = event.dataTransfer.getData('text/plain');
    const deal = deals.data?.find((d) => d.id === id);
    if (deal && canMove) request(deal, to);
  };

  const header = (
    <PageHeader title="Pipeline">
      <select
        aria-label="Owner"
        value={owner ?? ''}
        onChange={(e) => void navigate({ search: { owner: e.target.value || undefined } })}
      >
        <option value="">Everyone</option>
        <option value="me">Me</option>
        {(users.data ?? []).map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </PageHeader>
  );
  if (stages.isPending || deals.isPending) {
    return (
      <section className="page page-wide">
        {header}
        <Loading label="Loading pipeline…" />
      </section>
    );
  }
  if (stages.isError || deals.isError) {
    return (
      <section className="page page-wide">
        {header}
        <ErrorPanel error={stages.error ?? deals.error} retry={() => void deals.refetch()} />
      </section>
    );
  }
  const openStages = stages.data.filter((s) => s.kind === 'open');
  const closingStages = stages.data.filter((s) => s.kind !== 'open');
  return (
    <section className="page page-wide page-pipeline">
      {header}
      <p className="muted hint">
        {canMove
          ? 'Drag a card to another stage, or focus a card and press m (Shift+← → steps one stage).'
          : 'Your role can see the pipeline but not move deals.'}{' '}
        {deals.data.length} open deals.
      </p>
      <FormError error={move.error} />
      {deals.data.length === 0 ? <Empty>No open deals{owner ? ' for this owner' : ''}.</Empty> : null}
      <div className="board">
        {openStages.map((stage) => {
          const cards = deals.data.filter((d) => d.stage === stage.key);
          return (
            <section
              key={stage.key}
              className={dropTarget === stage.key ? 'column drop-target' : 'column'}
              aria-label={stage.label}
              data-stage={stage.key}
              onDragOver={(event) => {
                if (!canMove) return;
                event.preventDefault();
                setDropTarget(stage.key);
              }}
              onDragLeave={() => setDropTarget((t) => (t === stage.key ? null : t))}
              onDrop={(event) => onDrop(event, stage.key)}
            >
              <header className="column-header">
                <h2>{stage.label}</h2>
                <span className="column-count">{cards.length}</span>
                <div className="column-total" data-testid="column-total">
                  {totals(cards) || '—'}
                </div>
              </header>
              <div className="column-cards">
                {cards.map((deal) => (
                  <DealCard
                    key={deal.id}
                    deal={deal}
                    now={now}
                    ownerName={deal.ownerId ? (names.get(deal.ownerId) ?? '') : 'Unassigned'}
                    onMoveRequest={(d) => canMove && setPending({ kind: 'choose', deal: d })}
                    onStep={(d, by) => canMove && step(d, by)}
                  />
                ))}
              </div>
            </section>
          );
        })}
        {canMove ? (
          <div className="closing-zones">
            {closingStages.map((stage) => (
              <section
                key={stage.key}
                className={`${dropTarget === stage.key ? 'closing-zone drop-target' : 'closing-zone'} closing-${stage.kind}`}
                aria-label={`${stage.label}: drop a deal here to close it`}
                data-stage={stage.key}
                onDragOver={(event) => {
                  event.preventDefault();
                  setDropTarget(stage.key);
                }}
                onDragLeave={() => setDropTarget((t) => (t === stage.key ? null : t))}
                onDrop={(event) => onDrop(event, stage.key)}
              >
                <h2>{stage.label}</h2>
                <span className="subtle">drop here to close</span>
              </section>
            ))}
          </div>
        ) : null}
      </div>
      {pending?.kind === 'choose' ? (
        <MoveDealDialog
          deal={pending.deal}
          stages={stages.data}
          onChoose={(to) => {
            setPending(null);
            request(pending.deal, to);
          }}
          onClose={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'lost' ? (
        <CloseLostDialog
          deal={pending.deal}
          to={pending.to}
          toLabel={stages.data.find((s) => s.key === pending.to)?.label ?? pending.to}
          boardKey={boardKey}
          onClose={() => setPending(null)}
        />
      ) : null}
    </section>
  );
}

/** A column's value per currency, so deals in different currencies are never added up. */
function totals(deals: readonly Deal[]): string {
  const sums = new Map<string, number>();
  for (const deal of deals) sums.set(deal.currency, (sums.get(deal.currency) ?? 0) + deal.amountMinor);
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => formatMoney(amount, currency, true))
    .join(' + ');
}
