import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { ActivityCreate } from '../../../src/activities/activities.schema.ts';
import { api } from '../platform/api.ts';
import { FieldError, FormError, Kbd } from '../shell/ui.tsx';

export function QuickNote({ leadId }: { leadId: string }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const mutation = useMutation({
    mutationFn: (text: string) => {
      const input: z.input<typeof ActivityCreate> = { type: 'note', leadId, body: text, origin: 'manual' };
      return api.post<unknown>('/activities', input);
    },
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['leads', 'timeline', leadId] });
    },
  });
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (body.trim()) mutation.mutate(body.trim());
  };
  return (
    <form className="quick-note" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="quick-note">
        Quick note
      </label>
      <textarea
        id="quick-note"
        rows={2}
        placeholder="Add a note: what happened, what is next…"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      <FieldError error={mutation.error} field="body" />
      <FormError error={mutation.error} fields={['body']} />
      <div className="quick-note-actions">
        <span className="subtle">
          <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd>
        </span>
        <button type="submit" className="button" disabled={!body.trim() || mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
