import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../src/platform/identity.schema.ts';
import { useCursorPages } from '../shell/cursor-pages.tsx';
import { formatDateTime } from '../shell/format.ts';
import { Empty, ErrorPanel, Loading, PageHeader } from '../shell/ui.tsx';
import { api, type Page } from './api.ts';
import { useUserNames } from './people.ts';
import { abilities, useSession } from './session.ts';
import { NotPermitted } from './settings-page.tsx';

const PAGE_SIZE = 50;

export function AuditLogPage() {
  const session = useSession();
  const names = useUserNames();
  const pages = useCursorPages();
  const { cursor } = pages;
  const allowed = abilities.auditLog(session.user.role);
  const log = useQuery({
    queryKey: ['audit-log', cursor],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/audit-log', { limit: PAGE_SIZE, cursor }, signal),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  if (!allowed) return <NotPermitted area="Audit log entries" />;
  return (
    <section className="page page-wide">
      <PageHeader title="Audit log" />
      <p className="muted">
        Every change made in {session.org.name}: who, when, and each changed field before → after.
      </p>
      {log.isPending ? <Loading label="Loading the audit log…" /> : null}
      {log.isError ? <ErrorPanel error={log.error} retry={() => void log.refetch()} /> : null}
      {log.data?.items.length === 0 ? <Empty>Nothing has been changed yet.</Empty> : null}
      {log.data && log.data.items.length > 0 ? (
        <>
          <table className={log.isPlaceholderData ? 'table table-audit is-stale' : 'table table-audit'}>
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>Changes</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td className="col-date">{formatDateTime(entry.occurredAt, session.org.timeZone)}</td>
                  <td>{entry.actorId ? (names.get(entry.actorId) ?? entry.actorId) : 'system'}</td>
                  <td>
                    {ACTION_LABEL[entry.action]} {entityLabel(entry.entity)}
                    <div className="subtle mono">{entry.entityId}</div>
                  </td>
                  <td>
                    <Changes action={entry.action} changes={entry.changes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages.pager('Pages', log.data.nextCursor)}
        </>
      ) : null}
    </section>
  );
}

const ACTION_LABEL: Record<AuditEntry['action'], string> = { insert: 'Created', update: 'Changed', delete: 'Deleted' };

function entityLabel(entity: string): string {
  const words = entity.replaceAll('_', ' ');
  if (words.endsWith('ies')) return `${words.slice(0, -3)}y`;
  return words.endsWith('s') ? words.slice(0, -1) : words;
}

// A created row lists its values and a deleted one what it held; only a change shows
// before → after.
function Changes({ action, changes }: { action: AuditEntry['action']; changes: AuditEntry['changes'] }) {
  const fields = Object.entries(changes);
  if (fields.length === 0) return <span className="subtle">—</span>;
  if (action !== 'update') {
    return (
      <div className={action === 'delete' ? 'values before' : 'values'}>
        {fields.map(([field, [before, after]]) => (
          <span key={field} className="value">
            <span className="subtle">{field}</span> {show(action === 'delete' ? before : after)}
          </span>
        ))}
      </div>
    );
  }
  return (
    <dl className="changes">
      {fields.map(([field, [before, after]]) => (
        <div key={field} className="change">
          <dt>{field}</dt>
          <dd>
            <span className="before">{show(before)}</span> → <span className="after">{show(after)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
