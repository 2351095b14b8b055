import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { LeadUpdate } from '../../../src/lifecycle/lifecycle.schema.ts';
import { api, errorMessage } from '../platform/api.ts';
import { assignable, usersQuery } from '../platform/people.ts';

export interface ReassignResult {
  readonly reassigned: readonly string[];
  readonly failed: ReadonlyMap<string, string>;
}

const PARALLEL = 4;

// One PATCH per lead, a few at a time; every lead's outcome is reported, so a failure on
// one row (a lead another person just moved, a permission) does not hide the others.
export async function reassignLeads(ids: readonly string[], ownerId: string | null): Promise<ReassignResult> {
  const reassigned: string[] = [];
  const failed = new Map<string, string>();
  const body: z.input<typeof LeadUpdate> = { ownerId };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      if (id === undefined) return;
      try {
        await api.patch(`/leads/${id}`, body);
        reassigned.push(id);
      } catch (error) {
        failed.set(id, errorMessage(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return { reassigned, failed };
}

interface BulkProps {
  readonly selected: readonly string[];
  readonly onDone: (result: ReassignResult) => void;
  readonly onClear: () => void;
}

export function BulkReassign({ selected, onDone, onClear }: BulkProps) {
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const [owner, setOwner] = useState('');
  const mutation = useMutation({
    mutationFn: () => reassignLeads(selected, owner === 'none' ? null : owner),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
      onDone(result);
    },
  });
  const last = mutation.data;
  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <strong>{selected.length} selected</strong>
      <label className="inline-field">
        <span>Reassign to</span>
        <select aria-label="New owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">Choose…</option>
          <option value="none">Nobody (unassigned)</option>
          {assignable(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button-primary"
        disabled={!owner || selected.length === 0 || mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {mutation.isPending ? 'Reassigning…' : 'Reassign'}
      </button>
      <button type="button" className="link-button" onClick={onClear}>
        Clear selection
      </button>
      {last ? (
        <output className={last.failed.size > 0 ? 'bulk-result bulk-result-error' : 'bulk-result'}>
          {last.reassigned.length} reassigned
          {last.failed.size > 0 ? `, ${last.failed.size} failed (see the rows below)` : ''}
        </output>
      ) : null}
    </section>
  );
}
