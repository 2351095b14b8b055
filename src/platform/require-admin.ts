import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';

// Interim rule until permissions are centralised: organisation settings, users, teams and
// API keys are changed by admins only; every role may read them.
export function requireAdmin(actor: Actor, action: string): void {
  if (actor.role !== 'admin') {
    throw new AppError('forbidden', `only an admin can ${action}; you act as ${actor.role}`);
  }
}
