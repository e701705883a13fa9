import type { Actor } from './auth.actor.ts';

export function presentMe(actor: Actor) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    unit: actor.unitId ? { id: actor.unitId, name: actor.unitName ?? '' } : null,
    region: actor.regionId ? { id: actor.regionId, name: actor.regionName ?? '' } : null,
    csrfToken: actor.csrfToken,
  };
}
