import type { Role } from '../../db/schema.ts';
import type { Actor } from './auth.actor.ts';

export const isAdmin = (actor: Actor): boolean => actor.role === 'admin';
export const isOffice = (actor: Actor): boolean => actor.role === 'office';
export const hasRegionView = (actor: Actor): boolean => actor.role === 'office' || actor.role === 'leader';

/** True when `path` is the actor's region or lies below it. */
export const isInActorSubtree = (actor: Actor, path: string | null): boolean =>
  actor.regionPath !== null && path !== null && path.startsWith(actor.regionPath);

export const isOwnUnit = (actor: Actor, unitId: string | null): boolean => actor.unitId !== null && actor.unitId === unitId;

/** Roles an actor may hand out: admins any, office staff the non-admin ones. */
export const canAssignRole = (actor: Actor, role: Role): boolean =>
  isAdmin(actor) || (isOffice(actor) && role !== 'admin');
