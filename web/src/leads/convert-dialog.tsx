import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { DealDraft, Lead } from '../../../src/lifecycle/lifecycle.schema.ts';
import { dealStagesQuery } from '../lifecycle/stages.ts';
import { ApiError } from '../platform/api.ts';
import { useSession } from '../platform/session.ts';
import { parseAmount } from '../shell/format.ts';
import { Dialog, FieldError, FormError } from '../shell/ui.tsx';
import { useLeadTransition } from './lead-mutations.ts';

const DEAL_FIELDS = ['deal.name', 'deal.amountMinor', 'deal.currency', 'deal.expectedCloseOn', 'deal.stage'];

// Converting a lead makes it an opportunity and creates its deal in one command.
export function ConvertDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const session = useSession();
  const stages = useQuery(dealStagesQuery);
  const openStages = (stages.data ?? []).filter((s) => s.kind === 'open');
  const [name, setName] = useState(lead.companyName ? `${lead.companyName} — new deal` : '');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(session.org.currency);
  const [closeOn, setCloseOn] = useState('');
  const [stage, setStage] = useState('');
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const move = useLeadTransition(lead, onClose);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = amount.trim() === '' ? 0 : parseAmount(amount, currency);
    if (amountMinor === null) {
      setLocalError(new ApiError(400, 'validation_failed', 'an amount such as 12500 or 12,500.00', 'deal.amountMinor'));
      return;
    }
    setLocalError(null);
    const deal: z.input<typeof DealDraft> = {
      amountMinor,
      currency,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(closeOn ? { expectedCloseOn: closeOn } : {}),
      ...(stage ? { stage } : {}),
    };
    move.mutate({ to: 'opportunity', deal });
  };
  const error = localError ?? move.error;
  return (
    <Dialog title="Convert to opportunity" onClose={onClose}>
      <form className="form form-grid" onSubmit={submit}>
        <label className="field field-span">
          <span>Deal name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Named after the company if empty"
          />
          <FieldError error={error} field="deal.name" />
        </label>
        <label className="field">
          <span>Amount</span>
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0" />
          <FieldError error={error} field="deal.amountMinor" />
        </label>
        <label className="field">
          <span>Currency</span>
          <input
            value={currency}
            maxLength={3}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            pattern="[A-Z]{3}"
          />
          <FieldError error={error} field="deal.currency" />
        </label>
        <label className="field">
          <span>Expected close</span>
          <input type="date" value={closeOn} onChange={(e) => setCloseOn(e.target.value)} />
          <FieldError error={error} field="deal.expectedCloseOn" />
        </label>
        <label className="field">
          <span>Deal stage</span>
          <select value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">{openStages[0] ? `${openStages[0].label} (first)` : 'First stage'}</option>
            {openStages.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
          <FieldError error={error} field="deal.stage" />
        </label>
        <FormError error={error} fields={DEAL_FIELDS} />
        <div className="form-actions field-span">
          <button type="submit" className="button button-primary" disabled={move.isPending}>
            {move.isPending ? 'Converting…' : 'Convert'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
