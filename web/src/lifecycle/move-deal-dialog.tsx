import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Deal } from '../../../src/lifecycle/lifecycle.schema.ts';
import type { DealStage } from '../../../src/lifecycle/settings.schema.ts';
import { api } from '../platform/api.ts';
import { Dialog, FieldError, FormError } from '../shell/ui.tsx';
import { reasonCodesQuery } from './stages.ts';

interface MoveProps {
  readonly deal: Deal;
  readonly stages: readonly DealStage[];
  readonly onChoose: (to: string) => void;
  readonly onClose: () => void;
}

/** The keyboard way to move a deal: every stage as a button, the current one disabled. */
export function MoveDealDialog({ deal, stages, onChoose, onClose }: MoveProps) {
  return (
    <Dialog title={`Move “${deal.name}”`} onClose={onClose}>
      <div className="stage-choices">
        {stages.map((stage, index) => (
          <button
            key={stage.key}
            type="button"
            className={stage.kind === 'open' ? 'button' : `button button-${stage.kind}`}
            disabled={stage.key === deal.stage}
            onClick={() => onChoose(stage.key)}
            // biome-ignore lint/a11y/noAutofocus: the first choice takes focus so arrows and Enter work at once.
            autoFocus={index === 0 && stage.key !== deal.stage}
            data-autofocus={(index === 0 && stage.key !== deal.stage) || undefined}
          >
            {stage.label}
            {stage.key === deal.stage ? ' (current)' : ''}
          </button>
        ))}
      </div>
    </Dialog>
  );
}

interface LostProps {
  readonly deal: Deal;
  readonly to: string;
  readonly toLabel: string;
  readonly boardKey: readonly unknown[];
  readonly onClose: () => void;
}

/** Closing a deal as lost needs a loss reason; a competitor and a note are optional. */
export function CloseLostDialog({ deal, to, toLabel, boardKey, onClose }: LostProps) {
  const queryClient = useQueryClient();
  const codes = useQuery(reasonCodesQuery('loss'));
  const [reasonCode, setReasonCode] = useState('');
  const [competitor, setCompetitor] = useState('');
  const [note, setNote] = useState('');
  const close = useMutation({
    mutationFn: () =>
      api.post<{ deal: Deal }>(`/deals/${deal.id}/transitions`, {
        to,
        reasonCode,
        competitor: competitor.trim() || null,
        note: note.trim() || null,
      }),
    onSuccess: () => {
      queryClient.setQueryData<Deal[]>(boardKey, (deals) => deals?.filter((d) => d.id !== deal.id));
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate();
  };
  return (
    <Dialog title={`${toLabel}: ${deal.name}`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <fieldset className="reason-list">
          <legend>Why was it lost?</legend>
          {codes.isPending ? <span className="muted">Loading reasons…</span> : null}
          {codes.isError ? <FormError error={codes.error} /> : null}
          {(codes.data ?? [])
            .filter((c) => c.active)
            .map((code) => (
              <label key={code.code} className="radio">
                <input
                  type="radio"
                  name="lossReason"
                  checked={reasonCode === code.code}
                  onChange={() => setReasonCode(code.code)}
                />
                {code.label}
              </label>
            ))}
          <FieldError error={close.error} field="reasonCode" />
        </fieldset>
        <label className="field">
          <span>Competitor (optional)</span>
          <input value={competitor} onChange={(e) => setCompetitor(e.target.value)} />
          <FieldError error={close.error} field="competitor" />
        </label>
        <label className="field">
          <span>Note (optional)</span>
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          <FieldError error={close.error} field="note" />
        </label>
        <FormError error={close.error} fields={['reasonCode', 'competitor', 'note']} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!reasonCode || close.isPending}>
            {close.isPending ? 'Closing…' : 'Close as lost'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
