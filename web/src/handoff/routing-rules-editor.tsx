import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { RoutingRuleInput, RoutingRuleList, RoutingRuleView } from '../../../src/handoff/routing.schema.ts';
import { ROUTING_RULE_KINDS } from '../../../src/handoff/routing.ts';
import { ApiError, api } from '../platform/api.ts';
import { teamsQuery } from '../platform/people.ts';
import { ErrorPanel, FormError, Loading } from '../shell/ui.tsx';
import { RULE_KIND_LABEL, routingRulesQuery } from './routing-queries.ts';

type Kind = (typeof ROUTING_RULE_KINDS)[number];

/** A rule as edited: lists and bounds are the text typed, parsed only when saving. */
interface Draft {
  readonly rowId: number;
  readonly id: string | undefined;
  readonly kind: Kind;
  readonly name: string;
  readonly teamId: string;
  readonly countries: string;
  readonly regions: string;
  readonly industries: string;
  readonly minEmployees: string;
  readonly maxEmployees: string;
}

let nextRowId = 0;

function toDraft(rule: RoutingRuleView): Draft {
  return {
    rowId: nextRowId++,
    id: rule.id,
    kind: rule.kind,
    name: rule.name,
    teamId: rule.teamId ?? '',
    countries: (rule.match.countries ?? []).join(', '),
    regions: (rule.match.regions ?? []).join(', '),
    industries: (rule.match.industries ?? []).join(', '),
    minEmployees: rule.match.minEmployees?.toString() ?? '',
    maxEmployees: rule.match.maxEmployees?.toString() ?? '',
  };
}

const blank = (kind: Kind): Draft => ({
  rowId: nextRowId++,
  id: undefined,
  kind,
  name: kind === 'territory' ? '' : RULE_KIND_LABEL[kind],
  teamId: '',
  countries: '',
  regions: '',
  industries: '',
  minEmployees: '',
  maxEmployees: '',
});

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const bound = (text: string) => (text.trim() === '' ? undefined : Number(text));

// The API checks everything (and names the rule's field); this only shapes the request.
function toInput(draft: Draft): z.input<typeof RoutingRuleInput> {
  const base = { ...(draft.id ? { id: draft.id } : {}), ...(draft.name.trim() ? { name: draft.name.trim() } : {}) };
  const team = draft.teamId ? { teamId: draft.teamId } : {};
  switch (draft.kind) {
    case 'account_owner':
      return { kind: draft.kind, ...base };
    case 'territory': {
      const match = {
        ...(list(draft.countries).length ? { countries: list(draft.countries) } : {}),
        ...(list(draft.regions).length ? { regions: list(draft.regions) } : {}),
        ...(list(draft.industries).length ? { industries: list(draft.industries) } : {}),
        ...(bound(draft.minEmployees) === undefined ? {} : { minEmployees: bound(draft.minEmployees) }),
        ...(bound(draft.maxEmployees) === undefined ? {} : { maxEmployees: bound(draft.maxEmployees) }),
      };
      return { kind: draft.kind, name: draft.name.trim(), ...team, match } as z.input<typeof RoutingRuleInput>;
    }
    case 'round_robin':
      return { kind: draft.kind, ...base, ...team } as z.input<typeof RoutingRuleInput>;
    case 'fallback_queue':
      return { kind: draft.kind, ...base, teamId: draft.teamId || null };
  }
}

