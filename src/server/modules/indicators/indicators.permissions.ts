import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin, isInActorSubtree, isOwnUnit } from '../auth/auth.permissions.ts';
import { canManageRegion } from '../supervision/supervision.permissions.ts';

/** What permissions need to know about an indicator system. */
export interface SystemFacts {
  regionPath: string;
}

/** The system's region is the actor's own or above it (a county reads the city's methodology). */
const isAtOrAbove = (actor: Actor, regionPath: string): boolean => actor.regionPath !== null && actor.regionPath.startsWith(regionPath);

/** The tree is methodology: every internal role over or under the system's region reads it. */
export const canReadSystem = (actor: Actor, s: SystemFacts): boolean =>
  isAdmin(actor) || ((hasRegionView(actor) || actor.role === 'unit') && (isAtOrAbove(actor, s.regionPath) || isInActorSubtree(actor, s.regionPath)));

/** Editing the tree, values, rounds, links and alert rules: the office of the system's region (or above), admin. */
export const canManageSystem = (actor: Actor, s: SystemFacts): boolean => canManageRegion(actor, s.regionPath);

/** Scores of regions: office and leaders (their region subtree), admin. */
export const canReadEvaluation = (actor: Actor, s: SystemFacts): boolean => (isAdmin(actor) || hasRegionView(actor)) && canReadSystem(actor, s);

/** A region's scores and values are shown to the office/leader whose subtree holds it. */
export const canSeeRegion = (actor: Actor, regionPath: string): boolean => isAdmin(actor) || (hasRegionView(actor) && isInActorSubtree(actor, regionPath));

/** A unit sees and fills only the leaves it is responsible for. */
export const ownsLeaf = (actor: Actor, node: { responsible_unit_id: string | null }): boolean => actor.role === 'unit' && isOwnUnit(actor, node.responsible_unit_id);

export const systemPolicies = (actor: Actor, s: SystemFacts) => ({
  manage: canManageSystem(actor, s),
  evaluate: canReadEvaluation(actor, s),
});
