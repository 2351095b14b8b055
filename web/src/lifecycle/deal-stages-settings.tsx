import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { DEAL_STAGE_KINDS } from '../../../src/lifecycle/constants.ts';
import type { DealStage, DealStageList } from '../../../src/lifecycle/settings.schema.ts';
import { ApiError, api } from '../platform/api.ts';
import { ErrorPanel, FormError, Loading } from '../shell/ui.tsx';
import { dealStagesQuery } from './stages.ts';

interface Draft extends DealStage {
  /** A stage saved before keeps its key: deals and their history refer to it. */
  readonly saved: boolean;
  /** Identifies the row while it is edited, even before it has a key. */
  readonly rowId: number;
}

let nextRowId = 0;
const toDraft = (stage: DealStage): Draft => ({ ...stage, saved: true, rowId: nextRowId++ });
const toStage = ({ saved: _saved, rowId: _rowId, ...stage }: Draft): DealStage => stage;

export function DealStagesSettings() {
  const queryClient = useQueryClient();
  const stages = useQuery(dealStagesQuery);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  useEffect(() => {
    if (stages.data && drafts === null) setDrafts(stages.data.map(toDraft));
  }, [stages.data, drafts]);
  const save = useMutation({
    mutationFn: (list: readonly Draft[]) => api.put<DealStageList>('/deal-stages', { stages: list.map(toStage) }),
    onSuccess: (result) => {
      queryClient.setQueryData(dealStagesQuery.queryKey, result.stages);
      setDrafts(result.stages.map(toDraft));
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
    },
  });
  if (stages.isPending || drafts === null) return <Loading label="Loading deal stages…" />;
  if (stages.isError) return <ErrorPanel error={stages.error} retry={() => void stages.refetch()} />;

  const change = (index: number, patch: Partial<Draft>) =>
    setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const swap = (index: number, by: -1 | 1) => {
    const other = index + by;
    const a = drafts[index];
    const b = drafts[other];
    if (!a || !b) return;
    const next = [...drafts];
    next[index] = b;
    next[other] = a;
    setDrafts(next);
  };
  const rowError = (index: number) =>
    save.error instanceof ApiError && save.error.field?.startsWith(`stages.${index}.`) ? save.error.message : null;
  const dirty = JSON.stringify(drafts.map(toStage)) !== JSON.stringify(stages.data);

  return (
    <>
      <p className="muted">
        The order here is the order of the pipeline board. A stage that deals are in cannot be removed or change kind.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Order</th>
            <th>Key</th>
            <th>Label</th>
            <th>Kind</th>
            <th className="num">Probability %</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {drafts.map((stage, index) => (
            <tr key={stage.rowId}>
              <td className="col-order">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${stage.label} up`}
                  disabled={index === 0}
                  onClick={() => swap(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${stage.label} down`}
                  disabled={index === drafts.length - 1}
                  onClick={() => swap(index, 1)}
                >
                  ↓
                </button>
              </td>
              <td>
                {stage.saved ? (
                  <code>{stage.key}</code>
                ) : (
                  <input
                    aria-label="Key"
                    value={stage.key}
                    placeholder="e.g. security_review"
                    onChange={(e) => change(index, { key: e.target.value })}
                  />
                )}
              </td>
              <td>
                <input
                  aria-label={`Label of ${stage.key || 'new stage'}`}
                  value={stage.label}
                  onChange={(e) => change(index, { label: e.target.value })}
                />
                {rowError(index) ? <div className="field-error">{rowError(index)}</div> : null}
              </td>
              <td>
                <select
                  aria-label={`Kind of ${stage.key || 'new stage'}`}
                  value={stage.kind}
                  onChange={(e) =>
                    change(index, { kind: DEAL_STAGE_KINDS.find((k) => k === e.target.value) ?? 'open' })
                  }
                >
                  {DEAL_STAGE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
              </td>
              <td className="num">
                <input
                  aria-label={`Probability of ${stage.key || 'new stage'}`}
                  className="input-number"
                  type="number"
                  min={0}
                  max={100}
                  value={stage.probability}
                  onChange={(e) => change(index, { probability: Number(e.target.value) })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="link-button link-danger"
                  onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError error={save.error} fields={drafts.map((_, i) => `stages.${i}`)} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            setDrafts([
              ...drafts,
              { key: '', label: '', kind: 'open', probability: 50, saved: false, rowId: nextRowId++ },
            ])
          }
        >
          Add stage
        </button>
        <button
          type="button"
          className="button"
          disabled={!dirty || save.isPending}
          onClick={() => setDrafts(stages.data.map(toDraft))}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!dirty || save.isPending}
          onClick={() => save.mutate(drafts)}
        >
          {save.isPending ? 'Saving…' : 'Save stages'}
        </button>
        {save.isSuccess && !dirty ? <output className="notice">Saved.</output> : null}
      </div>
    </>
  );
}
