import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { InvitationCreate, InvitationCreated } from '../../../src/platform/identity.schema.ts';
import type { Team } from '../../../src/platform/platform.schema.ts';
import { ROLES, type Role } from '../../../src/shared/actor.ts';
import { formatDateTime, humanize } from '../shell/format.ts';
import { FieldError, FormError } from '../shell/ui.tsx';
import { api } from './api.ts';

const toRole = (value: string): Role => ROLES.find((r) => r === value) ?? 'sales_rep';

/** An invitation is a link the admin sends; the invitee sets their own name and password. */
export function InviteForm({ teams, timeZone }: { teams: readonly Team[]; timeZone: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('sales_rep');
  const [teamId, setTeamId] = useState('');
  const invite = useMutation({
    mutationFn: () => {
      const input: z.input<typeof InvitationCreate> = { email: email.trim(), role, teamId: teamId || null };
      return api.post<InvitationCreated>('/invitations', input);
    },
    onSuccess: () => setEmail(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Invite a person">
      <label className="field field-grow">
        <span>Invite by e-mail address</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <FieldError error={invite.error} field="email" />
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
        <FieldError error={invite.error} field="teamId" />
      </label>
      <button type="submit" className="button button-primary" disabled={!email.trim() || invite.isPending}>
        Create invitation link
      </button>
      <FormError error={invite.error} fields={['email', 'teamId']} />
      {invite.data ? (
        <div className="secret field-span">
          <span>
            Send this link (valid until {formatDateTime(invite.data.expiresAt, timeZone)}); it is shown only now:
          </span>
          <code>{new URL(invite.data.url, window.location.origin).href}</code>
        </div>
      ) : null}
    </form>
  );
}
