import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Lead } from '../../../src/lifecycle/lifecycle.schema.ts';
import { api, type Page } from '../platform/api.ts';
import { useUserNames } from '../platform/people.ts';
import { abilities, useSession } from '../platform/session.ts';
import { useKeys } from '../shell/keyboard.ts';
import { Empty, ErrorPanel, Loading, PageHeader } from '../shell/ui.tsx';
import { BulkReassign, type ReassignResult } from './bulk-reassign.tsx';
import { LeadFilters } from './lead-filters.tsx';
import { isFiltered, type LeadSearch, type LeadSort, toLeadQuery } from './lead-search.ts';
import { LeadsTable } from './leads-table.tsx';
import { SavedViews } from './saved-views-bar.tsx';

const route = getRouteApi('/app/leads');
export const LEADS_PAGE_SIZE = 50;

export function LeadsPage() {
  const session = useSession();
  const search = route.useSearch();
  const navigateRoute = route.useNavigate();
  const navigate = useNavigate();
  const userNames = useUserNames();
  const searchInput = useRef<HTMLInputElement>(null);
  const canReassign = abilities.reassign(session.user.role);

  const query = useMemo(
    () => toLeadQuery(search, { timeZone: session.org.timeZone, userId: session.user.id }),
    [search, session.org.timeZone, session.user.id],
  );
  // Cursor paging: a stack of the cursors that led to each page, reset when the query changes.
  const queryKey = JSON.stringify(query);
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: queryKey, cursors: [null] });
  const cursors = paging.key === queryKey ? paging.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const leads = useQuery({
    queryKey: ['leads', 'list', query, cursor],
    queryFn: ({ signal }) => api.get<Page<Lead>>('/leads', { ...query, limit: LEADS_PAGE_SIZE, cursor }, signal),
    placeholderData: keepPreviousData,
  });
  const rows = leads.data?.items ?? [];

  const [rowCursor, setRowCursor] = useState(0);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());

  const setSearch = useCallback(
    (patch: Partial<LeadSearch>) => {
      setRowCursor(0);
      void navigateRoute({ search: (prev) => ({ ...prev, ...patch }), replace: 'q' in patch });
    },
    [navigateRoute],
  );
  const replaceSearch = useCallback(
    (next: LeadSearch) => {
      setRowCursor(0);
      void navigateRoute({ search: next });
    },
    [navigateRoute],
  );
  const onSort = (sort: LeadSort) => {
    const current = search.sort ?? 'createdAt';
    const order = current === sort && (search.order ?? 'desc') === 'desc' ? 'asc' : 'desc';
    setSearch({ sort, order });
  };
  const turnPage = (direction: 1 | -1) => {
    setRowCursor(0);
    if (direction === 1 && leads.data?.nextCursor) {
      setPaging({ key: queryKey, cursors: [...cursors, leads.data.nextCursor] });
    } else if (direction === -1 && cursors.length > 1) {
      setPaging({ key: queryKey, cursors: cursors.slice(0, -1) });
    }
  };
  const toggle = (id: string) => {
    const next = new Set(selection);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelection(next);
  };
  const toggleAll = () => {
    const all = rows.every((l) => selection.has(l.id));
    const next = new Set(selection);
    for (const lead of rows) {
      if (all) next.delete(lead.id);
      else next.add(lead.id);
    }
    setSelection(next);
  };
  const onReassigned = (result: ReassignResult) => {
    setFailures(result.failed);
    setSelection(new Set(result.failed.keys()));
  };

  useKeys({
    '/': (event) => {
      event.preventDefault();
      searchInput.current?.focus();
      searchInput.current?.select();
    },
    j: () => setRowCursor((i) => Math.min(i + 1, Math.max(rows.length - 1, 0))),
    k: () => setRowCursor((i) => Math.max(i - 1, 0)),
    enter: () => {
      const lead = rows[rowCursor];
      if (lead) void navigate({ to: '/leads/$leadId', params: { leadId: lead.id } });
    },
    x: () => {
      const lead = rows[rowCursor];
      if (lead && canReassign) toggle(lead.id);
    },
    ']': () => turnPage(1),
    '[': () => turnPage(-1),
  });

  const first = (cursors.length - 1) * LEADS_PAGE_SIZE + 1;
  return (
    <section className="page page-wide">
      <PageHeader title="Leads">
        <SavedViews orgId={session.org.id} userId={session.user.id} search={search} onApply={replaceSearch} />
      </PageHeader>
      <LeadFilters ref={searchInput} search={search} onChange={setSearch} onClear={() => replaceSearch({})} />
      {canReassign && selection.size > 0 ? (
        <BulkReassign selected={[...selection]} onDone={onReassigned} onClear={() => setSelection(new Set())} />
      ) : null}
      {leads.isPending ? (
        <Loading label="Loading leads…" />
      ) : leads.isError ? (
        <ErrorPanel error={leads.error} retry={() => void leads.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>
          {isFiltered(search)
            ? 'No leads match these filters.'
            : 'No leads yet. Leads arrive from forms, the API and imports.'}
        </Empty>
      ) : (
        <>
          <div className={leads.isPlaceholderData ? 'table-wrap is-stale' : 'table-wrap'}>
            <LeadsTable
              leads={rows}
              timeZone={session.org.timeZone}
              userNames={userNames}
              sort={search.sort ?? 'createdAt'}
              order={search.order ?? 'desc'}
              onSort={onSort}
              cursor={rowCursor}
              onCursor={setRowCursor}
              selection={canReassign ? selection : undefined}
              onToggle={toggle}
              onToggleAll={toggleAll}
              failures={failures}
            />
          </div>
          <nav className="pager" aria-label="Pages">
            <span className="muted" data-testid="leads-range">
              Rows {first}–{first + rows.length - 1}
              {leads.data?.nextCursor ? '' : ' (end)'}
            </span>
            <button type="button" className="button" disabled={cursors.length <= 1} onClick={() => turnPage(-1)}>
              ← Previous
            </button>
            <button type="button" className="button" disabled={!leads.data?.nextCursor} onClick={() => turnPage(1)}>
              Next →
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
