import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { LeadStage, ReasonKind } from '../../../src/lifecycle/constants.ts';
import {
  LEAD_TRANSITIONS,
  NOTE_REQUIRED,
  REASON_REQUIRED,
  SYSTEM_STAGES,
} from '../../../src/lifecycle/lead-transitions.ts';
import type { Lead } from '../../../src/lifecycle/lifecycle.schema.ts';
import { MOVE_LABEL, reasonCodesQuery, stageLabel } from '../lifecycle/stages.ts';
import { abilities, useSession } from '../platform/session.ts';
import { Dialog, FieldError, FormError } from '../shell/ui.tsx';
import { ConvertDialog } from './convert-dialog.tsx';
import { useLeadTransition } from './lead-mutations.ts';

/** The stages a person may move this lead to by hand: the rule's list, minus deal-only stages. */
export function manualMoves(stage: LeadStage): LeadStage[] {
  return LEAD_TRANSITIONS[stage].filter((to) => to === 'opportunity' || !SYSTEM_STAGES.includes(to));
}

type Open = { kind: 'reason'; to: LeadStage; reason: ReasonKind } | { kind: 'convert' } | null;

export function StageActions({ lead }: { lead: Lead }) {
  const session = useSession();
  const [open, setOpen] = useState<Open>(null);
  const move = useLeadTransition(lead);
  const all = manualMoves(lead.stage);
  const moves = all.filter((to) => abilities.moveLeadsTo(session.user.role, to));
  if (all.length === 0) {
    return <p className="muted stage-actions">This lead is {stageLabel(lead.stage)}: its stage is final.</p>;
  }
  if (moves.length === 0) return null;
  const start = (to: LeadStage) => {
    const reason = REASON_REQUIRED[to];
    if (to === 'opportunity') setOpen({ kind: 'convert' });
    else if (reason) setOpen({ kind: 'reason', to, reason });
    else move.mutate({ to });
  };
  return (
    <div className="stage-actions">
      {moves.map((to) => (
        <button
          key={to}
          type="button"
          className={to === 'disqualified' || to === 'recycled' ? 'button' : 'button button-primary'}
          disabled={move.isPending}
          onClick={() => start(to)}
        >
          {MOVE_LABEL[to]}
        </button>
      ))}
      <FormError error={move.error} />
      {open?.kind === 'reason' ? (
        <ReasonDialog lead={lead} to={open.to} reason={open.reason} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'convert' ? <ConvertDialog lead={lead} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

interface ReasonDialogProps {
  readonly lead: Lead;
  readonly to: LeadStage;
  readonly reason: ReasonKind;
  readonly onClose: () => void;
}

function ReasonDialog({ lead, to, reason, onClose }: ReasonDialogProps) {
  const codes = useQuery(reasonCodesQuery(reason));
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const move = useLeadTransition(lead, onClose);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    move.mutate({ to, reasonCode: reasonCode || null, note: note.trim() || null });
  };
  const active = (codes.data ?? []).filter((c) => c.active);
  return (
    <Dialog
      title={`${MOVE_LABEL[to].replace('…', '')}: ${stageLabel(lead.stage)} → ${stageLabel(to)}`}
      onClose={onClose}
    >
      <form className="form" onSubmit={submit}>
        <fieldset className="reason-list">
          <legend>Reason</legend>
          {codes.isPending ? <span className="muted">Loading reasons…</span> : null}
          {codes.isError ? <FormError error={codes.error} /> : null}
          {active.map((code) => (
            <label key={code.code} className="radio">
              <input
                type="radio"
                name="reasonCode"
                value={code.code}
                checked={reasonCode === code.code}
                onChange={() => setReasonCode(code.code)}
              />
              {code.label}
            </label>
          ))}
          <FieldError error={move.error} field="reasonCode" />
        </fieldset>
        <label className="field">
          <span>
            {NOTE_REQUIRED.includes(to) ? 'Note (required: what was wrong with this lead?)' : 'Note (optional)'}
          </span>
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          <FieldError error={move.error} field="note" />
        </label>
        <FormError error={move.error} fields={['reasonCode', 'note']} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!reasonCode || move.isPending}>
            {move.isPending ? 'Moving…' : `Move to ${stageLabel(to)}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
