import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { Team, User, UserCreate, UserUpdate } from '../../../src/platform/platform.schema.ts';
import { ROLES, type Role } from '../../../src/shared/actor.ts';
import { humanize } from '../shell/format.ts';
import { Empty, ErrorPanel, FieldError, FormError, Loading } from '../shell/ui.tsx';
import { api } from './api.ts';
import { InviteForm } from './invite-form.tsx';
import { teamsQuery, usersQuery } from './people.ts';
import { useSession } from './session.ts';

const toRole = (value: string): Role => ROLES.find((r) => r === value) ?? 'sales_rep';

export function UsersSettings() {
  const session = useSession();
  const users = useQuery(usersQuery);
  const teams = useQuery(teamsQuery);
  const [adding, setAdding] = useState(false);
  if (users.isPending) return <Loading label="Loading people…" />;
  if (users.isError) return <ErrorPanel error={users.error} retry={() => void users.refetch()} />;
  const sorted = [...users.data].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  return (
    <>
      <InviteForm teams={teams.data ?? []} timeZone={session.org.timeZone} />
      {adding ? (
        <NewUserForm teams={teams.data ?? []} />
      ) : (
        <p>
          <button type="button" className="link-button" onClick={() => setAdding(true)}>
            Add a person without an invitation…
          </button>
          <span className="subtle">
            {' '}
            (they cannot sign in until they have a password; an invitation lets them choose one)
          </span>
        </p>
      )}
      {sorted.length === 0 ? (
        <Empty>No people yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Role</th>
              <th>Team</th>
              <th>Active</th>
              <th>
                <span className="visually-hidden">Result</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((user) => (
              <UserRow key={user.id} user={user} teams={teams.data ?? []} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function UserRow({ user, teams }: { user: User; teams: readonly Team[] }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (patch: z.input<typeof UserUpdate>) => api.patch<User>(`/users/${user.id}`, patch),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const self = user.id === session.user.id;
  return (
    <tr className={user.active ? undefined : 'row-inactive'}>
      <td>
        {user.name}
        {self ? <span className="subtle"> (you)</span> : null}
      </td>
      <td className="col-email">{user.email}</td>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          onChange={(e) => update.mutate({ role: toRole(e.target.value) })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          aria-label={`Team of ${user.name}`}
          value={user.teamId ?? ''}
          onChange={(e) => update.mutate({ teamId: e.target.value || null })}
        >
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${user.name} is active`}
          checked={user.active}
          onChange={(e) => update.mutate({ active: e.target.checked })}
        />
      </td>
      <td>
        {update.isPending ? <span className="subtle">Saving…</span> : null}
        {update.isError ? <span className="row-error">{update.error.message}</span> : null}
      </td>
    </tr>
  );
}

function NewUserForm({ teams }: { teams: readonly Team[] }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('sales_rep');
  const [teamId, setTeamId] = useState('');
  const create = useMutation({
    mutationFn: () => {
      const input: z.input<typeof UserCreate> = { name, email: email.trim(), role, teamId: teamId || null };
      return api.post<User>('/users', input);
    },
    onSuccess: () => {
      setName('');
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a person">
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} />
        <FieldError error={create.error} field="name" />
      </label>
      <label className="field">
        <span>E-mail</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <FieldError error={create.error} field="email" />
      </label>
      <label className="field">
        <span>Role</span>
        <select value={role} onChange={(e) => setRole(toRole(e.target.value))}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
        <FieldError error={create.error} field="role" />
      </label>
      <label className="field">
        <span>Team</span>
        <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <FieldError error={create.error} field="teamId" />
      </label>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        Add person
      </button>
      <FormError error={create.error} fields={['name', 'email', 'role', 'teamId']} />
      {create.isSuccess ? <output className="notice">Added {create.data.name}.</output> : null}
    </form>
  );
}
