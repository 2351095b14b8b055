import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Lead, LeadTransitionInput } from '../../../src/lifecycle/lifecycle.schema.ts';
import { api } from '../platform/api.ts';

interface TransitionResult {
  readonly lead: Lead;
}

export function useLeadTransition(lead: Pick<Lead, 'id'>, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof LeadTransitionInput>) =>
      api.post<TransitionResult>(`/leads/${lead.id}/transitions`, input),
    onSuccess: (result) => {
      queryClient.setQueryData(['leads', 'one', lead.id], result.lead);
      void queryClient.invalidateQueries({ queryKey: ['leads', 'timeline', lead.id] });
      void queryClient.invalidateQueries({ queryKey: ['leads', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
      onDone?.();
    },
  });
}
