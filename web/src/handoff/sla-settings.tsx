import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { SlaSettings, SlaSettingsInput, WorkCalendarSchema } from '../../../src/handoff/sla-settings.schema.ts';
import { ApiError, api } from '../platform/api.ts';
import { may, useSession } from '../platform/session.ts';
import { ErrorPanel, FormError, Loading } from '../shell/ui.tsx';

// The "Service levels" settings tab: how long sales has to accept or reject an MQL and then
// to work it, in business hours of the org's calendar. Everyone reads it; admins and sales
// managers change it.

export const slaSettingsQuery = queryOptions({
  queryKey: ['handoff', 'sla-settings'],
  queryFn: ({ signal }) => api.get<SlaSettings>('/handoff/sla-settings', undefined, signal),
});

const WEEKDAYS = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [7, 'Sunday'],
] as const;
type Weekday = (typeof WEEKDAYS)[number][0];
type Interval = { readonly start: string; readonly end: string };
/** An interval being edited, with a key that identifies its row while it changes. */
type Row = Interval & { readonly key: number };
type Days = { readonly [D in Weekday]: readonly Row[] };

let nextKey = 0;
const row = (interval: Interval): Row => ({ start: interval.start, end: interval.end, key: nextKey++ });

/** The two service levels, in business hours, each edited the same way. */
const HOUR_FIELDS = [
  ['acceptSlaHours', 'Accept or reject within (business hours)'],
  ['firstActivitySlaHours', 'First activity within (business hours)'],
] as const;

interface Draft {
  readonly acceptSlaHours: string;
  readonly firstActivitySlaHours: string;
  readonly timeZone: string;
  readonly days: Days;
  readonly holidays: string;
  readonly autoQualify: boolean;
}

const toDraft = (s: SlaSettings): Draft => ({
  acceptSlaHours: String(s.acceptSlaHours),
  firstActivitySlaHours: String(s.firstActivitySlaHours),
  timeZone: s.calendar.timeZone,
  days: Object.fromEntries(WEEKDAYS.map(([d]) => [d, (s.calendar.days[d] ?? []).map(row)])) as unknown as Days,
  holidays: s.calendar.holidays.join('\n'),
  autoQualify: s.autoQualify,
});

function toCalendarDays(days: Days): WorkCalendarSchema['days'] {
  const out: WorkCalendarSchema['days'] = {};
  for (const [d] of WEEKDAYS) {
    if (days[d].length > 0) out[d] = days[d].map(({ start, end }) => ({ start, end }));
  }
  return out;
}

// Numbers the server must judge are sent as typed (an empty field as NaN → null), so the
// refusal names the field instead of the form guessing.
const hours = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

const toInput = (d: Draft): SlaSettingsInput => ({
  acceptSlaHours: hours(d.acceptSlaHours),
  firstActivitySlaHours: hours(d.firstActivitySlaHours),
  calendar: {
    timeZone: d.timeZone.trim(),
    days: toCalendarDays(d.days),
    holidays: d.holidays
      .split(/[\s,]+/)
      .map((h) => h.trim())
      .filter(Boolean),
  },
  autoQualify: d.autoQualify,
});

const ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

