import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, two passes, one lane): about 40 ms
// per hash here, slow enough to make guessing expensive and fast enough for a sign-in.
// The library's Algorithm enum is an ambient const enum, which verbatimModuleSyntax cannot
// import; 2 is its Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash matches nothing.
    return false;
  }
}

let dummy: Promise<string> | undefined;

// Sign-in for an unknown e-mail still spends one verification, so the answer takes as
// long as a wrong password for a real user and does not reveal who has an account.
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword('baton dummy password, never matches');
  await verifyPassword(await dummy, password);
  return false;
}
