import type { Region } from '../../db/schema.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree } from '../auth/auth.permissions.ts';

export const canReadRegion = (actor: Actor, region: Pick<Region, 'id' | 'path'>): boolean =>
  isAdmin(actor) ||
  (hasRegionView(actor) && isInActorSubtree(actor, region.path)) ||
  (actor.role === 'unit' && actor.regionId === region.id);

export const canCreateRegion = (actor: Actor): boolean => isAdmin(actor);
export const canUpdateRegion = (actor: Actor): boolean => isAdmin(actor);
export const canDeleteRegion = (actor: Actor): boolean => isAdmin(actor);

export const regionPolicies = (actor: Actor) => ({
  update: canUpdateRegion(actor),
  delete: canDeleteRegion(actor),
});
