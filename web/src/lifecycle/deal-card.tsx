import { Link } from '@tanstack/react-router';
import type { KeyboardEvent } from 'react';
import type { Deal } from '../../../src/lifecycle/lifecycle.schema.ts';
import { formatDay, formatMoney } from '../shell/format.ts';

interface CardProps {
  readonly deal: Deal;
  readonly ownerName: string;
  readonly now: number;
  readonly onMoveRequest: (deal: Deal) => void;
  readonly onStep: (deal: Deal, step: 1 | -1) => void;
}

const DAY_MS = 86_400_000;

export function DealCard({ deal, ownerName, now, onMoveRequest, onStep }: CardProps) {
  const days = Math.max(0, Math.floor((now - Date.parse(deal.stageChangedAt)) / DAY_MS));
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'm' || event.key === 'Enter') {
      event.preventDefault();
      onMoveRequest(deal);
    } else if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      onStep(deal, event.key === 'ArrowRight' ? 1 : -1);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a draggable card holding a link cannot itself be a <button>.
    <div
      className="deal-card"
      draggable
      tabIndex={0}
      role="button"
      aria-roledescription="draggable deal"
      aria-label={`${deal.name}, ${formatMoney(deal.amountMinor, deal.currency)}. Press m to move.`}
      data-deal-id={deal.id}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', deal.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onKeyDown={onKeyDown}
    >
      <div className="deal-name">
        {deal.leadId ? (
          <Link to="/leads/$leadId" params={{ leadId: deal.leadId }} draggable={false} tabIndex={-1}>
            {deal.name}
          </Link>
        ) : (
          deal.name
        )}
      </div>
      <div className="deal-meta">
        <span className="deal-amount">{formatMoney(deal.amountMinor, deal.currency)}</span>
        <span className="subtle">{ownerName}</span>
      </div>
      <div className="deal-meta subtle">
        <span>{days === 0 ? 'today' : `${days}d in stage`}</span>
        {deal.expectedCloseOn ? <span>closes {formatDay(deal.expectedCloseOn)}</span> : null}
      </div>
    </div>
  );
}
