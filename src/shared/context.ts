import type { Actor } from './actor.ts';

/** What every command receives besides its transaction and input: who acts, and when. */
export interface CommandContext {
  readonly actor: Actor;
  readonly now: Date;
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
