import { useCallback, useState } from 'react';
import { type LeadSearch, parseLeadSearch } from './lead-search.ts';

export interface SavedView {
  readonly name: string;
  readonly search: LeadSearch;
}

// Views are a person's own shortcuts, so they live in this browser, per organisation and
// user: signing in as someone else on the same machine shows that person's views.
function storageKey(orgId: string, userId: string): string {
  return `baton.lead-views.${orgId}.${userId}`;
}

export function readViews(orgId: string, userId: string): SavedView[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey(orgId, userId)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { name, search } = item as { name?: unknown; search?: unknown };
      if (typeof name !== 'string' || typeof search !== 'object' || search === null) return [];
      return [{ name, search: parseLeadSearch(search as Record<string, unknown>) }];
    });
  } catch {
    return [];
  }
}

function writeViews(orgId: string, userId: string, views: readonly SavedView[]): void {
  localStorage.setItem(storageKey(orgId, userId), JSON.stringify(views));
}

export function useSavedViews(orgId: string, userId: string) {
  const [views, setViews] = useState(() => readViews(orgId, userId));
  const update = useCallback(
    (next: SavedView[]) => {
      writeViews(orgId, userId, next);
      setViews(next);
    },
    [orgId, userId],
  );
  const save = useCallback(
    (name: string, search: LeadSearch) => {
      const trimmed = name.trim();
      if (!trimmed) return;
      update([...views.filter((v) => v.name !== trimmed), { name: trimmed, search: clean(search) }]);
    },
    [views, update],
  );
  const remove = useCallback((name: string) => update(views.filter((v) => v.name !== name)), [views, update]);
  return { views, save, remove };
}

function clean(search: LeadSearch): LeadSearch {
  return Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined)) as LeadSearch;
}

export function sameSearch(a: LeadSearch, b: LeadSearch): boolean {
  return (
    JSON.stringify(clean(a), Object.keys(clean(a)).sort()) === JSON.stringify(clean(b), Object.keys(clean(b)).sort())
  );
}
