import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useUserNames } from '../platform/people.ts';
import { useCursorPages } from '../shell/cursor-pages.tsx';
import { formatDateTime, humanize } from '../shell/format.ts';
import { ErrorPanel, Loading } from '../shell/ui.tsx';
import { importRunsQuery } from './imports-api.ts';

/** Past imports of the organisation, newest first, a page at a time. */
export function ImportHistory({ timeZone, current }: { timeZone: string; current: string | undefined }) {
  const pages = useCursorPages();
  const { cursor } = pages;
  const runs = useQuery({ ...importRunsQuery(cursor), placeholderData: keepPreviousData });
  const names = useUserNames();
  return (
    <>
      <h2>Past imports</h2>
      {runs.isPending ? <Loading label="Loading past imports…" /> : null}
      {runs.isError ? <ErrorPanel error={runs.error} retry={() => void runs.refetch()} /> : null}
      {runs.data?.items.length === 0 ? <p className="subtle">No imports yet.</p> : null}
      {runs.data && runs.data.items.length > 0 ? (
        <>
          <table className="table table-compact" aria-label="Past imports">
            <thead>
              <tr>
                <th>Started</th>
                <th>File</th>
                <th>What</th>
                <th>By</th>
                <th>Status</th>
                <th className="num">Rows</th>
                <th className="num">Imported</th>
                <th className="num">Updated</th>
                <th className="num">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((r) => (
                <tr key={r.id} className={r.id === current ? 'row-current' : undefined}>
                  <td className="col-date">
                    <Link to="/import" search={{ run: r.id }}>
                      {formatDateTime(r.startedAt, timeZone)}
                    </Link>
                  </td>
                  <td>{r.fileName}</td>
                  <td>
                    {humanize(r.entity)}
                    {r.dryRun ? <span className="subtle"> (dry run)</span> : null}
                  </td>
                  <td>{names.get(r.startedBy) ?? ''}</td>
                  <td className={r.status === 'failed' ? 'row-error' : undefined}>{humanize(r.status)}</td>
                  <td className="num">{r.rows}</td>
                  <td className="num">{r.imported}</td>
                  <td className="num">{r.updated}</td>
                  <td className="num">{r.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages.pager('Pages of imports', runs.data.nextCursor)}
        </>
      ) : null}
    </>
  );
}
