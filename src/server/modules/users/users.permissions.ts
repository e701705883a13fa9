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

/** The accounts an office user manages (edit, disable, reset the password): unit liaisons and enterprise staff. */
const OFFICE_MANAGED_ROLES: readonly Role[] = ['unit', 'enterprise'];

/**
 * Nobody edits their own account here (that is /me/password), so no one locks themselves out. An office user edits
 * only unit and enterprise accounts of its region — never a leader, office or admin account, whose password it could
 * otherwise reset and then sign in with.
 */
export const canUpdateUser = (actor: Actor, user: UserScopeFacts): boolean =>
  !isSelf(actor, user) && (isAdmin(actor) || (isOffice(actor) && OFFICE_MANAGED_ROLES.includes(user.role) && isInActorSubtree(actor, user.regionPath)));

export const userPolicies = (actor: Actor, user: UserScopeFacts) => ({ update: canUpdateUser(actor, user) });
