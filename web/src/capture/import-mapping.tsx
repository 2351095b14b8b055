import { useState } from 'react';
import type { ImportPreview } from '../../../src/capture/import/imports.schema.ts';

interface FieldRow {
  readonly field: string;
  readonly note: string | null;
}

// Every Baton field the entity takes, then the custom fields: the organisation's, those
// the import would define, and any other the mapping names.
function fieldRows(preview: ImportPreview, mapping: Record<string, string>): FieldRow[] {
  const rows: FieldRow[] = preview.fields.map((f) => ({
    field: f.name,
    note: f.required ? 'required' : preview.requiresOneOf.includes(f.name) ? 'one of these is required' : null,
  }));
  const seen = new Set(rows.map((r) => r.field));
  const add = (field: string, note: string) => {
    if (seen.has(field)) return;
    seen.add(field);
    rows.push({ field, note });
  };
  for (const d of preview.definedCustomFields) add(`custom.${d.key}`, `custom field (${d.type})`);
  for (const [key, type] of Object.entries(preview.declaredCustomFields))
    add(`custom.${key}`, `new custom field (${type})`);
  for (const field of Object.keys(mapping)) add(field, 'custom field');
  return rows;
}

/** Each Baton field with the column it is read from and what the first rows hold there. */
export function MappingTable(props: {
  preview: ImportPreview;
  mapping: Record<string, string>;
  onChange: (field: string, column: string) => void;
}) {
  const { preview, mapping } = props;
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label="Column mapping">
        <thead>
          <tr>
            <th>Baton field</th>
            <th>Column in the file</th>
            <th>First values</th>
          </tr>
        </thead>
        <tbody>
          {fieldRows(preview, mapping).map(({ field, note }) => {
            const samples = preview.rows
              .map((r) => r.values[field])
              .filter((v): v is string => typeof v === 'string')
              .slice(0, 3);
            return (
              <tr key={field}>
                <td>
                  <span className="mono">{field}</span>
                  {note ? <div className="subtle">{note}</div> : null}
                </td>
                <td>
                  <select
                    aria-label={`Column for ${field}`}
                    value={mapping[field] ?? ''}
                    onChange={(e) => props.onChange(field, e.target.value)}
                  >
                    <option value="">— not imported —</option>
                    {preview.columns.map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="subtle">{samples.length > 0 ? samples.join(' · ') : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function keyOf(column: string): string {
  const key = column
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(key) ? key.slice(0, 63) : `c_${key}`.slice(0, 63);
}

/** Columns no field reads, each of which can become a custom field. */
export function UnmappedColumns(props: {
  preview: ImportPreview;
  types: readonly string[];
  onAdd: (key: string, type: string, column: string) => void;
}) {
  const [types, setTypes] = useState<Record<string, string>>({});
  const { preview } = props;
  if (preview.unmappedColumns.length === 0) return null;
  return (
    <section className="filters" aria-label="Unmapped columns">
      <p className="subtle">Columns not imported — keep one as a custom field:</p>
      {preview.unmappedColumns.map((column) => {
        const key = keyOf(column);
        const defined = preview.definedCustomFields.find((d) => d.key === key);
        const type = types[column] ?? props.types[0] ?? 'text';
        return (
          <div key={column} className="filter-row">
            <span>“{column}”</span>
            <span className="subtle mono">custom.{key}</span>
            {defined ? (
              <span className="subtle">({defined.type})</span>
            ) : (
              <select
                aria-label={`Type of custom.${key}`}
                value={type}
                onChange={(e) => setTypes({ ...types, [column]: e.target.value })}
              >
                {props.types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
            <button type="button" className="link-button" onClick={() => props.onAdd(key, type, column)}>
              Import as custom field
            </button>
          </div>
        );
      })}
    </section>
  );
}

/** The first rows as the importer reads them, and a dry run of the sample. */
export function PreviewRows({ preview }: { preview: ImportPreview }) {
  const fields = Object.keys(preview.rows[0]?.values ?? {});
  const { dryRun } = preview;
  return (
    <>
      <h2>First rows</h2>
      <p className="hint" data-testid="import-sample-summary">
        A dry run of the first {preview.sampleRows} rows: {dryRun.imported} new, {dryRun.updated} updated,{' '}
        {dryRun.unchanged} unchanged, {dryRun.rejected} rejected.
        {dryRun.createdOwners.length > 0
          ? ` Owners to create as inactive reps: ${dryRun.createdOwners.join(', ')}.`
          : ''}
      </p>
      {preview.rows.length === 0 ? (
        <p className="subtle">The file has a header and no rows.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="First rows">
            <thead>
              <tr>
                <th className="num">Line</th>
                {fields.map((f) => (
                  <th key={f} className="mono">
                    {f}
                  </th>
                ))}
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line}>
                  <td className="num">{row.line}</td>
                  {fields.map((f) => (
                    <td key={f}>{row.values[f] ?? ''}</td>
                  ))}
                  <td className={row.problem ? 'row-error' : 'subtle'}>
                    {row.problem ? `${row.problem.field}: ${row.problem.reason}` : 'ok'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