export function RoutingRulesEditor({ editable }: { editable: boolean }) {
  const queryClient = useQueryClient();
  const rules = useQuery(routingRulesQuery);
  const teams = useQuery(teamsQuery);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  useEffect(() => {
    if (rules.data && drafts === null) setDrafts(rules.data.rules.map(toDraft));
  }, [rules.data, drafts]);
  const save = useMutation({
    mutationFn: (rows: readonly Draft[]) =>
      api.put<RoutingRuleList>('/handoff/routing-rules', { rules: rows.map(toInput) }),
    onSuccess: (result) => {
      queryClient.setQueryData(routingRulesQuery.queryKey, result);
      setDrafts(result.rules.map(toDraft));
    },
  });
  if (rules.isError) return <ErrorPanel error={rules.error} retry={() => void rules.refetch()} />;
  if (rules.isPending || drafts === null) return <Loading label="Loading routing rules…" />;

  const change = (index: number, patch: Partial<Draft>) =>
    setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const swap = (index: number, by: -1 | 1) => {
    const a = drafts[index];
    const b = drafts[index + by];
    if (!a || !b) return;
    const next = [...drafts];
    next[index] = b;
    next[index + by] = a;
    setDrafts(next);
  };
  const rowError = (index: number) => {
    const field = save.error instanceof ApiError ? save.error.field : undefined;
    const own = field === `rules.${index}` || field?.startsWith(`rules.${index}.`);
    return own && save.error ? save.error.message : null;
  };
  const dirty = JSON.stringify(drafts.map(toInput)) !== JSON.stringify(rules.data.rules.map(toDraft).map(toInput));
  const teamList = teams.data ?? [];

  return (
    <>
      <p className="muted">
        Rules are tried in order; the first that decides gives the lead its owner or queue. A territory or round-robin
        that matches decides the team even when nobody in it is free: the lead then waits in that team's queue.
      </p>
      {rules.data.defaultsApply && drafts.length === 0 ? (
        <p className="notice">
          No rules are saved, so the defaults apply: the account owner, then round-robin over all sales reps (managers
          join it when given a weight). A lead nobody can take waits in the organisation-wide queue.
        </p>
      ) : null}
      <ol className="routing-rules">
        {drafts.map((draft, index) => (
          <li key={draft.rowId} className="routing-rule">
            <div className="inline-form">
              {editable ? (
                <span className="col-order">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move rule ${index + 1} up`}
                    disabled={index === 0}
                    onClick={() => swap(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move rule ${index + 1} down`}
                    disabled={index === drafts.length - 1}
                    onClick={() => swap(index, 1)}
                  >
                    ↓
                  </button>
                </span>
              ) : null}
              <label className="inline-field">
                <span>Kind</span>
                <select
                  aria-label={`Kind of rule ${index + 1}`}
                  value={draft.kind}
                  disabled={!editable}
                  onChange={(e) => {
                    const kind = ROUTING_RULE_KINDS.find((k) => k === e.target.value) ?? 'territory';
                    change(index, { kind, name: kind === 'territory' ? '' : RULE_KIND_LABEL[kind] });
                  }}
                >
                  {ROUTING_RULE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {RULE_KIND_LABEL[k]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline-field">
                <span>Name</span>
                <input
                  aria-label={`Name of rule ${index + 1}`}
                  value={draft.name}
                  disabled={!editable}
                  placeholder={draft.kind === 'territory' ? 'e.g. DACH' : ''}
                  onChange={(e) => change(index, { name: e.target.value })}
                />
              </label>
              {draft.kind === 'account_owner' ? null : (
                <label className="inline-field">
                  <span>Team</span>
                  <select
                    aria-label={`Team of rule ${index + 1}`}
                    value={draft.teamId}
                    disabled={!editable}
                    onChange={(e) => change(index, { teamId: e.target.value })}
                  >
                    <option value="">{draft.kind === 'fallback_queue' ? 'Organisation-wide queue' : 'Choose…'}</option>
                    {teamList.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {editable ? (
                <button
                  type="button"
                  className="link-button link-danger"
                  onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              ) : null}
            </div>
            {draft.kind === 'territory' ? (
              <TerritoryFields draft={draft} index={index} editable={editable} change={change} />
            ) : null}
            {rowError(index) ? <div className="field-error">{rowError(index)}</div> : null}
          </li>
        ))}
      </ol>
      <FormError error={save.error} fields={drafts.map((_, i) => `rules.${i}`)} />
      {editable ? (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setDrafts([...drafts, blank('territory')])}>
            Add rule
          </button>
          <button
            type="button"
            className="button"
            disabled={!dirty || save.isPending}
            onClick={() => setDrafts(rules.data.rules.map(toDraft))}
          >
            Discard changes
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!dirty || save.isPending}
            onClick={() => save.mutate(drafts)}
          >
            {save.isPending ? 'Saving…' : 'Save rules'}
          </button>
          {save.isSuccess && !dirty ? <output className="notice">Saved.</output> : null}
        </div>
      ) : null}
    </>
  );
}

type TerritoryField = 'countries' | 'regions' | 'industries' | 'minEmployees' | 'maxEmployees';

const TERRITORY_FIELDS: readonly { field: TerritoryField; label: string; hint: string }[] = [
  { field: 'countries', label: 'Countries', hint: 'DE, AT, CH' },
  { field: 'regions', label: 'Regions', hint: 'EMEA' },
  { field: 'industries', label: 'Industries', hint: 'Software, Finance' },
  { field: 'minEmployees', label: 'Employees from', hint: '250' },
  { field: 'maxEmployees', label: 'Employees below', hint: '1000' },
];

interface TerritoryFieldsProps {
  readonly draft: Draft;
  readonly index: number;
  readonly editable: boolean;
  readonly change: (index: number, patch: Partial<Draft>) => void;
}

function TerritoryFields({ draft, index, editable, change }: TerritoryFieldsProps) {
  return (
    <div className="inline-form routing-match">
      {TERRITORY_FIELDS.map(({ field, label, hint }) => (
        <label key={field} className="inline-field">
          <span>{label}</span>
          <input
            aria-label={`${label} of rule ${index + 1}`}
            className={field.endsWith('Employees') ? 'input-number' : undefined}
            inputMode={field.endsWith('Employees') ? 'numeric' : undefined}
            value={draft[field]}
            placeholder={hint}
            disabled={!editable}
            onChange={(e) => change(index, { [field]: e.target.value })}
          />
        </label>
      ))}
      <span className="subtle">Lists: any value matches. Every filled field must match.</span>
    </div>
  );
}
