import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { MyQueue, TeamQueue } from '../../../src/handoff/queue.schema.ts';
import { useLeadTransition } from '../leads/lead-mutations.ts';
import { FormError } from '../shell/ui.tsx';
import { type QueueMove, QueueReasonDialog } from './queue-reason-dialog.tsx';

// What the queue's keys do to the selected MQL: accept it (the lifecycle's move to sal),
// or open the reject or recycle dialog. After each, the queue is fetched again and a line
// says what happened, with a link to the lead.

export interface QueueTarget {
  readonly id: string;
  readonly name: string;
}

export interface Notice {
  readonly text: string;
  readonly lead: QueueTarget;
}

export function useQueueActions(selected: QueueTarget | null) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ lead: QueueTarget; move: QueueMove } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Bound to the selected lead at each render; a move already sent keeps the lead it named.
  const accept = useLeadTransition({ id: selected?.id ?? '' });
  return {
    dialog,
    notice,
    error: accept.error,
    busy: accept.isPending,
    accept() {
      if (!selected || accept.isPending || dialog) return;
      const target = selected;
      setNotice(null);
      accept.mutate(
        { to: 'sal' },
        {
          onSuccess: () => {
            setNotice({ text: `Accepted ${target.name}`, lead: target });
            dropFromQueues(queryClient, target.id);
          },
        },
      );
    },
    open(move: QueueMove) {
      if (!selected || accept.isPending) return;
      setNotice(null);
      accept.reset();
      setDialog({ lead: selected, move });
    },
    close() {
      setDialog(null);
    },
    done(text: string) {
      if (dialog) {
        setNotice({ text, lead: dialog.lead });
        dropFromQueues(queryClient, dialog.lead.id);
      }
      setDialog(null);
    },
  };
}

export type QueueActions = ReturnType<typeof useQueueActions>;

type AnyQueue = MyQueue | TeamQueue;

// A lead accepted, rejected or recycled leaves the MQL list at once; the queue is then
// fetched again for what else changed (a first-activity clock, a new MQL).
function dropFromQueues(queryClient: QueryClient, leadId: string): void {
  queryClient.setQueriesData<AnyQueue>({ queryKey: ['queue'] }, (data) => {
    if (!data) return data;
    const items = data.mqls.items.filter((m) => m.lead.id !== leadId);
    const removed = data.mqls.items.length - items.length;
    return { ...data, mqls: { ...data.mqls, items, total: data.mqls.total - removed } };
  });
  void queryClient.invalidateQueries({ queryKey: ['queue'] });
}

/** The dialog and the line saying what the last action did. */
export function QueueActionsView({ actions }: { actions: QueueActions }) {
  const { dialog, notice } = actions;
  return (
    <>
      {notice ? (
        <p className="notice" role="status" data-testid="queue-notice">
          {notice.text}.{' '}
          <Link to="/leads/$leadId" params={{ leadId: notice.lead.id }}>
            Open the lead
          </Link>
        </p>
      ) : null}
      <FormError error={actions.error} />
      {dialog ? (
        <QueueReasonDialog
          lead={dialog.lead}
          move={dialog.move}
          onClose={actions.close}
          onDone={(reason) =>
            actions.done(
              `${dialog.move.kind === 'reject' ? 'Rejected' : 'Recycled'} ${dialog.lead.name}: ${reason.label}`,
            )
          }
        />
      ) : null}
    </>
  );
}
