import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Deal, DealTransitionInput } from '../../../src/lifecycle/lifecycle.schema.ts';
import { api } from '../platform/api.ts';

export type DealMove = z.input<typeof DealTransitionInput> & { readonly dealId: string };

// Moves show on the board at once and are undone if Baton refuses them; the board then
// reloads so it matches what Baton recorded.
export function useDealMove(boardKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dealId, ...input }: DealMove) => api.post<{ deal: Deal }>(`/deals/${dealId}/transitions`, input),
    onMutate: async ({ dealId, to }) => {
      await queryClient.cancelQueries({ queryKey: boardKey });
      const before = queryClient.getQueryData<Deal[]>(boardKey);
      queryClient.setQueryData<Deal[]>(boardKey, (deals) =>
        deals?.map((d) => (d.id === dealId ? { ...d, stage: to } : d)),
      );
      return { before };
    },
    onError: (_error, _move, context) => {
      if (context?.before) queryClient.setQueryData(boardKey, context.before);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}
