import type { Actor } from '../shared/actor.ts';
import type { TeamId, UserId } from '../shared/ids.ts';

// Which leads and deals an actor may see, as data; the lead and deal stores turn it into a
// WHERE clause (leads.store.ts, deals.store.ts), so a row outside it answers 404 exactly
// like another organisation's.
//
// - admin and marketing: every lead and deal of the organisation.
// - sales_manager: their own, those owned by members of their team (users.team_id), and
//   leads in their team's queue (leads.team_id). A manager without a team sees their own.
// - sales_rep: their own, plus unowned leads in their team's queue.
export type Visibility =
  | { readonly kind: 'all' }
  | { readonly kind: 'team'; readonly userId: UserId; readonly teamId: TeamId }
  | { readonly kind: 'own'; readonly userId: UserId; readonly teamId: TeamId | null };

export const SEES_ALL: Visibility = { kind: 'all' };

export function visibility(actor: Actor): Visibility {
  switch (actor.role) {
    case 'admin':
    case 'marketing':
      return SEES_ALL;
    case 'sales_manager':
      return actor.teamId
        ? { kind: 'team', userId: actor.userId, teamId: actor.teamId }
        : { kind: 'own', userId: actor.userId, teamId: null };
    case 'sales_rep':
      return { kind: 'own', userId: actor.userId, teamId: actor.teamId };
  }
}
