import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { ReasonKind } from '../../../src/lifecycle/constants.ts';
import { useLeadTransition } from '../leads/lead-mutations.ts';
import { reasonCodesQuery } from '../lifecycle/stages.ts';
import { isTyping } from '../shell/keyboard.ts';
import { Dialog, FieldError, FormError, Kbd } from '../shell/ui.tsx';

// The queue's reject and recycle dialog, made for the keyboard: the org's active reason
// codes are numbered 1 to 9 and a number key picks one (then the note has the focus), Enter
// in the note confirms, Escape cancels. The note is required by the lifecycle for a
// rejection; whatever the server refuses is shown under the field it names.

export type QueueMove =
  | { readonly to: 'disqualified'; readonly kind: 'reject' }
  | { readonly to: 'recycled'; readonly kind: 'recycle' };

export const REJECT: QueueMove = { to: 'disqualified', kind: 'reject' };
export const RECYCLE: QueueMove = { to: 'recycled', kind: 'recycle' };

const TITLE = { reject: 'Reject', recycle: 'Recycle to marketing' } as const;

interface ReasonDialogProps {
  readonly lead: { readonly id: string; readonly name: string };
  readonly move: QueueMove;
  readonly onClose: () => void;
  readonly onDone: (reason: { code: string; label: string }) => void;
}

export function QueueReasonDialog({ lead, move, onClose, onDone }: ReasonDialogProps) {
  const codes = useQuery(reasonCodesQuery(move.kind satisfies ReasonKind));
  const active = (codes.data ?? []).filter((c) => c.active).slice(0, 9);
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const chosen = active.find((c) => c.code === reasonCode);
  const transition = useLeadTransition({ id: lead.id }, () =>
    onDone({ code: reasonCode, label: chosen?.label ?? reasonCode }),
  );
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (transition.isPending) return;
    transition.mutate({ to: move.to, reasonCode: reasonCode || null, note: note.trim() || null });
  };
  // Number keys pick a reason wherever the focus is in the dialog, except in the note.
  const pick = useRef<(key: string) => boolean>(() => false);
  pick.current = (key) => {
    const code = active[Number(key) - 1];
    if (!code) return false;
    setReasonCode(code.code);
    noteRef.current?.focus();
    return true;
  };
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
      if (/^[1-9]$/.test(event.key) && pick.current(event.key)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const onNoteKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <Dialog title={`${TITLE[move.kind]} ${lead.name}`} onClose={onClose}>
      <form className="form" onSubmit={submit} data-testid="queue-reason-dialog">
        <fieldset className="reason-list">
          <legend>
            Reason <span className="muted">(press its number)</span>
          </legend>
          {codes.isPending ? <span className="muted">Loading reasons…</span> : null}
          {codes.isError ? <FormError error={codes.error} /> : null}
          {active.map((code, index) => (
            <label key={code.code} className="radio">
              <input
                type="radio"
                name="reasonCode"
                value={code.code}
                checked={reasonCode === code.code}
                onChange={() => setReasonCode(code.code)}
                autoFocus={index === 0}
                data-autofocus={index === 0 || undefined}
              />
              <Kbd>{index + 1}</Kbd> {code.label}
            </label>
          ))}
          <FieldError error={transition.error} field="reasonCode" />
        </fieldset>
        <label className="field">
          <span>Note (required)</span>
          <textarea
            ref={noteRef}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={onNoteKey}
          />
          <span className="hint">
            <Kbd>Enter</Kbd> confirms · <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> new line · <Kbd>Esc</Kbd> cancels
          </span>
          <FieldError error={transition.error} field="note" />
        </label>
        <FormError error={transition.error} fields={['reasonCode', 'note']} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={transition.isPending}>
            {transition.isPending ? 'Saving…' : `${TITLE[move.kind]}${chosen ? `: ${chosen.label}` : ''}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
