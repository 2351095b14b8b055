import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MqlPreview } from '../../../src/handoff/mql.schema.ts';
import { api, errorMessage } from '../platform/api.ts';
import { useSession } from '../platform/session.ts';
import { formatDate } from '../shell/format.ts';
import { type Draft, toInput } from './mql-draft.ts';

const DEBOUNCE_MS = 400;

/** The draft's body once it has stopped changing for a moment. */
function useDebouncedBody(draft: Draft): string {
  const body = JSON.stringify(toInput(draft));
  const [settled, setSettled] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(body), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [body]);
  return settled;
}

/** How the draft would have treated last month's leads, check by check, as it is edited. */
export function MqlPreviewPanel({ draft }: { draft: Draft }) {
  const timeZone = useSession().org.timeZone;
  const body = useDebouncedBody(draft);
  const preview = useQuery({
    queryKey: ['mql-preview', body],
    queryFn: () => api.post<MqlPreview>('/handoff/mql-definition/preview', JSON.parse(body)),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
  const data = preview.data;
  return (
    <aside className="mql-preview" aria-label="Preview on last month's leads" aria-busy={preview.isFetching}>
      <h3>Last month's leads</h3>
      {preview.isError ? (
        <div className="field-error" role="alert">
          {errorMessage(preview.error)}
        </div>
      ) : null}
      {data ? (
        <>
          <p className="muted">
            Created {formatDate(data.from, timeZone)} – {formatDate(data.to, timeZone)}: <strong>{data.total}</strong>{' '}
            leads. Scores as of now, under these rules.
          </p>
          <ul className="mql-preview-checks">
            {data.checks.map((check) => (
              <li key={check.condition}>
                <span className="mql-preview-label">{check.label}</span>
                <Bar value={check.passed} total={data.total} />
              </li>
            ))}
          </ul>
          <dl className="mql-preview-totals">
            <dt>Pass every required field and condition</dt>
            <dd>
              <Bar value={data.passAllConditions} total={data.total} />
            </dd>
            <dt>Would be MQLs (score too)</dt>
            <dd>
              <Bar value={data.wouldBeMql} total={data.total} strong />
            </dd>
            <dt>Became MQLs (under any version)</dt>
            <dd>
              <Bar value={data.becameMql} total={data.total} />
            </dd>
          </dl>
        </>
      ) : preview.isPending ? (
        <p className="muted" role="status">
          Counting…
        </p>
      ) : null}
    </aside>
  );
}

function Bar({ value, total, strong = false }: { value: number; total: number; strong?: boolean }) {
  const share = total === 0 ? 0 : value / total;
  return (
    <span className="mql-bar" title={`${value} of ${total}`}>
      <span className="mql-bar-track" aria-hidden="true">
        <span className="mql-bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className={strong ? 'mql-bar-count strong' : 'mql-bar-count'}>
        {value} <span className="muted">({Math.round(share * 100)}%)</span>
      </span>
    </span>
  );
}