export function SlaSettingsTab() {
  const session = useSession();
  const editable = may(session.user.role, 'PUT', '/handoff/sla-settings');
  const queryClient = useQueryClient();
  const settings = useQuery(slaSettingsQuery);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (settings.data && draft === null) setDraft(toDraft(settings.data));
  }, [settings.data, draft]);
  const save = useMutation({
    mutationFn: (next: Draft) => api.put<SlaSettings>('/handoff/sla-settings', toInput(next)),
    onSuccess: (saved) => {
      queryClient.setQueryData(slaSettingsQuery.queryKey, saved);
      setDraft(toDraft(saved));
    },
  });
  if (settings.isError) return <ErrorPanel error={settings.error} retry={() => void settings.refetch()} />;
  if (settings.isPending || draft === null) return <Loading label="Loading service levels…" />;

  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setDay = (day: Weekday, intervals: readonly Row[]) => change({ days: { ...draft.days, [day]: intervals } });
  const errorAt = (prefix: string) =>
    save.error instanceof ApiError && save.error.field?.startsWith(prefix) ? save.error.message : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Service levels" noValidate>
      <p className="muted">
        Sales accepts or rejects each MQL, and then logs a first activity on it, within these business hours; the clock
        runs only in the working hours below. A change applies to leads assigned from now on.
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          disabled={!editable}
          checked={draft.autoQualify}
          onChange={(e) => change({ autoQualify: e.target.checked })}
        />
        Score and qualify leads automatically on every capture and update (off: leads become MQLs only when someone
        moves them)
      </label>
      <div className="form-grid">
        {HOUR_FIELDS.map(([key, label]) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input
              className="input-number"
              type="number"
              min={0}
              step={0.25}
              disabled={!editable}
              value={draft[key]}
              onChange={(e) => change({ [key]: e.target.value })}
            />
            <Problem text={errorAt(key)} />
          </label>
        ))}
        <label className="field">
          <span>Time zone</span>
          <input
            list="sla-time-zones"
            disabled={!editable}
            value={draft.timeZone}
            onChange={(e) => change({ timeZone: e.target.value })}
          />
          <datalist id="sla-time-zones">
            {ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <Problem text={errorAt('calendar.timeZone')} />
        </label>
      </div>

      <h2>Working hours</h2>
      <table className="table table-compact">
        <tbody>
          {WEEKDAYS.map(([day, name]) => {
            const intervals = draft.days[day];
            return (
              <tr key={day}>
                <th scope="row">{name}</th>
                <td>
                  {intervals.length === 0 ? <span className="muted">Not worked</span> : null}
                  {intervals.map((interval, index) => (
                    <span key={interval.key} className="inline-field">
                      <input
                        type="time"
                        aria-label={`${name} interval ${index + 1} from`}
                        disabled={!editable}
                        value={interval.start}
                        onChange={(e) =>
                          setDay(
                            day,
                            intervals.map((it, i) => (i === index ? { ...it, start: e.target.value } : it)),
                          )
                        }
                      />
                      –
                      <input
                        type="time"
                        aria-label={`${name} interval ${index + 1} until`}
                        disabled={!editable}
                        value={interval.end === '24:00' ? '23:59' : interval.end}
                        onChange={(e) =>
                          setDay(
                            day,
                            intervals.map((it, i) => (i === index ? { ...it, end: e.target.value } : it)),
                          )
                        }
                      />
                      {editable ? (
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Remove ${name} interval ${index + 1}`}
                          onClick={() =>
                            setDay(
                              day,
                              intervals.filter((_, i) => i !== index),
                            )
                          }
                        >
                          ×
                        </button>
                      ) : null}
                    </span>
                  ))}
                  {editable ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setDay(day, [...intervals, row({ start: '09:00', end: '17:00' })])}
                    >
                      Add hours
                    </button>
                  ) : null}
                  <Problem text={errorAt(`calendar.days.${day}`)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Problem
        text={save.error instanceof ApiError && save.error.field === 'calendar.days' ? save.error.message : null}
      />

      <label className="field">
        <span>Holidays (one date YYYY-MM-DD per line; nobody works on them)</span>
        <textarea
          rows={4}
          disabled={!editable}
          value={draft.holidays}
          onChange={(e) => change({ holidays: e.target.value })}
        />
        <Problem text={errorAt('calendar.holidays')} />
      </label>

      {fieldOf(save.error) ? null : <FormError error={save.error} />}
      {editable ? (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save service levels'}
          </button>
          {save.isSuccess ? (
            <span className="muted" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      ) : (
        <p className="muted">Admins and sales managers change these.</p>
      )}
    </form>
  );
}

function Problem({ text }: { text: string | null }) {
  return text ? (
    <div className="field-error" role="alert">
      {text}
    </div>
  ) : null;
}

/** Whether an error names one of this form's fields (it is then shown beside that field). */
function fieldOf(error: unknown): boolean {
  const field = error instanceof ApiError ? error.field : undefined;
  return (
    field !== undefined && ['acceptSlaHours', 'firstActivitySlaHours', 'calendar'].some((f) => field.startsWith(f))
  );
}
