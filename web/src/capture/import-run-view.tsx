import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ImportRunDetail } from '../../../src/capture/import/imports.schema.ts';
import { formatDateTime, humanize } from '../shell/format.ts';
import { ErrorPanel, Loading } from '../shell/ui.tsx';
import { formatBytes, importRunQuery, rejectsCsvUrl } from './imports-api.ts';

/** One import: its progress while it runs, then what it did and the rows it rejected. */
export function ImportRunView({ id, timeZone }: { id: string; timeZone: string }) {
  const run = useQuery(importRunQuery(id));
  const queryClient = useQueryClient();
  const section = useRef<HTMLElement>(null);
  const loaded = run.data !== undefined;
  useEffect(() => {
    // A started import is shown below the mapping; bring it into view once it is there.
    if (loaded) section.current?.scrollIntoView({ block: 'nearest' });
  }, [loaded]);
  const status = run.data?.status;
  useEffect(() => {
    // The list of past imports shows the status too; refresh it when the run ends.
    if (status && status !== 'running') void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [status, queryClient]);
  if (run.isPending) return <Loading label="Loading the import…" />;
  if (run.isError) return <ErrorPanel error={run.error} retry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <section ref={section} className="state" aria-label="Import run" data-testid="import-run">
      <h2>
        {r.dryRun ? 'Dry run' : 'Import'} of {r.fileName}{' '}
        <span className="subtle">
          ({humanize(r.entity)}, started {formatDateTime(r.startedAt, timeZone)})
        </span>
      </h2>
      {r.status === 'running' ? <Progress run={r} /> : <Outcome run={r} />}
    </section>
  );
}

function Progress({ run }: { run: ImportRunDetail }) {
  return (
    <div role="status" aria-live="polite">
      <progress max={Math.max(run.bytesTotal, 1)} value={run.bytesRead} aria-label="Import progress" />{' '}
      {formatBytes(run.bytesRead)} of {formatBytes(run.bytesTotal)} read · {run.rows.toLocaleString('en')} rows,{' '}
      {run.rejected.toLocaleString('en')} rejected so far
    </div>
  );
}

function Outcome({ run }: { run: ImportRunDetail }) {
  if (run.status === 'failed') {
    return (
      <div className="state state-error" role="alert">
        <strong>The {run.dryRun ? 'dry run' : 'import'} failed.</strong> {run.error}
      </div>
    );
  }
  return (
    <>
      <p role="status" data-testid="import-counts">
        {run.dryRun ? 'Nothing was written. An import would make: ' : ''}
        <strong>{run.imported}</strong> imported, <strong>{run.updated}</strong> updated,{' '}
        <strong>{run.unchanged}</strong> unchanged, <strong>{run.rejected}</strong> rejected of {run.rows} rows.
      </p>
      {run.createdOwners.length > 0 ? (
        <p className="subtle">
          Owners who were not users, {run.dryRun ? 'to be created' : 'created'} as inactive reps:{' '}
          {run.createdOwners.join(', ')}.
        </p>
      ) : null}
      {run.rejected > 0 ? <Rejects run={run} /> : null}
    </>
  );
}

function Rejects({ run }: { run: ImportRunDetail }) {
  return (
    <>
      <p>
        <a className="button" href={rejectsCsvUrl(run.id)} download>
          Download rejects CSV
        </a>{' '}
        {run.rejects.length < run.rejected ? (
          <span className="subtle">
            The first {run.rejects.length} of {run.rejected} rejected rows are shown; the CSV has them all.
          </span>
        ) : null}
      </p>
      <table className="table table-compact" aria-label="Rejected rows">
        <thead>
          <tr>
            <th className="num">Line</th>
            <th>Field</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {run.rejects.map((r) => (
            <tr key={`${r.line}-${r.field}`}>
              <td className="num">{r.line}</td>
              <td className="mono">{r.field}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
