import { TOUCHPOINT_TYPES } from '../../../src/capture/constants.ts';
import { FIELD_OPS, type FieldOp, SCORE_FIELDS, type ScoreField } from '../../../src/handoff/scoring.ts';
import { humanize } from '../shell/format.ts';
import { errorAt, newRule, type RuleRow } from './mql-draft.ts';

const FIELD_LABEL: Record<string, string> = {
  title: 'Title',
  country: 'Country',
  companyName: 'Company',
  emailDomain: 'E-mail domain',
  'account.industry': 'Account industry',
  'account.employeeCount': 'Account employees',
};

const OP_LABEL: { readonly [O in FieldOp]: string } = {
  equals: 'is',
  contains: 'contains',
  in: 'is one of',
  at_least: 'is at least',
  below: 'is below',
};

interface Props {
  readonly rows: readonly RuleRow[];
  readonly customKeys: readonly string[];
  readonly error: unknown;
  /** False for a reader: the rows show, the controls to add and remove them do not. */
  readonly editable: boolean;
  readonly onChange: (rows: RuleRow[]) => void;
}

/** Points per touch of a type (halving with age, up to a cap) and points for lead fields. */
export function MqlRulesEditor({ rows, customKeys, error, editable, onChange }: Props) {
  const change = (index: number, patch: Partial<RuleRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const fields: ScoreField[] = [...SCORE_FIELDS, ...customKeys.map((k) => `custom.${k}` as const)];
  return (
    <>
      {rows.length === 0 ? <p className="muted">No rules: every lead scores 0.</p> : null}
      <ul className="mql-rows">
        {rows.map((row, index) => {
          const message = errorAt(error, `scoringRules.${index}`);
          const label = `rule ${index + 1}`;
          return (
            <li key={row.rowId} className="mql-row">
              {row.kind === 'touch' ? (
                <>
                  <span className="mql-row-kind">Each</span>
                  <select
                    aria-label={`Touch type of ${label}`}
                    value={row.touchType}
                    onChange={(e) =>
                      change(index, { touchType: TOUCHPOINT_TYPES.find((t) => t === e.target.value) ?? 'form_fill' })
                    }
                  >
                    {TOUCHPOINT_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {humanize(type)}
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <>
                  <span className="mql-row-kind">When</span>
                  <select
                    aria-label={`Field of ${label}`}
                    value={row.field}
                    onChange={(e) => change(index, { field: fields.find((f) => f === e.target.value) ?? 'title' })}
                  >
                    {fields.map((field) => (
                      <option key={field} value={field}>
                        {FIELD_LABEL[field] ?? field}
                      </option>
                    ))}
                  </select>
                  <select
                    aria-label={`Comparison of ${label}`}
                    value={row.op}
                    onChange={(e) => change(index, { op: FIELD_OPS.find((o) => o === e.target.value) ?? 'equals' })}
                  >
                    {FIELD_OPS.map((op) => (
                      <option key={op} value={op}>
                        {OP_LABEL[op]}
                      </option>
                    ))}
                  </select>
                  <input
                    aria-label={`Value of ${label}`}
                    className={row.op === 'at_least' || row.op === 'below' ? 'input-number' : 'mql-values'}
                    type={row.op === 'at_least' || row.op === 'below' ? 'number' : 'text'}
                    placeholder={row.op === 'in' ? 'ceo, cto, founder' : ''}
                    value={row.value}
                    onChange={(e) => change(index, { value: e.target.value })}
                  />
                </>
              )}
              <label className="inline-field">
                <span>points</span>
                <input
                  aria-label={`Points of ${label}`}
                  className="input-number"
                  type="number"
                  value={row.points}
                  onChange={(e) => change(index, { points: e.target.value })}
                />
              </label>
              {row.kind === 'touch' ? (
                <label className="inline-field">
                  <span>at most</span>
                  <input
                    aria-label={`Cap of ${label}`}
                    className="input-number"
                    type="number"
                    min={0}
                    placeholder="no cap"
                    value={row.cap}
                    onChange={(e) => change(index, { cap: e.target.value })}
                  />
                </label>
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
        <div className="form-actions">
          <button type="button" className="button" onClick={() => onChange([...rows, newRule('touch')])}>
            Add a touch rule
          </button>
          <button type="button" className="button" onClick={() => onChange([...rows, newRule('field')])}>
            Add a field rule
          </button>
        </div>
      ) : null}
    </>
  );
}
