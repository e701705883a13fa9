import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RegionKind, RegionUpdate } from '../../db/schema.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { sessionCache } from '../auth/auth.session-cache.ts';
import { canCreateRegion, canDeleteRegion, canReadRegion, canUpdateRegion } from './regions.permissions.ts';
import { presentRegion, regionSnapshot } from './regions.presenter.ts';
import {
  countRegionDependents,
  countRegionPlansAndTasks,
  deleteRegionById,
  findRegionById,
  insertRegion,
  listRegionsInScope,
  movePathPrefix,
  updateRegionById,
} from './regions.queries.ts';

export interface RegionInput {
  name: string;
  code?: string | null;
  kind: RegionKind;
  parentId?: string | null;
}

const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });

export async function listRegions(db: Kysely<Database>, actor: Actor) {
  const rows = await listRegionsInScope(db, scopeOf(actor));
  return { items: rows.map((r) => presentRegion(r, actor)), total: rows.length };
}

async function getReadableRegionOrThrow(db: Kysely<Database>, actor: Actor, id: string, field?: string) {
  const region = await findRegionById(db, id);
  if (!region || !canReadRegion(actor, region)) throw new AppError('NOT_FOUND', undefined, field ? { field } : null);
  return region;
}

function mapRegionWriteError(err: unknown): never {
  if (isUniqueViolation(err, 'regions_code_key')) throw new AppError('REGION_CODE_TAKEN');
  throw err;
}

export async function createRegion(db: Kysely<Database>, actor: Actor, input: RegionInput) {
  if (!canCreateRegion(actor)) throw new AppError('FORBIDDEN');
  const parent = input.parentId ? await getReadableRegionOrThrow(db, actor, input.parentId, 'parentId') : null;
  const id = randomUUID();
  try {
    const region = await db.transaction().execute(async (trx) => {
      const created = await insertRegion(trx, {
        id,
        name: input.name.trim(),
        code: input.code ?? null,
        kind: input.kind,
        parent_id: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        updated_at: new Date(),
      });
      await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'region', entityId: id, regionId: id, after: regionSnapshot(created) });
      return created;
    });
    return presentRegion(region, actor);
  } catch (err) {
    mapRegionWriteError(err);
  }
}

export async function updateRegion(db: Kysely<Database>, actor: Actor, id: string, patch: Partial<RegionInput>) {
  const region = await getReadableRegionOrThrow(db, actor, id);
  if (!canUpdateRegion(actor)) throw new AppError('FORBIDDEN');
  const update: RegionUpdate = { updated_at: new Date() };
  if (patch.name !== undefined) update.name = patch.name.trim();
  if (patch.code !== undefined) update.code = patch.code;
  if (patch.kind !== undefined) update.kind = patch.kind;
  let newPath: string | undefined;
  if (patch.parentId !== undefined && patch.parentId !== region.parent_id) {
    const parent = patch.parentId ? await getReadableRegionOrThrow(db, actor, patch.parentId, 'parentId') : null;
    if (parent && parent.path.startsWith(region.path)) throw new AppError('REGION_CYCLE');
    update.parent_id = parent?.id ?? null;
    newPath = `${parent?.path ?? '/'}${region.id}/`;
    update.path = newPath;
  }
  try {
    const updated = await db.transaction().execute(async (trx) => {
      const row = await updateRegionById(trx, id, update);
      if (newPath) await movePathPrefix(trx, region.path, newPath);
      sessionCache.clear();
      await recordAudit(trx, {
        actor: actorRef(actor),
        action: 'update',
        entity: 'region',
        entityId: id,
        regionId: id,
        before: regionSnapshot(region),
        after: regionSnapshot(row),
      });
      return row;
    });
    return presentRegion(updated, actor);
  } catch (err) {
    mapRegionWriteError(err);
  }
}

export async function deleteRegion(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const region = await getReadableRegionOrThrow(db, actor, id);
  if (!canDeleteRegion(actor)) throw new AppError('FORBIDDEN');
  try {
    await db.transaction().execute(async (trx) => {
      if ((await countRegionDependents(trx, id)) > 0) throw new AppError('REGION_NOT_EMPTY');
      if ((await countRegionPlansAndTasks(trx, id)) > 0) throw new AppError('REGION_HAS_PLANS');
      await deleteRegionById(trx, id);
      await recordAudit(trx, { actor: actorRef(actor), action: 'delete', entity: 'region', entityId: id, regionId: id, before: regionSnapshot(region) });
    });
  } catch (err) {
    // Any other record still pointing at the region (reports, escalations, reminders…) is a conflict, not a bug.
    if (isForeignKeyViolation(err)) throw new AppError('REGION_HAS_PLANS');
    throw err;
  }
}

