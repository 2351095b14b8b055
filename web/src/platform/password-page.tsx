import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FieldError, FormError, PageHeader } from '../shell/ui.tsx';
import { ApiError } from './api.ts';
import { changePassword, useSession } from './session.ts';

export function PasswordPage() {
  const session = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const mutation = useMutation({
    mutationFn: async () => {
      if (newPassword !== repeat)
        throw new ApiError(400, 'validation_failed', 'the two new passwords differ', 'repeat');
      await changePassword(currentPassword, newPassword);
    },
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setRepeat('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <section className="page page-narrow">
      <PageHeader title="Change password" />
      <p className="muted">
        Signed in as {session.user.name} ({session.user.email}).
      </p>
      <form className="form" onSubmit={submit} noValidate>
        {/* Password managers file the new password under this account. */}
        <input type="email" autoComplete="username" value={session.user.email} readOnly hidden />
        <label className="field">
          <span>Current password</span>
          <input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <FieldError error={mutation.error} field="currentPassword" />
        </label>
        <label className="field">
          <span>New password</span>
          <input
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
          />
          <FieldError error={mutation.error} field="newPassword" />
        </label>
        <label className="field">
          <span>New password again</span>
          <input
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          <FieldError error={mutation.error} field="repeat" />
        </label>
        <FormError error={mutation.error} fields={['currentPassword', 'newPassword', 'repeat']} />
        {mutation.isSuccess ? <output className="notice">Your password is changed.</output> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
