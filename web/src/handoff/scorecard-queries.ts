import { queryOptions } from '@tanstack/react-query';
import type { Scorecard } from '../../../src/handoff/scorecard.schema.ts';
import { api } from '../platform/api.ts';

export const scorecardQuery = (month: string | undefined) =>
  queryOptions({
    queryKey: ['handoff', 'scorecard', month ?? 'current'],
    queryFn: ({ signal }) => api.get<Scorecard>('/handoff/scorecard', { month }, signal),
  });
