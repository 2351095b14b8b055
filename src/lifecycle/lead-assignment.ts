import { assignmentRefusal } from '../platform/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { TeamId, UserId } from '../shared/ids.ts';

export interface AssignmentInput {
  readonly ownerId?: UserId | null | undefined;
  readonly teamId?: TeamId | null | undefined;
}

/** Refuses an owner or team a rep may not set (see permissions.ts) with 403 naming it. */
export function assertMayAssign(actor: Actor, input: AssignmentInput): void {
  const field = assignmentRefusal(actor, input);
  if (field) {
    throw new AppError(
      'forbidden',
      `${field}: a sales rep may take a lead or deal or hand it back to the queue; assigning it elsewhere is for a manager`,
      field,
    );
  }
}

// A lead created without an owner or team lands where its creator can still see it: a
// rep's own lead, or a manager's team queue. Other roles leave it unassigned for routing.
export function withDefaultAssignment<T extends AssignmentInput>(actor: Actor, input: T): T {
  if (input.ownerId !== undefined || input.teamId !== undefined) return input;
  if (actor.role === 'sales_rep') return { ...input, ownerId: actor.userId };
  if (actor.role === 'sales_manager' && actor.teamId) return { ...input, teamId: actor.teamId };
  return input;
}

// The queue a lead sits in: an explicit teamId wins; otherwise assigning an owner moves the
// lead to the owner's team, so handing it back later (owner = null) returns it to that
// team's queue. Without either, the lead stays where it is.
export function queueTeamOf(input: AssignmentInput, ownerTeamId: TeamId | null, current: TeamId | null): TeamId | null {
  if (input.teamId !== undefined) return input.teamId;
  if (input.ownerId && ownerTeamId) return ownerTeamId;
  return current;
}
