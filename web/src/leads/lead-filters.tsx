import { useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useState } from 'react';
import { CHANNELS } from '../../../src/capture/constants.ts';
import { LEAD_STAGES } from '../../../src/lifecycle/constants.ts';
import { campaignsQuery } from '../capture/campaigns.ts';
import { STAGE_LABEL } from '../lifecycle/stages.ts';
import { usersQuery } from '../platform/people.ts';
import { humanize } from '../shell/format.ts';
import { isFiltered, type LeadSearch, selectedStages } from './lead-search.ts';

interface FiltersProps {
  readonly search: LeadSearch;
  readonly onChange: (patch: Partial<LeadSearch>) => void;
  readonly onClear: () => void;
}

const SEARCH_DELAY_MS = 300;

export const LeadFilters = forwardRef<HTMLInputElement, FiltersProps>(function LeadFilters(
  { search, onChange, onClear },
  searchRef,
) {
  const users = useQuery(usersQuery);
  const campaigns = useQuery(campaignsQuery);
  const [text, setText] = useState(search.q ?? '');
  const stages = selectedStages(search);

  // The box is typed into freely; the URL (and so the request) follows after a pause.
  useEffect(() => setText(search.q ?? ''), [search.q]);
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === (search.q ?? '')) return undefined;
    const timer = setTimeout(() => onChange({ q: trimmed || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, search.q, onChange]);

  const toggleStage = (stage: (typeof LEAD_STAGES)[number]) => {
    const next = stages.includes(stage) ? stages.filter((s) => s !== stage) : [...stages, stage];
    onChange({ stage: next.length > 0 ? next.join(',') : undefined });
  };

  return (
    <div className="filters">
      <div className="filter-row">
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder="Search name, e-mail, company   /"
          aria-label="Search leads"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
        <select
          aria-label="Owner"
          value={search.owner ?? ''}
          onChange={(e) => onChange({ owner: e.target.value || undefined })}
        >
          <option value="">Any owner</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Source"
          value={search.source ?? ''}
          onChange={(e) => onChange({ source: e.target.value || undefined })}
        >
          <option value="">Any source</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {humanize(c)}
            </option>
          ))}
        </select>
        <select
          aria-label="Campaign"
          className="select-wide"
          value={search.campaign ?? ''}
          onChange={(e) => onChange({ campaign: e.target.value || undefined })}
        >
          <option value="">{campaigns.isError ? 'Campaigns unavailable' : 'Any campaign'}</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label className="inline-field">
          <span>Created</span>
          <input
            type="date"
            aria-label="Created from"
            value={search.from ?? ''}
            max={search.to}
            onChange={(e) => onChange({ from: e.target.value || undefined })}
          />
        </label>
        <label className="inline-field">
          <span>to</span>
          <input
            type="date"
            aria-label="Created to"
            value={search.to ?? ''}
            min={search.from}
            onChange={(e) => onChange({ to: e.target.value || undefined })}
          />
        </label>
        {isFiltered(search) ? (
          <button type="button" className="link-button" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </div>
      <fieldset className="chips">
        <legend className="visually-hidden">Stages</legend>
        {LEAD_STAGES.map((stage) => (
          <button
            key={stage}
            type="button"
            className={`chip stage-${stage}`}
            aria-pressed={stages.includes(stage)}
            onClick={() => toggleStage(stage)}
          >
            {STAGE_LABEL[stage]}
          </button>
        ))}
      </fieldset>
    </div>
  );
});
