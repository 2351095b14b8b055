import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { RoutingPreview, RoutingPreviewInput } from '../../../src/handoff/routing.schema.ts';
import { api } from '../platform/api.ts';
import { teamsQuery } from '../platform/people.ts';
import { FieldError, FormError } from '../shell/ui.tsx';
import { RULE_KIND_LABEL } from './routing-queries.ts';

const FACTS = [
  { field: 'country', label: 'Country', hint: 'DE' },
  { field: 'region', label: 'Region', hint: 'EMEA' },
  { field: 'industry', label: 'Industry', hint: 'Software' },
  { field: 'employeeCount', label: 'Employees', hint: '250' },
  { field: 'email', label: 'E-mail or account domain', hint: 'jo@acme.example' },
] as const;

type Fact = (typeof FACTS)[number]['field'];

function toInput(facts: Readonly<Record<Fact, string>>): z.input<typeof RoutingPreviewInput> {
  const input: Record<string, string | number> = {};
  for (const { field } of FACTS) {
    const value = facts[field].trim();
    if (value === '') continue;
    if (field === 'employeeCount') input[field] = Number(value);
    // A bare domain finds the account directly; an address finds it by its domain.
    else if (field === 'email') input[value.includes('@') ? 'email' : 'domain'] = value;
    else input[field] = value;
  }
  return input;
}

/** "Who would get this lead?": routes imagined facts with the saved rules, writing nothing. */
export function RoutingPreviewForm() {
  const teams = useQuery(teamsQuery);
  const [facts, setFacts] = useState<Record<Fact, string>>({
    country: '',
    region: '',
    industry: '',
    employeeCount: '',
    email: '',
  });
  const preview = useMutation({
    mutationFn: () => api.post<RoutingPreview>('/handoff/routing/preview', toInput(facts)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    preview.mutate();
  };
  const teamName = (id: string | null) =>
    id === null ? 'the organisation-wide queue' : `team ${teams.data?.find((t) => t.id === id)?.name ?? '…'}`;
  const result = preview.data;
  return (
    <form className="form" onSubmit={submit} aria-label="Who would get this lead?">
      <div className="inline-form">
        {FACTS.map(({ field, label, hint }) => (
          <label key={field} className="inline-field">
            <span>{label}</span>
            <input
              value={facts[field]}
              placeholder={hint}
              inputMode={field === 'employeeCount' ? 'numeric' : undefined}
              onChange={(e) => setFacts({ ...facts, [field]: e.target.value })}
            />
            <FieldError error={preview.error} field={field === 'email' ? 'email' : field} />
          </label>
        ))}
        <button type="submit" className="button button-primary" disabled={preview.isPending}>
          {preview.isPending ? 'Asking…' : 'Who would get it?'}
        </button>
      </div>
      <FormError error={preview.error} fields={FACTS.map((f) => f.field)} />
      {result ? (
        <output className="routing-decision" aria-live="polite">
          <strong>
            {result.decision.userName
              ? `${result.decision.userName} (${teamName(result.decision.teamId)})`
              : `Nobody yet: it would wait in ${teamName(result.decision.teamId)}`}
          </strong>
          <div>
            Rule:{' '}
            {result.decision.ruleKind
              ? `${RULE_KIND_LABEL[result.decision.ruleKind]}${result.decision.ruleName ? ` '${result.decision.ruleName}'` : ''}`
              : 'none'}
            {result.defaultsApply ? <span className="subtle"> (defaults: no rules saved)</span> : null}
          </div>
          <div className="subtle">{result.decision.explanation}</div>
          {result.facts.accountName ? (
            <div className="subtle">
              Account {result.facts.accountName}: {result.facts.industry ?? 'no industry'},{' '}
              {result.facts.employeeCount ?? '?'} employees
            </div>
          ) : null}
        </output>
      ) : null}
    </form>
  );
}
