import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { CHANNELS } from '../../../src/capture/constants.ts';
import type { Lead, LeadUpdate } from '../../../src/lifecycle/lifecycle.schema.ts';
import { campaignsQuery } from '../capture/campaigns.ts';
import { MqlScore } from '../handoff/mql-score.tsx';
import { api } from '../platform/api.ts';
import { assignable, usersQuery } from '../platform/people.ts';
import { abilities, useSession } from '../platform/session.ts';
import { formatDateTime, humanize } from '../shell/format.ts';
import { FieldError } from '../shell/ui.tsx';

type TextField = 'firstName' | 'lastName' | 'title' | 'email' | 'phone' | 'companyName';

const TEXT_FIELDS: readonly { field: TextField; label: string; type?: string }[] = [
  { field: 'firstName', label: 'First name' },
  { field: 'lastName', label: 'Last name' },
  { field: 'title', label: 'Title' },
  { field: 'companyName', label: 'Company' },
  { field: 'email', label: 'E-mail', type: 'email' },
  { field: 'phone', label: 'Phone', type: 'tel' },
];

function useLeadUpdate(lead: Lead) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: z.input<typeof LeadUpdate>) => api.patch<Lead>(`/leads/${lead.id}`, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(['leads', 'one', lead.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['leads', 'list'] });
    },
  });
}

export function LeadProfile({ lead }: { lead: Lead }) {
  const session = useSession();
  const users = useQuery(usersQuery);
  const campaigns = useQuery(campaignsQuery);
  const update = useLeadUpdate(lead);
  const role = session.user.role;
  const canEdit = abilities.editLeads(role);
  // A rep may take a lead or hand it back to the queue; managers and admins give it to anyone.
  const owners = abilities.reassign(role)
    ? assignable(users.data ?? [])
    : (users.data ?? []).filter((u) => u.id === session.user.id || u.id === lead.ownerId);
  const ownerName = lead.ownerId ? (users.data?.find((u) => u.id === lead.ownerId)?.name ?? '…') : 'Unassigned';
  const campaign = lead.firstCampaignId ? campaigns.data?.find((c) => c.id === lead.firstCampaignId) : undefined;
  return (
    <dl className="profile">
      {TEXT_FIELDS.map(({ field, label, type }) => (
        <InlineText
          key={field}
          label={label}
          type={type}
          value={lead[field]}
          saving={update.isPending && update.variables && field in update.variables}
          error={update.variables && field in update.variables ? update.error : null}
          field={field}
          editable={canEdit}
          onSave={(value) => update.mutate({ [field]: value })}
        />
      ))}
      <Row label="Owner">
        {canEdit ? (
          <select
            aria-label="Owner"
            value={lead.ownerId ?? ''}
            onChange={(e) => update.mutate({ ownerId: e.target.value || null })}
          >
            <option value="">Unassigned</option>
            {owners.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        ) : (
          ownerName
        )}
        <FieldError error={update.error} field="ownerId" />
      </Row>
      <Row label="Source">
        {canEdit ? (
          <select
            aria-label="Source"
            value={lead.sourceChannel ?? ''}
            onChange={(e) => update.mutate({ sourceChannel: e.target.value || null })}
          >
            <option value="">None</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        ) : lead.sourceChannel ? (
          humanize(lead.sourceChannel)
        ) : (
          '—'
        )}
        <FieldError error={update.error} field="sourceChannel" />
      </Row>
      <Row label="First campaign">{campaign?.name ?? (lead.firstCampaignId ? '…' : '—')}</Row>
      <Row label="Score">
        <MqlScore lead={lead} />
      </Row>
      <Row label="Created">{formatDateTime(lead.createdAt, session.org.timeZone)}</Row>
      <Row label="In stage since">{formatDateTime(lead.stageChangedAt, session.org.timeZone)}</Row>
    </dl>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="profile-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface InlineTextProps {
  readonly label: string;
  readonly field: string;
  readonly type?: string | undefined;
  readonly value: string | null;
  readonly saving: boolean | undefined;
  readonly editable: boolean;
  readonly error: unknown;
  readonly onSave: (value: string | null) => void;
}

// A value shown as text until clicked (or focused and Enter pressed); Enter or leaving the
// field saves, Escape cancels. Only a changed value is sent.
function InlineText({ label, field, type, value, saving, error, editable, onSave }: InlineTextProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const next = draft.trim() === '' ? null : draft.trim();
    setDraft(null);
    if (next !== value) onSave(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
    }
  };
  if (!editable) return <Row label={label}>{value ?? <span className="subtle">—</span>}</Row>;
  return (
    <Row label={label}>
      {draft === null ? (
        <button
          type="button"
          className="inline-value"
          aria-label={`Edit ${label}`}
          onClick={() => setDraft(value ?? '')}
        >
          {value ?? <span className="subtle">—</span>}
          {saving ? <span className="subtle"> saving…</span> : null}
        </button>
      ) : (
        <input
          type={type ?? 'text'}
          aria-label={label}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
          // biome-ignore lint/a11y/noAutofocus: the input replaces the value the person just chose to edit.
          autoFocus
        />
      )}
      <FieldError error={error} field={field} />
    </Row>
  );
}
