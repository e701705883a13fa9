import type { Actor } from '../auth/auth.actor.ts';
import { isAdmin } from '../auth/auth.permissions.ts';

export const canReadAudit = (actor: Actor): boolean => isAdmin(actor);
