import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { z } from 'zod';
import type { ImportPreviewInput } from '../../../src/capture/import/imports.schema.ts';
import { may, useSession } from '../platform/session.ts';
import { humanize } from '../shell/format.ts';
import { Empty, ErrorPanel, FieldError, FormError, Loading, PageHeader } from '../shell/ui.tsx';
import { ImportHistory } from './import-history.tsx';
import { MappingTable, PreviewRows, UnmappedColumns } from './import-mapping.tsx';
import { ImportRunView } from './import-run-view.tsx';
import { importEntitiesQuery, previewImport, readSample, uploadImport } from './imports-api.ts';

const route = getRouteApi('/app/import');

interface Sample {
  readonly id: number;
  readonly text: string;
  readonly partial: boolean;
}

// Choose what to import and a file; the page previews the start of the file (preset,
// mapping, the first rows and a dry run of them), lets each Baton field take another column,
// then uploads the whole file for a dry run or the import, and follows the run.
export function ImportPage() {
  const session = useSession();
  const { run } = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const allowed = may(session.user.role, 'POST', '/imports');
  const entities = useQuery({ ...importEntitiesQuery, enabled: allowed });
  const [chosen, setChosen] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sample, setSample] = useState<Sample | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [declared, setDeclared] = useState<Record<string, string>>({});
  const [dateFormat, setDateFormat] = useState('');
  const [uploaded, setUploaded] = useState<number | null>(null);

  const entity = chosen || entities.data?.items[0]?.entity || '';
  const info = entities.data?.items.find((e) => e.entity === entity);
  const preview = useQuery({
    queryKey: ['imports', 'preview', entity, sample?.id, mapping, declared, dateFormat],
    queryFn: () => {
      if (!sample) throw new Error('no file chosen');
      const input: z.input<typeof ImportPreviewInput> = {
        entity: entity as ImportPreviewInput['entity'],
        sample: sample.text,
        partial: sample.partial,
        ...(mapping ? { mapping } : {}),
        ...(Object.keys(declared).length > 0 ? { customFields: declared as ImportPreviewInput['customFields'] } : {}),
        ...(dateFormat ? { dateFormat: dateFormat as ImportPreviewInput['dateFormat'] } : {}),
      };
      return previewImport(input as ImportPreviewInput);
    },
    enabled: sample !== null && entity !== '',
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const start = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error('choose a file first');
      setUploaded(0);
      return uploadImport(
        { entity, file, mapping: mapping ?? undefined, customFields: declared, dateFormat, dryRun },
        session.csrfToken,
        setUploaded,
      );
    },
    onSuccess: (started) => {
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      void navigate({ search: { run: started.id } });
    },
    onSettled: () => setUploaded(null),
  });

  const reset = () => {
    setMapping(null);
    setDeclared({});
    start.reset();
  };
  const chooseFile = async (next: File | null) => {
    setFile(next);
    reset();
    setSample(next ? { id: Date.now(), ...(await readSample(next)) } : null);
  };

  if (!allowed) {
    return (
      <section className="page">
        <PageHeader title="Import" />
        <div className="state state-forbidden" role="alert">
          Importing is for marketing and admins; you are signed in as {humanize(session.user.role)}.
        </div>
      </section>
    );
  }
  const shown = preview.data;
  const effective = mapping ?? shown?.mapping ?? {};
  const busy = start.isPending || preview.isFetching;
  return (
    <section className="page page-wide">
      <PageHeader title="Import" />
      <p className="muted">
        Load leads and other records from a CSV file. Rows that cannot be read are listed with their line and reason;
        the rest are imported. Running the same file again matches what it imported before.
      </p>
      {entities.isPending ? <Loading label="Loading what you may import…" /> : null}
      {entities.isError ? <ErrorPanel error={entities.error} retry={() => void entities.refetch()} /> : null}
      {entities.data?.items.length === 0 ? <Empty>There is nothing your role may import.</Empty> : null}
      {entities.data && entities.data.items.length > 0 ? (
        <form className="inline-form" aria-label="Choose a file" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>What to import</span>
            <select
              value={entity}
              onChange={(e) => {
                setChosen(e.target.value);
                reset();
              }}
            >
              {entities.data.items.map((e) => (
                <option key={e.entity} value={e.entity}>
                  {humanize(e.entity)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-grow">
            <span>CSV file</span>
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv"
              onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)}
            />
            <FieldError error={start.error} field="file" />
          </label>
          <label className="field">
            <span>Dates like 03/04/2026 are</span>
            <select value={dateFormat} onChange={(e) => setDateFormat(e.target.value)}>
              <option value="">ambiguous: reject them</option>
              {entities.data.dateFormats.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        </form>
      ) : null}
      {info && info.presets.length > 0 && !file ? (
        <p className="subtle">
          Recognised exports: {info.presets.join(', ')}. Any other file is mapped by column name.
        </p>
      ) : null}
      {preview.isPending && sample ? <Loading label="Reading the start of the file…" /> : null}
      <FormError error={preview.error} />
      {shown && file ? (
        <>
          <p className="hint" data-testid="import-detected">
            {shown.preset ? (
              <>
                Recognised as <strong>{shown.preset}</strong>.
              </>
            ) : (
              'No known export recognised; columns named like fields are mapped.'
            )}{' '}
            {shown.columns.length} columns, separated by {shown.delimiter === '\t' ? 'tabs' : `“${shown.delimiter}”`}.
          </p>
          {shown.missingPresetColumns.length > 0 ? (
            <p className="subtle">
              This file lacks {shown.missingPresetColumns.map((m) => m.column).join(', ')}; those fields stay empty.
            </p>
          ) : null}
          <MappingTable
            preview={shown}
            mapping={effective}
            onChange={(field, column) => {
              const next = { ...effective };
              if (column) next[field] = column;
              else delete next[field];
              setMapping(next);
            }}
          />
          {shown.customFields ? (
            <UnmappedColumns
              preview={shown}
              types={entities.data?.customFieldTypes ?? []}
              onAdd={(key, type, column) => {
                if (!shown.definedCustomFields.some((d) => d.key === key)) setDeclared({ ...declared, [key]: type });
                setMapping({ ...effective, [`custom.${key}`]: column });
              }}
            />
          ) : null}
          <PreviewRows preview={shown} />
          <div className="form-actions">
            <button type="button" className="button" disabled={busy} onClick={() => start.mutate(true)}>
              Dry run
            </button>
            <button type="button" className="button button-primary" disabled={busy} onClick={() => start.mutate(false)}>
              Import
            </button>
            {uploaded !== null ? (
              <span className="muted" role="status">
                Uploading {file.name}… <progress max={1} value={uploaded} /> {Math.round(uploaded * 100)}%
              </span>
            ) : null}
          </div>
          <FormError error={start.error} fields={['file']} />
        </>
      ) : null}
      {run ? <ImportRunView id={run} timeZone={session.org.timeZone} /> : null}
      <ImportHistory timeZone={session.org.timeZone} current={run} />
    </section>
  );
}
