import type { Role } from '../../db/schema.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice, isOwnUnit } from '../auth/auth.permissions.ts';

export interface UserScopeFacts {
  id: string;
  role: Role;
  unitId: string | null;
  regionPath: string | null;
}

export const isSelf = (actor: Actor, user: UserScopeFacts): boolean => actor.id === user.id;

export const canReadUser = (actor: Actor, user: UserScopeFacts): boolean =>
  isAdmin(actor) ||
  isSelf(actor, user) ||
  (hasRegionView(actor) && user.role !== 'admin' && isInActorSubtree(actor, user.regionPath)) ||
  (actor.role === 'unit' && isOwnUnit(actor, user.unitId));

export const canCreateUsers = (actor: Actor): boolean => isAdmin(actor) || isOffice(actor);

/** Nobody edits their own account here (that is /me/password), so no one locks themselves out. */
export const canUpdateUser = (actor: Actor, user: UserScopeFacts): boolean =>
  !isSelf(actor, user) && (isAdmin(actor) || (isOffice(actor) && user.role !== 'admin' && isInActorSubtree(actor, user.regionPath)));

export const userPolicies = (actor: Actor, user: UserScopeFacts) => ({ update: canUpdateUser(actor, user) });
