import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DuplicateGroup, DuplicateReason } from '../../../src/capture/ingest.schema.ts';
import type { LeadMerge } from '../../../src/capture/merges.schema.ts';
import { api, type Page } from '../platform/api.ts';
import { may, useSession } from '../platform/session.ts';
import { useCursorPages } from '../shell/cursor-pages.tsx';
import { humanize } from '../shell/format.ts';
import { Empty, ErrorPanel, FormError, Loading, PageHeader } from '../shell/ui.tsx';
import { DuplicateGroupCard, type MergeAction, REASON_LABEL } from './duplicate-group.tsx';

const REASONS = Object.keys(REASON_LABEL) as DuplicateReason[];
const PAGE_SIZE = 20;

// Likely duplicate leads, newest groups first, with a merge per group and an undo for every
// merge made on this page.
export function DuplicatesPage() {
  const session = useSession();
  const role = session.user.role;
  const allowed = may(role, 'GET', '/leads/duplicates') && may(role, 'POST', '/leads/merges');
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<DuplicateReason | null>(null);
  const pages = useCursorPages();
  const { cursor } = pages;
  const [actions, setActions] = useState<MergeAction[]>([]);
  const groups = useQuery({
    queryKey: ['leads', 'duplicates', reason, cursor],
    queryFn: ({ signal }) =>
      api.get<Page<DuplicateGroup>>(
        '/leads/duplicates',
        { reason: reason ?? undefined, cursor, limit: PAGE_SIZE, order: 'desc' },
        signal,
      ),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  const filter = (next: DuplicateReason | null) => {
    setReason(next);
    pages.reset();
  };
  if (!allowed) {
    return (
      <section className="page">
        <PageHeader title="Duplicates" />
        <div className="state state-forbidden" role="alert">
          Reviewing duplicates is for marketing and admins; you are signed in as {humanize(role)}.
        </div>
      </section>
    );
  }
  return (
    <section className="page page-wide">
      <PageHeader title="Duplicates" />
      <p className="muted">
        Leads that share a normalised e-mail, a phone number, or a name with the same company. Choose the lead to keep
        and merge the others into it.
      </p>
      <fieldset className="chips">
        <legend className="visually-hidden">Why they match</legend>
        <button type="button" className="chip" aria-pressed={reason === null} onClick={() => filter(null)}>
          All
        </button>
        {REASONS.map((r) => (
          <button key={r} type="button" className="chip" aria-pressed={reason === r} onClick={() => filter(r)}>
            {REASON_LABEL[r]}
          </button>
        ))}
      </fieldset>
      {actions.map((action) => (
        <MergeDone
          key={action.merges[0]?.id}
          action={action}
          onUndone={() => void queryClient.invalidateQueries({ queryKey: ['leads'] })}
        />
      ))}
      {groups.isPending ? <Loading label="Looking for duplicates…" /> : null}
      {groups.isError ? <ErrorPanel error={groups.error} retry={() => void groups.refetch()} /> : null}
      {groups.data?.items.length === 0 ? <Empty>No likely duplicates.</Empty> : null}
      <div className={groups.isPlaceholderData ? 'is-stale' : undefined}>
        {groups.data?.items.map((group) => (
          <DuplicateGroupCard
            key={`${group.reason}:${group.key}`}
            group={group}
            timeZone={session.org.timeZone}
            onMerged={(action) => {
              setActions((list) => [action, ...list]);
              // A merged lead is gone (its GET answers 404): drop what is cached about it
              // instead of asking again, and refresh the rest.
              const gone = new Set<unknown>(action.merges.map((m) => m.mergedId));
              queryClient.removeQueries({ predicate: (q) => gone.has(q.queryKey[2]) });
              void queryClient.invalidateQueries({ queryKey: ['leads'], predicate: (q) => !gone.has(q.queryKey[2]) });
            }}
          />
        ))}
      </div>
      {groups.data && pages.paged(groups.data.nextCursor)
        ? pages.pager('Pages of duplicates', groups.data.nextCursor)
        : null}
    </section>
  );
}

function MergeDone({ action, onUndone }: { action: MergeAction; onUndone: () => void }) {
  const undo = useMutation({
    // The last merge first: each undo restores exactly what its merge changed.
    mutationFn: async () => {
      for (const merge of [...action.merges].reverse()) await api.post<LeadMerge>(`/leads/merges/${merge.id}/undo`);
    },
    onSuccess: onUndone,
  });
  const moved = action.merges.reduce(
    (sum, m) => ({
      touchpoints: sum.touchpoints + m.moved.touchpoints,
      activities: sum.activities + m.moved.activities,
      deals: sum.deals + m.moved.deals,
    }),
    { touchpoints: 0, activities: 0, deals: 0 },
  );
  return (
    <div className="notice" role="status" data-testid="merge-done">
      {undo.isSuccess ? (
        <>Undone: {action.mergedNames.join(', ')} are separate leads again.</>
      ) : (
        <>
          Merged {action.mergedNames.join(', ')} into {action.survivorName}: moved{' '}
          {count(moved.touchpoints, 'touchpoint')}, {count(moved.activities, 'activity', 'activities')} and{' '}
          {count(moved.deals, 'deal')}.{' '}
          <button type="button" className="link-button" disabled={undo.isPending} onClick={() => undo.mutate()}>
            Undo
          </button>
        </>
      )}
      <FormError error={undo.error} />
    </div>
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
