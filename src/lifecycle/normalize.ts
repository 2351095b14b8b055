// Lower-cased, trimmed e-mail used to find the same person again. Provider-specific
// rules (dots and +tags) belong to capture's duplicate detection.
export function normalizeEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined) return null;
  const trimmed = email.trim().toLowerCase();
  return trimmed === '' ? null : trimmed;
}
