import type { Kysely } from 'kysely';
import type { Database, Role, UserUpdate } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditEntry } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { canAssignRole, isAdmin } from '../auth/auth.permissions.ts';
import { hashPassword, assertPasswordPolicy } from '../auth/auth.passwords.ts';
import { deleteSessionsOfUser, hasAdmin } from '../auth/auth.queries.ts';
import { sessionCache } from '../auth/auth.session-cache.ts';
import { canReadRegion } from '../regions/regions.permissions.ts';
import { findRegionById } from '../regions/regions.queries.ts';
import { canManageUnitsIn } from '../units/units.permissions.ts';
import { getReadableUnitOrThrow } from '../units/units.service.ts';
import { canCreateUsers, canReadUser, canUpdateUser } from './users.permissions.ts';
import { presentUser, userFacts, userSnapshot } from './users.presenter.ts';
import { findUserWithPlacementById, insertUser, listUsersInScope, lockSetup, updateUserById } from './users.queries.ts';

export interface UsersDeps {
  db: Kysely<Database>;
  argon2MemoryKib: number;
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId?: string | null;
  regionId?: string | null;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  unitId?: string | null;
  regionId?: string | null;
  disabled?: boolean;
  password?: string;
}

export interface UserListQuery {
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });

const checkPassword = assertPasswordPolicy;

function mapUserWriteError(err: unknown): never {
  if (isUniqueViolation(err, 'users_username_key')) throw new AppError('USERNAME_TAKEN');
  throw err;
}

/**
 * Where a user sits: a unit user takes its unit's region; office and leader need a region (their
 * view), optionally a unit inside it; an admin may have neither. Office staff may only place
 * users inside their own subtree.
 */
async function resolvePlacement(db: Kysely<Database>, actor: Actor, role: Role, unitId: string | null, regionId: string | null) {
  const unit = unitId ? await getReadableUnitOrThrow(db, actor, unitId, 'unitId') : null;
  if (role === 'unit') {
    if (!unit) throw new AppError('USER_SCOPE_INVALID', undefined, { field: 'unitId' });
    if (!isAdmin(actor) && !canManageUnitsIn(actor, unit.region_path)) throw new AppError('FORBIDDEN');
    return { unit_id: unit.id, region_id: unit.region_id };
  }
  const effectiveRegionId = regionId ?? unit?.region_id ?? null;
  if (!effectiveRegionId) {
    if (role === 'admin') return { unit_id: null, region_id: null };
    throw new AppError('USER_SCOPE_INVALID', undefined, { field: 'regionId' });
  }
  const region = await findRegionById(db, effectiveRegionId);
  if (!region || !canReadRegion(actor, region)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  if (!isAdmin(actor) && !canManageUnitsIn(actor, region.path)) throw new AppError('FORBIDDEN');
  if (unit && !unit.region_path.startsWith(region.path)) throw new AppError('USER_SCOPE_INVALID', undefined, { field: 'unitId' });
  return { unit_id: unit?.id ?? null, region_id: region.id };
}

export async function listUsers(db: Kysely<Database>, actor: Actor, query: UserListQuery) {
  const { rows, total } = await listUsersInScope(db, scopeOf(actor), {
    q: query.q?.trim() || undefined,
    role: query.role,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map((u) => presentUser(u, actor)), total };
}

async function getReadableUserOrThrow(db: Kysely<Database>, actor: Actor, id: string) {
  const user = await findUserWithPlacementById(db, id);
  if (!user || !canReadUser(actor, userFacts(user))) throw new AppError('NOT_FOUND');
  return user;
}

export async function getUser(db: Kysely<Database>, actor: Actor, id: string) {
  return presentUser(await getReadableUserOrThrow(db, actor, id), actor);
}

async function insertUserAudited(deps: UsersDeps, input: UserInput, placement: { unit_id: string | null; region_id: string | null }, audit: (id: string) => Omit<AuditEntry, 'after'>, before?: (trx: Kysely<Database>) => Promise<void>) {
  const passwordHash = await hashPassword(input.password, deps.argon2MemoryKib);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await before?.(trx);
      const { id } = await insertUser(trx, {
        username: input.username.trim(),
        display_name: input.displayName.trim(),
        role: input.role,
        ...placement,
        password_hash: passwordHash,
        updated_at: new Date(),
        password_changed_at: new Date(),
      });
      const created = (await findUserWithPlacementById(trx, id))!;
      await recordAudit(trx, { ...audit(id), after: userSnapshot(created) });
      return created;
    });
  } catch (err) {
    mapUserWriteError(err);
  }
}

