import { queryOptions } from '@tanstack/react-query';
import type { Deal, Lead } from '../../../src/lifecycle/lifecycle.schema.ts';
import type { Timeline } from '../../../src/lifecycle/timeline.ts';
import { api, type Page } from '../platform/api.ts';

export const leadQuery = (id: string) =>
  queryOptions({
    queryKey: ['leads', 'one', id],
    queryFn: ({ signal }) => api.get<Lead>(`/leads/${id}`, undefined, signal),
  });

export const timelineQuery = (id: string) =>
  queryOptions({
    queryKey: ['leads', 'timeline', id],
    queryFn: ({ signal }) => api.get<Timeline>(`/leads/${id}/timeline`, undefined, signal),
  });

export const leadDealsQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'of-lead', id],
    queryFn: ({ signal }) =>
      api.get<Page<Deal>>('/deals', { leadId: id, limit: 50 }, signal).then((page) => page.items),
  });
