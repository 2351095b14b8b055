import { type JSX, useState } from 'react';

export interface CursorPages {
  /** The cursor of the page shown; null for the first page. */
  readonly cursor: string | null;
  /** Back to the first page (when what is listed changes). */
  reset(): void;
  /** Newer/older buttons for the page shown, given the next page's cursor. */
  pager(label: string, nextCursor: string | null | undefined): JSX.Element;
  /** Whether there is more than one page to move between. */
  paged(nextCursor: string | null | undefined): boolean;
}

// Paging newest first through a cursor-paged list: the cursors of the pages seen so far, so
// "Newer" goes back exactly and "Older" follows the answer's nextCursor.
export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    reset: () => setCursors([null]),
    paged: (nextCursor) => cursors.length > 1 || Boolean(nextCursor),
    pager: (label, nextCursor) => (
      <nav className="pager" aria-label={label}>
        <button
          type="button"
          className="button"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <button
          type="button"
          className="button"
          disabled={!nextCursor}
          onClick={() => nextCursor && setCursors([...cursors, nextCursor])}
        >
          Older →
        </button>
      </nav>
    ),
  };
}
