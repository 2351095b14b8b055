import { queryOptions } from '@tanstack/react-query';
import type { MyQueue, QueueScope, TeamQueue } from '../../../src/handoff/queue.schema.ts';
import { api } from '../platform/api.ts';

// The queue is refetched every minute so leads routed meanwhile appear; the countdowns
// tick in between from the answer's own clock (queue-countdown.tsx).
export const QUEUE_REFRESH_MS = 60_000;

export const myQueueQuery = queryOptions({
  queryKey: ['queue', 'mine'] as const,
  queryFn: ({ signal }) => api.get<MyQueue>('/queue', { scope: 'mine' satisfies QueueScope }, signal),
  refetchInterval: QUEUE_REFRESH_MS,
});

export const teamQueueQuery = queryOptions({
  queryKey: ['queue', 'team'] as const,
  queryFn: ({ signal }) => api.get<TeamQueue>('/queue', { scope: 'team' satisfies QueueScope }, signal),
  refetchInterval: QUEUE_REFRESH_MS,
});
