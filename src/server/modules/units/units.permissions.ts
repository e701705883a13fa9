import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice, isOwnUnit } from '../auth/auth.permissions.ts';

interface UnitScopeFacts {
  id: string;
  regionPath: string;
}

export const canReadUnit = (actor: Actor, unit: UnitScopeFacts): boolean =>
  isAdmin(actor) || (hasRegionView(actor) && isInActorSubtree(actor, unit.regionPath)) || isOwnUnit(actor, unit.id);

/** Creating in, or moving into, a region. */
export const canManageUnitsIn = (actor: Actor, regionPath: string): boolean =>
  isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, regionPath));

export const canUpdateUnit = (actor: Actor, unit: UnitScopeFacts): boolean => canManageUnitsIn(actor, unit.regionPath);
export const canDeleteUnit = (actor: Actor, unit: UnitScopeFacts): boolean => canManageUnitsIn(actor, unit.regionPath);

export const unitPolicies = (actor: Actor, unit: UnitScopeFacts) => ({
  update: canUpdateUnit(actor, unit),
  delete: canDeleteUnit(actor, unit),
});
