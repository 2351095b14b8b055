import { queryOptions } from '@tanstack/react-query';
import type { Campaign } from '../../../src/capture/capture.schema.ts';
import { getAll } from '../platform/api.ts';

export const campaignsQuery = queryOptions({
  queryKey: ['campaigns', 'all'],
  queryFn: ({ signal }) => getAll<Campaign>('/campaigns', { sort: 'name', order: 'asc' }, signal),
  staleTime: 5 * 60_000,
});
