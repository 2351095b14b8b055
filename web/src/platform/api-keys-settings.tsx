import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { ApiKey, ApiKeyCreate, ApiKeyCreated } from '../../../src/platform/platform.schema.ts';
import { ROLES } from '../../../src/shared/actor.ts';
import { formatDateTime, humanize } from '../shell/format.ts';
import { Dialog, Empty, ErrorPanel, FieldError, FormError, Loading } from '../shell/ui.tsx';
import { api, type Items } from './api.ts';
import { usersQuery } from './people.ts';
import { useSession } from './session.ts';

const apiKeysQuery = {
  queryKey: ['api-keys'],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<Items<ApiKey>>('/api-keys', undefined, signal).then((r) => r.items),
};

export function ApiKeysSettings() {
  const session = useSession();
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<ApiKey>(`/api-keys/${id}/revoke`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const tz = session.org.timeZone;
  return (
    <>
      <NewKeyForm onCreated={setCreated} />
      {created ? <SecretDialog apiKey={created} onClose={() => setCreated(null)} /> : null}
      <FormError error={revoke.error} />
      {keys.isPending ? <Loading label="Loading API keys…" /> : null}
      {keys.isError ? <ErrorPanel error={keys.error} retry={() => void keys.refetch()} /> : null}
      {keys.data?.length === 0 ? <Empty>No API keys yet.</Empty> : null}
      {keys.data && keys.data.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Acts as</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id} className={key.revokedAt ? 'row-inactive' : undefined}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>
                  {key.user.name}
                  {key.user.machine ? <span className="subtle"> (machine)</span> : null}
                </td>
                <td className="col-date">{formatDateTime(key.createdAt, tz)}</td>
                <td className="col-date">{key.lastUsedAt ? formatDateTime(key.lastUsedAt, tz) : 'never'}</td>
                <td>
                  {key.revokedAt ? (
                    `revoked ${formatDateTime(key.revokedAt, tz)}`
                  ) : (
                    <button
                      type="button"
                      className="link-button link-danger"
                      disabled={revoke.isPending}
                      onClick={() => {
                        if (window.confirm(`Revoke “${key.name}”? Programs using it stop working at once.`)) {
                          revoke.mutate(key.id);
                        }
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function NewKeyForm({ onCreated }: { onCreated: (key: ApiKeyCreated) => void }) {
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const [name, setName] = useState('');
  // `role:<role>` makes a machine user of that role; a user id makes the key act as that person.
  const [actsAs, setActsAs] = useState('role:marketing');
  const create = useMutation({
    mutationFn: () => {
      const input: z.input<typeof ApiKeyCreate> = actsAs.startsWith('role:')
        ? { name, role: ROLES.find((r) => `role:${r}` === actsAs) ?? 'marketing' }
        : { name, userId: actsAs };
      return api.post<ApiKeyCreated>('/api-keys', input);
    },
    onSuccess: (key) => {
      setName('');
      onCreated(key);
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create an API key">
      <label className="field">
        <span>Name</span>
        <input value={name} placeholder="e.g. website form sync" onChange={(e) => setName(e.target.value)} />
        <FieldError error={create.error} field="name" />
      </label>
      <label className="field">
        <span>Acts as</span>
        <select value={actsAs} onChange={(e) => setActsAs(e.target.value)}>
          <optgroup label="A machine user with the role">
            {ROLES.map((r) => (
              <option key={r} value={`role:${r}`}>
                {humanize(r)}
              </option>
            ))}
          </optgroup>
          <optgroup label="A person">
            {(users.data ?? [])
              .filter((u) => u.active)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </optgroup>
        </select>
        <FieldError error={create.error} field="userId" />
        <FieldError error={create.error} field="role" />
      </label>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        Create key
      </button>
      <FormError error={create.error} fields={['name', 'userId', 'role']} />
    </form>
  );
}

function SecretDialog({ apiKey, onClose }: { apiKey: ApiKeyCreated; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title={`API key “${apiKey.name}”`} onClose={onClose}>
      <p>Copy the key now. Baton keeps only its hash and will never show it again.</p>
      <div className="secret">
        <code data-testid="api-key-secret">{apiKey.secret}</code>
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard.writeText(apiKey.secret).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="subtle">Send it as “Authorization: Bearer &lt;key&gt;”.</p>
    </Dialog>
  );
}
