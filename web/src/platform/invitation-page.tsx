import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FieldError, FormError } from '../shell/ui.tsx';
import { acceptInvitation } from './session.ts';

const route = getRouteApi('/invite/$token');

/** Where an invitation link lands: the invitee picks a name and password and is signed in. */
export function InvitationPage() {
  const { token } = route.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => acceptInvitation(queryClient, { token, name: name.trim(), password }),
    onSuccess: () => void navigate({ to: '/leads' }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Baton
        </div>
        <h1>Join your team on Baton</h1>
        <label className="field">
          <span>Your name</span>
          <input
            name="name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the page exists to take these two fields.
            autoFocus
          />
          <FieldError error={mutation.error} field="name" />
        </label>
        <label className="field">
          <span>Choose a password</span>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FieldError error={mutation.error} field="password" />
        </label>
        <FormError error={mutation.error} fields={['name', 'password']} />
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Joining…' : 'Join'}
        </button>
      </form>
    </main>
  );
}
