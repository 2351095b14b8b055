import { CONDITION_KINDS, CONDITION_MODES } from '../../../src/handoff/mql-definition.ts';
import { type ConditionKind, type ConditionRow, errorAt, newCondition } from './mql-draft.ts';

const KIND_LABEL: { readonly [K in ConditionKind]: string } = {
  country: 'Country',
  company_size: 'Company size (employees)',
  free_mail: 'Free-mail address',
  competitor: 'Competitor domain',
  email_domain: 'E-mail domain',
  custom: 'Custom field',
};

const VALUES_HINT: Partial<Record<ConditionKind, string>> = {
  country: 'DE, AT, CH',
  email_domain: 'acme.io, partner.com',
  competitor: 'rival.com, other-rival.io',
  custom: 'gold, platinum',
};

interface Props {
  readonly rows: readonly ConditionRow[];
  readonly customKeys: readonly string[];
  readonly error: unknown;
  /** False for a reader: the rows show, the controls to add and remove them do not. */
  readonly editable: boolean;
  readonly onChange: (rows: ConditionRow[]) => void;
}

/** Include/exclude conditions; a competitor condition always excludes. */
export function MqlConditionsEditor({ rows, customKeys, error, editable, onChange }: Props) {
  const change = (index: number, patch: Partial<ConditionRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <>
      {rows.length === 0 ? <p className="muted">No conditions: every lead passes.</p> : null}
      <ul className="mql-rows">
        {rows.map((row, index) => {
          const message = errorAt(error, `conditions.${index}`);
          return (
            <li key={row.rowId} className="mql-row">
              <span className="mql-row-kind">{KIND_LABEL[row.kind]}</span>
              {row.kind === 'competitor' ? (
                <span className="muted">excludes</span>
              ) : (
                <select
                  aria-label={`Mode of condition ${index + 1}`}
                  value={row.mode}
                  onChange={(e) =>
                    change(index, { mode: CONDITION_MODES.find((m) => m === e.target.value) ?? 'exclude' })
                  }
                >
                  {CONDITION_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {mode === 'include' ? 'only' : 'not'}
                    </option>
                  ))}
                </select>
              )}
              {row.kind === 'custom' ? (
                <select
                  aria-label={`Custom field of condition ${index + 1}`}
                  value={row.key}
                  onChange={(e) => change(index, { key: e.target.value })}
                >
                  <option value="">choose a field…</option>
                  {customKeys.map((key) => (
                    <option key={key} value={key}>
                      {key}
                    </option>
                  ))}
                </select>
              ) : null}
              {row.kind === 'company_size' ? (
                <>
                  <input
                    aria-label={`Least employees of condition ${index + 1}`}
                    className="input-number"
                    type="number"
                    min={0}
                    placeholder="from"
                    value={row.min}
                    onChange={(e) => change(index, { min: e.target.value })}
                  />
                  <input
                    aria-label={`Employees below, condition ${index + 1}`}
                    className="input-number"
                    type="number"
                    min={0}
                    placeholder="below"
                    value={row.max}
                    onChange={(e) => change(index, { max: e.target.value })}
                  />
                </>
              ) : null}
              {row.kind in VALUES_HINT ? (
                <input
                  aria-label={`Values of condition ${index + 1}`}
                  className="mql-values"
                  placeholder={VALUES_HINT[row.kind]}
                  value={row.values}
                  onChange={(e) => change(index, { values: e.target.value })}
                />
              ) : null}
              {editable ? (
                <button
                  type="button"
                  className="link-button link-danger"
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              ) : null}
              {message ? <div className="field-error mql-row-error">{message}</div> : null}
            </li>
          );
        })}
      </ul>
      {editable ? (
        <label className="field mql-add">
          <span>Add a condition</span>
          <select
            value=""
            onChange={(e) => {
              const kind = CONDITION_KINDS.find((k) => k === e.target.value);
              if (kind) onChange([...rows, newCondition(kind)]);
            }}
          >
            <option value="">choose…</option>
            {CONDITION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABEL[kind]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
