import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { MqlDefinition } from '../../../src/handoff/mql.schema.ts';
import { REQUIRED_FIELDS } from '../../../src/handoff/mql-definition.ts';
import { api } from '../platform/api.ts';
import { useUserNames } from '../platform/people.ts';
import { may, useSession } from '../platform/session.ts';
import { formatDateTime } from '../shell/format.ts';
import { ErrorPanel, FormError, Loading } from '../shell/ui.tsx';
import { MqlConditionsEditor } from './mql-conditions-editor.tsx';
import {
  type Draft,
  errorAt,
  fromDefinition,
  leadCustomFieldsQuery,
  mqlDefinitionQuery,
  toInput,
} from './mql-draft.ts';
import { MqlPreviewPanel } from './mql-preview-panel.tsx';
import { MqlRulesEditor } from './mql-rules-editor.tsx';

const FIELD_LABEL: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'E-mail',
  phone: 'Phone',
  title: 'Title',
  companyName: 'Company',
  country: 'Country',
  accountId: 'Account',
};

/** The "MQL definition" settings tab: edit, preview against last month's leads, save a version. */
export function MqlSettings() {
  const session = useSession();
  const queryClient = useQueryClient();
  const definition = useQuery(mqlDefinitionQuery);
  const customFields = useQuery(leadCustomFieldsQuery);
  const names = useUserNames();
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (definition.data && draft === null) setDraft(fromDefinition(definition.data));
  }, [definition.data, draft]);
  const canEdit = may(session.user.role, 'PUT', '/handoff/mql-definition');
  const save = useMutation({
    mutationFn: (next: Draft) => api.put<MqlDefinition>('/handoff/mql-definition', toInput(next)),
    onSuccess: (saved) => {
      queryClient.setQueryData(mqlDefinitionQuery.queryKey, saved);
      setDraft(fromDefinition(saved));
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
  if (definition.isError) return <ErrorPanel error={definition.error} retry={() => void definition.refetch()} />;
  if (definition.isPending || draft === null) return <Loading label="Loading the MQL definition…" />;

  const current = definition.data;
  const customKeys = (customFields.data ?? []).map((f) => f.key);
  const requiredOptions = [...REQUIRED_FIELDS, ...customKeys.map((k) => `custom.${k}` as const)];
  const dirty = JSON.stringify(toInput(draft)) !== JSON.stringify(toInput(fromDefinition(current)));
  const change = (patch: Partial<Draft>) => {
    save.reset();
    setDraft({ ...draft, ...patch });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const author = current.createdBy ? (names.get(current.createdBy) ?? 'someone') : 'Baton (the default)';

  return (
    <div className="mql-settings">
      <form className="mql-form" onSubmit={submit} aria-label="MQL definition">
        <p className="muted">
          Version {current.version}, saved {formatDateTime(current.createdAt, session.org.timeZone)} by {author}. A lead
          in inquiry or recycled becomes an MQL on its next capture or update when its score reaches the threshold,
          every required field is filled and it passes every condition.
          {canEdit
            ? ` Saving creates version ${current.version + 1}; leads that already qualified keep the version they qualified under.`
            : ''}
        </p>
        <fieldset className="mql-fieldset" disabled={!canEdit}>
          <legend>Score</legend>
          <div className="form-grid">
            <label className="field">
              <span>Threshold (points)</span>
              <input
                className="input-number"
                type="number"
                value={draft.scoreThreshold}
                onChange={(e) => change({ scoreThreshold: e.target.value })}
              />
              {errorAt(save.error, 'scoreThreshold') ? (
                <div className="field-error">{errorAt(save.error, 'scoreThreshold')}</div>
              ) : null}
            </label>
            <label className="field">
              <span>Touch points halve every (days)</span>
              <input
                className="input-number"
                type="number"
                min={1}
                value={draft.scoreHalfLifeDays}
                onChange={(e) => change({ scoreHalfLifeDays: e.target.value })}
              />
              {errorAt(save.error, 'scoreHalfLifeDays') ? (
                <div className="field-error">{errorAt(save.error, 'scoreHalfLifeDays')}</div>
              ) : null}
            </label>
          </div>
        </fieldset>
        <fieldset className="mql-fieldset" disabled={!canEdit}>
          <legend>Required fields</legend>
          <div className="mql-checks">
            {requiredOptions.map((field) => (
              <label key={field} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.requiredFields.includes(field)}
                  onChange={(e) =>
                    change({
                      requiredFields: e.target.checked
                        ? [...draft.requiredFields, field]
                        : draft.requiredFields.filter((f) => f !== field),
                    })
                  }
                />
                {FIELD_LABEL[field] ?? field}
              </label>
            ))}
          </div>
          {errorAt(save.error, 'requiredFields') ? (
            <div className="field-error">{errorAt(save.error, 'requiredFields')}</div>
          ) : null}
        </fieldset>
        <fieldset className="mql-fieldset" disabled={!canEdit}>
          <legend>Conditions</legend>
          <MqlConditionsEditor
            rows={draft.conditions}
            customKeys={customKeys}
            error={save.error}
            editable={canEdit}
            onChange={(conditions) => change({ conditions })}
          />
        </fieldset>
        <fieldset className="mql-fieldset" disabled={!canEdit}>
          <legend>Scoring rules</legend>
          <MqlRulesEditor
            rows={draft.scoringRules}
            customKeys={customKeys}
            error={save.error}
            editable={canEdit}
            onChange={(scoringRules) => change({ scoringRules })}
          />
        </fieldset>
        {canEdit ? (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={!dirty || save.isPending}>
              {save.isPending ? 'Saving…' : `Save as version ${current.version + 1}`}
            </button>
            <button
              type="button"
              className="button"
              disabled={!dirty || save.isPending}
              onClick={() => {
                save.reset();
                setDraft(fromDefinition(current));
              }}
            >
              Discard changes
            </button>
            {save.isSuccess && !dirty ? (
              <span className="muted" role="status">
                Saved as version {save.data.version}.
              </span>
            ) : null}
          </div>
        ) : (
          <p className="muted">Admins, marketing and sales managers change the definition; you can read it.</p>
        )}
        <FormError
          error={save.error}
          fields={['scoreThreshold', 'scoreHalfLifeDays', 'requiredFields', 'conditions', 'scoringRules']}
        />
      </form>
      {canEdit ? <MqlPreviewPanel draft={draft} /> : null}
    </div>
  );
}
