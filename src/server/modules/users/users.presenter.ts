import type { Actor } from '../auth/auth.actor.ts';
import { userPolicies } from './users.permissions.ts';
import type { UserWithPlacement } from './users.queries.ts';

export const userFacts = (user: UserWithPlacement) => ({
  id: user.id,
  role: user.role,
  unitId: user.unit_id,
  regionPath: user.region_path,
});

export function presentUser(user: UserWithPlacement, actor: Actor) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitId: user.unit_id,
    unitName: user.unit_name,
    regionId: user.region_id,
    regionName: user.region_name,
    disabled: user.disabled,
    lastLoginAt: user.last_login_at ? user.last_login_at.toISOString() : null,
    policies: userPolicies(actor, userFacts(user)),
  };
}

/** The audit snapshot of a user: never the password hash. */
export function userSnapshot(user: UserWithPlacement) {
  return {
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitId: user.unit_id,
    regionId: user.region_id,
    disabled: user.disabled,
  };
}
