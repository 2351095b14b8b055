import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FieldError, FormError } from '../shell/ui.tsx';
import { ApiError } from './api.ts';
import { signIn } from './session.ts';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [org, setOrg] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      signIn(queryClient, { email: email.trim(), password, ...(org.trim() ? { org: org.trim() } : {}) }),
    onSuccess: () => {
      // Only a path inside the app is followed, never another site.
      const target = redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : '/leads';
      void navigate({ to: target });
    },
  });
  // The organisation is asked for only when the e-mail address belongs to several.
  const needsOrg = org !== '' || (mutation.error instanceof ApiError && mutation.error.field === 'org');
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
        <h1>Sign in</h1>
        <label className="field">
          <span>E-mail</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the page exists to take these two fields.
            autoFocus
          />
          <FieldError error={mutation.error} field="email" />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <FieldError error={mutation.error} field="password" />
        </label>
        {needsOrg ? (
          <label className="field">
            <span>Organisation</span>
            <input name="org" placeholder="e.g. acme" value={org} onChange={(e) => setOrg(e.target.value)} />
            <FieldError error={mutation.error} field="org" />
          </label>
        ) : null}
        <FormError error={mutation.error} fields={['email', 'password', 'org']} />
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
