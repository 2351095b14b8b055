import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { REASON_KINDS, type ReasonKind } from '../../../src/lifecycle/constants.ts';
import type { ReasonCodePut, ReasonCodeView } from '../../../src/lifecycle/settings.schema.ts';
import { api } from '../platform/api.ts';
import { Empty, ErrorPanel, FieldError, FormError, Loading } from '../shell/ui.tsx';
import { reasonCodesQuery } from './stages.ts';

const KIND_TITLE: { readonly [K in ReasonKind]: string } = {
  reject: 'Reject (sales refuses a lead)',
  recycle: 'Recycle (back to nurture)',
  loss: 'Loss (deal closed lost)',
  win: 'Win (deal closed won)',
};

function usePutReason() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, code, ...body }: z.input<typeof ReasonCodePut> & { kind: ReasonKind; code: string }) =>
      api.put<ReasonCodeView>(`/reason-codes/${kind}/${encodeURIComponent(code)}`, body),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['reason-codes'] }),
  });
}

export function ReasonCodesSettings() {
  const codes = useQuery(reasonCodesQuery());
  if (codes.isPending) return <Loading label="Loading reason codes…" />;
  if (codes.isError) return <ErrorPanel error={codes.error} retry={() => void codes.refetch()} />;
  return (
    <>
      <p className="muted">
        Codes are never deleted, so past events keep their reason; deactivate a code to stop offering it.
      </p>
      <NewReasonForm />
      <div className="reason-groups">
        {REASON_KINDS.map((kind) => {
          const ofKind = codes.data.filter((c) => c.kind === kind).sort((a, b) => a.position - b.position);
          return (
            <section key={kind} className="reason-group">
              <h3>{KIND_TITLE[kind]}</h3>
              {ofKind.length === 0 ? (
                <Empty>None yet.</Empty>
              ) : (
                <table className="table table-compact">
                  <tbody>
                    {ofKind.map((code) => (
                      <ReasonRow key={code.code} reason={code} />
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}

function ReasonRow({ reason }: { reason: ReasonCodeView }) {
  const put = usePutReason();
  const [label, setLabel] = useState(reason.label);
  const rename = () => {
    if (label.trim() && label.trim() !== reason.label) {
      put.mutate({ kind: reason.kind, code: reason.code, label: label.trim() });
    }
  };
  return (
    <tr className={reason.active ? undefined : 'row-inactive'}>
      <td>
        <code>{reason.code}</code>
      </td>
      <td className="col-grow">
        <input
          aria-label={`Label of ${reason.code}`}
          className="input-plain"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename();
            if (e.key === 'Escape') setLabel(reason.label);
          }}
        />
        <FieldError error={put.error} field="label" />
      </td>
      <td>
        <button
          type="button"
          className="link-button"
          disabled={put.isPending}
          onClick={() =>
            put.mutate({ kind: reason.kind, code: reason.code, label: reason.label, active: !reason.active })
          }
        >
          {reason.active ? 'Deactivate' : 'Activate'}
        </button>
        <FormError error={put.error} fields={['label']} />
      </td>
    </tr>
  );
}

function NewReasonForm() {
  const put = usePutReason();
  const [kind, setKind] = useState<ReasonKind>('reject');
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    put.mutate(
      { kind, code: code.trim(), label: label.trim() },
      {
        onSuccess: () => {
          setCode('');
          setLabel('');
        },
      },
    );
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a reason code">
      <label className="field">
        <span>Kind</span>
        <select value={kind} onChange={(e) => setKind(REASON_KINDS.find((k) => k === e.target.value) ?? 'reject')}>
          {REASON_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Code</span>
        <input value={code} placeholder="e.g. no_authority" onChange={(e) => setCode(e.target.value)} />
        <FieldError error={put.error} field="code" />
      </label>
      <label className="field field-grow">
        <span>Label</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} />
        <FieldError error={put.error} field="label" />
      </label>
      <button type="submit" className="button button-primary" disabled={!code.trim() || !label.trim() || put.isPending}>
        Add reason
      </button>
      <FormError error={put.error} fields={['code', 'label']} />
    </form>
  );
}
