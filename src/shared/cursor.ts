import { AppError } from './app-error.ts';

// A cursor is the sort value and id of the last row of a page, opaque to clients.
export interface CursorPosition {
  readonly value: string | number | null;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      const value: unknown = parsed[0];
      if (value === null || typeof value === 'string' || typeof value === 'number') {
        return { value, id: parsed[1] };
      }
    }
  } catch {
    // Fall through to the error below: any undecodable cursor is the client's mistake.
  }
  throw new AppError('validation_failed', 'cursor: not a cursor returned by this API', 'cursor');
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
