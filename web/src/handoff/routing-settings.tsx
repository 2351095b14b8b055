import { may, useSession } from '../platform/session.ts';
import { RoutingPreviewForm } from './routing-preview.tsx';
import { RoutingReps } from './routing-reps.tsx';
import { RoutingRulesEditor } from './routing-rules-editor.tsx';

/** The Routing settings tab: ordered rules, the reps' routing attributes, and a preview. */
export function RoutingSettings() {
  const session = useSession();
  const role = session.user.role;
  return (
    <>
      <h2>Rules</h2>
      <RoutingRulesEditor editable={may(role, 'PUT', '/handoff/routing-rules')} />
      <h2>Reps</h2>
      <p className="muted">
        Weight is a rep's share of their team's round-robin (0 takes them out of it). Capacity is the most open MQLs
        they may hold; out of office, they get no new leads until the day they are back.
      </p>
      <RoutingReps editable={may(role, 'PUT', '/handoff/routing-reps/:userId')} />
      <h2>Who would get this lead?</h2>
      <RoutingPreviewForm />
    </>
  );
}
