import { createHash, randomBytes } from 'node:crypto';

// API keys carry the `baton_` prefix so secret scanners recognise a leaked one. They are
// 32 random bytes, so a fast SHA-256 is a sufficient hash: there is nothing to brute-force
// that a slow password hash would protect (passwords use argon2id).
export const API_KEY_PREFIX = 'baton_';
export const API_KEY_PATTERN = /^baton_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): { secret: string; prefix: string; secretHash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 12), secretHash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
