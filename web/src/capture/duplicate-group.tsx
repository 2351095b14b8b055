import { useMutation, useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { DuplicateGroup, DuplicateReason } from '../../../src/capture/ingest.schema.ts';
import type { LeadMerge } from '../../../src/capture/merges.schema.ts';
import type { Lead } from '../../../src/lifecycle/lifecycle.schema.ts';
import { leadQuery } from '../leads/lead-queries.ts';
import { stageLabel } from '../lifecycle/stages.ts';
import { api } from '../platform/api.ts';
import { formatDate, personName } from '../shell/format.ts';
import { FormError } from '../shell/ui.tsx';

export const REASON_LABEL: { readonly [R in DuplicateReason]: string } = {
  email: 'Same e-mail',
  phone: 'Same phone',
  name_company: 'Same name and company',
};

/** What one Merge click did: the merges in the order they ran, to be undone in reverse. */
export interface MergeAction {
  readonly survivorName: string;
  readonly mergedNames: readonly string[];
  readonly merges: readonly LeadMerge[];
}

// A group of leads that look like one person. The oldest is kept by default; merging moves
// every touchpoint, activity and deal of the others to the one kept, one merge per lead.
export function DuplicateGroupCard(props: {
  group: DuplicateGroup;
  timeZone: string;
  onMerged: (action: MergeAction) => void;
}) {
  const { group } = props;
  const [merged, setMerged] = useState(false);
  // Once merged, the other leads are hidden (GET answers 404), so they are not asked for again.
  const leads = useQueries({ queries: group.leadIds.map((id) => ({ ...leadQuery(id), enabled: !merged })) });
  const [survivor, setSurvivor] = useState(group.leadIds[0] ?? '');
  const byId = new Map<string, Lead>();
  for (const q of leads) if (q.data) byId.set(q.data.id, q.data);
  const nameOf = (id: string) => {
    const lead = byId.get(id);
    return lead ? personName(lead) : id;
  };
  // Duplicates often share a name, so what was merged is told apart by the e-mail as well.
  const labelOf = (id: string) => {
    const lead = byId.get(id);
    return lead?.email ? `${nameOf(id)} (${lead.email})` : nameOf(id);
  };
  const merge = useMutation({
    mutationFn: async () => {
      const merges: LeadMerge[] = [];
      const others = group.leadIds.filter((id) => id !== survivor);
      try {
        for (const id of others) {
          merges.push(await api.post<LeadMerge>('/leads/merges', { survivorId: survivor, mergedId: id }));
        }
      } finally {
        // Merges that went through before a failure are reported, so they can be undone.
        if (merges.length > 0) {
          setMerged(true);
          props.onMerged({
            survivorName: labelOf(survivor),
            mergedNames: merges.map((m) => labelOf(m.mergedId)),
            merges,
          });
        }
      }
    },
  });
  const label = `${REASON_LABEL[group.reason]}: ${group.key}`;
  return (
    <section className="state" aria-label={label} data-testid="duplicate-group">
      <h2>
        {REASON_LABEL[group.reason]} <span className="mono subtle">{group.key}</span>
        {group.count > group.leadIds.length ? (
          <span className="subtle">
            {' '}
            ({group.leadIds.length} of {group.count} shown)
          </span>
        ) : null}
      </h2>
      <table className="table table-compact">
        <thead>
          <tr>
            <th>Keep</th>
            <th>Name</th>
            <th>E-mail</th>
            <th>Phone</th>
            <th>Company</th>
            <th>Stage</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {group.leadIds.map((id, index) => {
            const lead = byId.get(id);
            const query = leads[index];
            return (
              <tr key={id}>
                <td className="col-check">
                  <input
                    type="radio"
                    name={`keep-${group.reason}-${group.key}`}
                    aria-label={`Keep ${nameOf(id)}`}
                    checked={survivor === id}
                    onChange={() => setSurvivor(id)}
                  />
                </td>
                {lead ? (
                  <>
                    <td className="col-name">
                      <Link to="/leads/$leadId" params={{ leadId: id }}>
                        {personName(lead)}
                      </Link>
                    </td>
                    <td className="col-email">{lead.email ?? ''}</td>
                    <td>{lead.phone ?? ''}</td>
                    <td>{lead.companyName ?? ''}</td>
                    <td>
                      <span className={`stage stage-${lead.stage}`}>{stageLabel(lead.stage)}</span>
                    </td>
                    <td className="col-date">{formatDate(lead.createdAt, props.timeZone)}</td>
                  </>
                ) : (
                  <td colSpan={6} className="subtle">
                    {query?.isError ? 'This lead cannot be shown.' : 'Loading…'}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {merged ? (
        <p className="subtle">Merged.</p>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={merge.isPending || !byId.has(survivor)}
            onClick={() => merge.mutate()}
          >
            Merge {group.leadIds.length - 1 === 1 ? 'the other lead' : `the other ${group.leadIds.length - 1} leads`}{' '}
            into {nameOf(survivor)}
          </button>
          <span className="subtle">
            Touchpoints, activities, deals and stage history are all kept; a merge can be undone.
          </span>
        </div>
      )}
      <FormError error={merge.error} />
    </section>
  );
}
