import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOffice } from '../auth/auth.permissions.ts';

/** Office staff extend the synonym table of their region subtree. */
export const canManageSynonymsIn = (actor: Actor, regionPath: string): boolean =>
  isAdmin(actor) || (isOffice(actor) && isInActorSubtree(actor, regionPath));

/** Synonyms of the actor's region, the regions above it (they apply) and below it (they manage). */
export const canReadSynonym = (actor: Actor, synonym: { regionPath: string }): boolean =>
  isAdmin(actor) ||
  (actor.regionPath !== null && (actor.regionPath.startsWith(synonym.regionPath) || (hasRegionView(actor) && isInActorSubtree(actor, synonym.regionPath))));

export const synonymPolicies = (actor: Actor, synonym: { regionPath: string }) => ({
  delete: canManageSynonymsIn(actor, synonym.regionPath),
});
