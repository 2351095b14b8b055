import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Team, User } from '../../../src/platform/platform.schema.ts';
import { api, type Items } from './api.ts';

export const usersQuery = queryOptions({
  queryKey: ['users'],
  queryFn: ({ signal }) => api.get<Items<User>>('/users', undefined, signal).then((r) => r.items),
  staleTime: 60_000,
});

export const teamsQuery = queryOptions({
  queryKey: ['teams'],
  queryFn: ({ signal }) => api.get<Items<Team>>('/teams', undefined, signal).then((r) => r.items),
  staleTime: 60_000,
});

/** Names by user id, for owner and actor columns; empty until the directory has loaded. */
export function useUserNames(): ReadonlyMap<string, string> {
  const { data } = useQuery(usersQuery);
  return useMemo(() => new Map((data ?? []).map((u) => [u.id, u.name])), [data]);
}

/** People who can own leads and deals, active ones only, sorted by name. */
export function assignable(users: readonly User[]): User[] {
  return users
    .filter((u) => u.active && (u.role === 'sales_rep' || u.role === 'sales_manager'))
    .sort((a, b) => a.name.localeCompare(b.name));
}
