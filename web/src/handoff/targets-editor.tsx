import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CHANNELS } from '../../../src/capture/constants.ts';
import type { Target, TargetList } from '../../../src/handoff/targets.schema.ts';
import { api } from '../platform/api.ts';
import { humanize } from '../shell/format.ts';
import { ErrorPanel, FieldError, FormError } from '../shell/ui.tsx';

// Marketing's monthly promise per segment: how many MQLs, and what share sales should
// accept. Admins and marketing set it; the server judges every number and names the field
// it refuses.

const targetsQuery = (month: string) => ({
  queryKey: ['handoff', 'targets', month],
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<TargetList>('/handoff/targets', { month }, signal),
});

// The segments of targets.schema.ts's TARGET_SEGMENTS, built from the same constants: the
// schema module itself would bring zod (and its eval probe, which the CSP refuses) along.
const SEGMENTS = ['all', ...CHANNELS] as const;

// What a person typed, sent as typed (an empty field as NaN), so the refusal names the field.
const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

export function TargetsEditor({ month }: { month: string }) {
  const queryClient = useQueryClient();
  const targets = useQuery(targetsQuery(month));
  const [segment, setSegment] = useState<string>('all');
  const [mqlTarget, setMqlTarget] = useState('');
  const [rate, setRate] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.put<Target>('/handoff/targets', {
        month,
        segment,
        mqlTarget: number(mqlTarget),
        acceptRateTarget: rate.trim() === '' ? null : number(rate) / 100,
      }),
    onSuccess: () => {
      setMqlTarget('');
      setRate('');
      void queryClient.invalidateQueries({ queryKey: ['handoff'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const edit = (target: Target) => {
    setSegment(target.segment);
    setMqlTarget(String(target.mqlTarget));
    setRate(target.acceptRateTarget === null ? '' : String(Math.round(target.acceptRateTarget * 1000) / 10));
  };
  return (
    <>
      <h2>Targets for {month}</h2>
      {targets.isError ? <ErrorPanel error={targets.error} /> : null}
      {targets.data && targets.data.items.length > 0 ? (
        <ul className="plain-list" data-testid="targets">
          {targets.data.items.map((t) => (
            <li key={t.segment}>
              <button type="button" className="link-button" onClick={() => edit(t)}>
                {t.segment === 'all' ? 'All MQLs' : humanize(t.segment)}
              </button>
              : {t.mqlTarget} MQLs
              {t.acceptRateTarget !== null ? `, ${Math.round(t.acceptRateTarget * 100)}% accepted` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No targets for this month yet.</p>
      )}
      <form className="targets-form" onSubmit={submit} aria-label="Set a target">
        <label className="field">
          <span>Segment</span>
          <select value={segment} onChange={(e) => setSegment(e.target.value)}>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? 'All MQLs' : humanize(s)}
              </option>
            ))}
          </select>
          <FieldError error={save.error} field="segment" />
        </label>
        <label className="field">
          <span>MQL target</span>
          <input
            className="input-number"
            inputMode="numeric"
            value={mqlTarget}
            onChange={(e) => setMqlTarget(e.target.value)}
          />
          <FieldError error={save.error} field="mqlTarget" />
        </label>
        <label className="field">
          <span>Accept rate target (%)</span>
          <input className="input-number" inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />
          <FieldError error={save.error} field="acceptRateTarget" />
        </label>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save target'}
        </button>
        <FormError error={save.error} fields={['segment', 'mqlTarget', 'acceptRateTarget']} />
      </form>
    </>
  );
}
