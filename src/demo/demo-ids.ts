import { seededRandom } from '../shared/random.ts';

/** Makes a UUIDv7 whose timestamp is the moment the row describes. */
export type IdFactory = <T extends string = string>(ms: number) => T;

// Generated ids must be reproducible (same seed and salt, same ids), so they cannot come
// from `newId`, which reads the clock and the system's randomness. The random bits come
// from a seeded stream mixed with the salt (the org id), so two organisations seeded
// alike do not share ids; a running counter in the last group makes every id of one run
// unique whatever the random bits are.
export function demoIds(seed: number, salt: string): IdFactory {
  const random = seededRandom((seed ^ hashString(salt)) >>> 0);
  // XOR with a fixed mask is a bijection: the counter stays unique but stops looking like one.
  const mask = Math.floor(random.next() * 2 ** 32);
  let counter = 0;
  const hex = (bits: number, digits: number) =>
    Math.floor(random.next() * 2 ** bits)
      .toString(16)
      .padStart(digits, '0');
  return <T extends string = string>(ms: number): T => {
    const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
    const variant = (0x8000 | Math.floor(random.next() * 0x4000)).toString(16);
    const count = ((counter ^ mask) >>> 0).toString(16).padStart(8, '0');
    counter += 1;
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(12, 3)}-${variant}-${count}${hex(16, 4)}` as T;
  };
}

function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
