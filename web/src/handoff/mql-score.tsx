import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Lead } from '../../../src/lifecycle/lifecycle.schema.ts';
import { errorMessage } from '../platform/api.ts';
import { leadScoreQuery } from './mql-draft.ts';

/** A lead's score, with the rules behind it and what keeps it from being an MQL, on demand. */
export function MqlScore({ lead }: { lead: Lead }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {lead.score} <span className="muted">why?</span>
      </summary>
      {open ? <Explanation lead={lead} /> : null}
    </details>
  );
}

function Explanation({ lead }: { lead: Lead }) {
  const score = useQuery(leadScoreQuery(lead.id, lead.updatedAt));
  if (score.isPending) return <p className="muted">Loading…</p>;
  if (score.isError) return <p className="field-error">{errorMessage(score.error)}</p>;
  const view = score.data;
  return (
    <div>
      <p className="muted">
        Now {view.score} under MQL definition v{view.definitionVersion}.
        {view.score !== view.storedScore
          ? ` The lead holds ${view.storedScore}, written at its last capture or update (touch points fade with age).`
          : ''}
        {view.countTouchesFrom ? ' Only touches since the lead was recycled count.' : ''}
      </p>
      {view.lines.length === 0 ? (
        <p className="muted">No scoring rule applies yet.</p>
      ) : (
        <ul className="score-lines">
          {view.lines.map((line) => (
            <li key={line.rule}>
              <span className="score-points">{line.points > 0 ? `+${line.points}` : line.points}</span>
              <span>{line.description}</span>
            </li>
          ))}
        </ul>
      )}
      {view.qualifies ? (
        <p>Meets the MQL definition.</p>
      ) : (
        <>
          <p className="muted">Does not meet the MQL definition:</p>
          <ul className="score-lines">
            {view.failed.map((f) => (
              <li key={f.condition}>
                <span className="score-points">✗</span>
                <span>
                  {f.label}: {f.why}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
