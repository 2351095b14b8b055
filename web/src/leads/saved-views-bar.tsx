import { type FormEvent, useState } from 'react';
import type { LeadSearch } from './lead-search.ts';
import { type SavedView, sameSearch, useSavedViews } from './saved-views.ts';

const BUILT_IN: readonly SavedView[] = [
  { name: 'All leads', search: {} },
  { name: 'Mine', search: { owner: 'me' } },
  { name: 'Unassigned', search: { owner: 'none' } },
];

interface ViewsProps {
  readonly orgId: string;
  readonly userId: string;
  readonly search: LeadSearch;
  readonly onApply: (search: LeadSearch) => void;
}

export function SavedViews({ orgId, userId, search, onApply }: ViewsProps) {
  const { views, save, remove } = useSavedViews(orgId, userId);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(name, search);
    setNaming(false);
    setName('');
  };
  return (
    <div className="views" role="toolbar" aria-label="Views">
      {[...BUILT_IN, ...views].map((view, index) => {
        const saved = index >= BUILT_IN.length;
        return (
          <span key={`${saved}:${view.name}`} className="view">
            <button
              type="button"
              className="view-button"
              aria-pressed={sameSearch(view.search, search)}
              onClick={() => onApply(view.search)}
            >
              {view.name}
            </button>
            {saved ? (
              <button
                type="button"
                className="view-remove"
                aria-label={`Delete view ${view.name}`}
                onClick={() => remove(view.name)}
              >
                ×
              </button>
            ) : null}
          </span>
        );
      })}
      {naming ? (
        <form className="view-form" onSubmit={submit}>
          <input
            aria-label="View name"
            placeholder="View name"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setNaming(false);
            }}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to name a view.
            autoFocus
          />
          <button type="submit" className="button" disabled={!name.trim()}>
            Save
          </button>
        </form>
      ) : (
        <button type="button" className="link-button" onClick={() => setNaming(true)}>
          Save view…
        </button>
      )}
    </div>
  );
}
