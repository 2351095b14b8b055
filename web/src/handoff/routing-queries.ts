import { queryOptions } from '@tanstack/react-query';
import type { AssignmentList, RoutingRepList, RoutingRuleList } from '../../../src/handoff/routing.schema.ts';
import { api } from '../platform/api.ts';

export const routingRulesQuery = queryOptions({
  queryKey: ['routing', 'rules'],
  queryFn: ({ signal }) => api.get<RoutingRuleList>('/handoff/routing-rules', undefined, signal),
});

export const routingRepsQuery = queryOptions({
  queryKey: ['routing', 'reps'],
  queryFn: ({ signal }) => api.get<RoutingRepList>('/handoff/routing-reps', undefined, signal).then((r) => r.items),
});

/** The lead page shows the latest decision; a few more give its history at a glance. */
export const LEAD_ASSIGNMENTS_SHOWN = 5;

export const leadAssignmentsQuery = (leadId: string) =>
  queryOptions({
    queryKey: ['leads', 'assignments', leadId],
    queryFn: ({ signal }) =>
      api.get<AssignmentList>(`/leads/${leadId}/assignments`, { limit: LEAD_ASSIGNMENTS_SHOWN }, signal),
  });

export const RULE_KIND_LABEL = {
  account_owner: 'Account owner',
  territory: 'Territory',
  round_robin: 'Round-robin',
  fallback_queue: 'Fallback queue',
} as const;