export async function createUser(deps: UsersDeps, actor: Actor, input: UserInput) {
  if (!canCreateUsers(actor) || !canAssignRole(actor, input.role)) throw new AppError('FORBIDDEN');
  checkPassword(input.password, input.username);
  const placement = await resolvePlacement(deps.db, actor, input.role, input.unitId ?? null, input.regionId ?? null);
  const user = await insertUserAudited(deps, input, placement, (id) => ({
    actor: actorRef(actor),
    action: 'create',
    entity: 'user',
    entityId: id,
    regionId: placement.region_id,
  }));
  return presentUser(user, actor);
}

export async function updateUser(deps: UsersDeps, actor: Actor, id: string, patch: UserPatch) {
  const user = await getReadableUserOrThrow(deps.db, actor, id);
  if (!canUpdateUser(actor, userFacts(user))) throw new AppError('FORBIDDEN');
  const role = patch.role ?? user.role;
  if (patch.role !== undefined && !canAssignRole(actor, role)) throw new AppError('FORBIDDEN');
  const update: UserUpdate = { updated_at: new Date() };
  if (patch.displayName !== undefined) update.display_name = patch.displayName.trim();
  if (patch.disabled !== undefined) update.disabled = patch.disabled;
  if (patch.role !== undefined || patch.unitId !== undefined || patch.regionId !== undefined) {
    const unitId = patch.unitId !== undefined ? patch.unitId : user.unit_id;
    const regionId = patch.regionId !== undefined ? patch.regionId : role === 'unit' ? null : user.region_id;
    Object.assign(update, { role }, await resolvePlacement(deps.db, actor, role, unitId, regionId));
  }
  if (patch.password !== undefined) {
    checkPassword(patch.password, user.username);
    update.password_hash = await hashPassword(patch.password, deps.argon2MemoryKib);
    update.password_changed_at = new Date();
  }
  const updated = await deps.db.transaction().execute(async (trx) => {
    await updateUserById(trx, id, update);
    // A disabled account or a reset password must not keep old sessions alive.
    if (patch.disabled === true || patch.password !== undefined) await deleteSessionsOfUser(trx, id);
    sessionCache.forgetUser(id);
    const row = (await findUserWithPlacementById(trx, id))!;
    await recordAudit(trx, {
      actor: actorRef(actor),
      action: 'update',
      entity: 'user',
      entityId: id,
      regionId: row.region_id,
      before: userSnapshot(user),
      after: { ...userSnapshot(row), ...(patch.password !== undefined ? { passwordChanged: true } : {}) },
    });
    return row;
  });
  return presentUser(updated, actor);
}

/**
 * First-run setup: creates the first admin while none exists.
 * @throws AppError SETUP_ALREADY_DONE once an admin exists
 */
export async function createFirstAdmin(deps: UsersDeps, input: { username: string; password: string; displayName?: string }) {
  checkPassword(input.password, input.username);
  const user = await insertUserAudited(
    deps,
    { ...input, displayName: input.displayName ?? input.username, role: 'admin' },
    { unit_id: null, region_id: null },
    (id) => ({ actor: { id, name: input.username }, action: 'setup', entity: 'user', entityId: id }),
    async (trx) => {
      await lockSetup(trx);
      if (await hasAdmin(trx)) throw new AppError('SETUP_ALREADY_DONE');
    },
  );
  return user;
}

/** `yingshang admin create`: an operator at the console adds an admin at any time. */
export async function createAdminFromConsole(deps: UsersDeps, input: { username: string; password: string; displayName?: string }) {
  checkPassword(input.password, input.username);
  return insertUserAudited(
    deps,
    { ...input, displayName: input.displayName ?? input.username, role: 'admin' },
    { unit_id: null, region_id: null },
    (id) => ({ actor: { id: null, name: 'console' }, action: 'create', entity: 'user', entityId: id }),
  );
}
