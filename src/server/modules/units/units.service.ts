import type { Kysely } from 'kysely';
import type { Database, UnitKind, UnitUpdate } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { sessionCache } from '../auth/auth.session-cache.ts';
import { canReadRegion } from '../regions/regions.permissions.ts';
import { findRegionById } from '../regions/regions.queries.ts';
import { canDeleteUnit, canManageUnitsIn, canReadUnit, canUpdateUnit } from './units.permissions.ts';
import { presentUnit, unitSnapshot } from './units.presenter.ts';
import {
  countUsersOfUnit,
  deleteUnitById,
  findUnitById,
  insertUnit,
  listUnitsInScope,
  setRegionOfUnitUsers,
  updateUnitById,
  type UnitWithRegion,
} from './units.queries.ts';

export interface UnitInput {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  regionId: string;
  aliases?: string[];
}

export interface UnitListQuery {
  regionId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });
const facts = (unit: UnitWithRegion) => ({ id: unit.id, regionPath: unit.region_path });
const cleanAliases = (aliases: string[]) => [...new Set(aliases.map((a) => a.trim()).filter(Boolean))];

export async function listUnits(db: Kysely<Database>, actor: Actor, query: UnitListQuery) {
  const { rows, total } = await listUnitsInScope(db, scopeOf(actor), {
    regionId: query.regionId,
    q: query.q?.trim() || undefined,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map((u) => presentUnit(u, actor)), total };
}

/** @throws AppError NOT_FOUND when the unit does not exist or the actor may not see it */
export async function getReadableUnitOrThrow(db: Kysely<Database>, actor: Actor, id: string, field?: string) {
  const unit = await findUnitById(db, id);
  if (!unit || !canReadUnit(actor, facts(unit))) throw new AppError('NOT_FOUND', undefined, field ? { field } : null);
  return unit;
}

export async function getUnit(db: Kysely<Database>, actor: Actor, id: string) {
  return presentUnit(await getReadableUnitOrThrow(db, actor, id), actor);
}

async function getManageableRegionOrThrow(db: Kysely<Database>, actor: Actor, regionId: string) {
  const region = await findRegionById(db, regionId);
  if (!region || !canReadRegion(actor, region)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  if (!canManageUnitsIn(actor, region.path)) throw new AppError('FORBIDDEN');
  return region;
}

function mapUnitWriteError(err: unknown): never {
  if (isUniqueViolation(err, 'units_region_id_name_key')) throw new AppError('UNIT_NAME_TAKEN');
  throw err;
}

export async function createUnit(db: Kysely<Database>, actor: Actor, input: UnitInput) {
  if (actor.role === 'unit' || actor.role === 'leader') throw new AppError('FORBIDDEN');
  const region = await getManageableRegionOrThrow(db, actor, input.regionId);
  try {
    const unit = await db.transaction().execute(async (trx) => {
      const { id } = await insertUnit(trx, {
        region_id: region.id,
        name: input.name.trim(),
        short_name: input.shortName?.trim() || null,
        kind: input.kind,
        aliases: cleanAliases(input.aliases ?? []),
        updated_at: new Date(),
      });
      const created = (await findUnitById(trx, id))!;
      await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'unit', entityId: id, regionId: region.id, after: unitSnapshot(created) });
      return created;
    });
    return presentUnit(unit, actor);
  } catch (err) {
    mapUnitWriteError(err);
  }
}

export async function updateUnit(db: Kysely<Database>, actor: Actor, id: string, patch: Partial<UnitInput>) {
  const unit = await getReadableUnitOrThrow(db, actor, id);
  if (!canUpdateUnit(actor, facts(unit))) throw new AppError('FORBIDDEN');
  const update: UnitUpdate = { updated_at: new Date() };
  if (patch.name !== undefined) update.name = patch.name.trim();
  if (patch.shortName !== undefined) update.short_name = patch.shortName?.trim() || null;
  if (patch.kind !== undefined) update.kind = patch.kind;
  if (patch.aliases !== undefined) update.aliases = cleanAliases(patch.aliases);
  const moving = patch.regionId !== undefined && patch.regionId !== unit.region_id;
  if (moving) update.region_id = (await getManageableRegionOrThrow(db, actor, patch.regionId!)).id;
  try {
    const updated = await db.transaction().execute(async (trx) => {
      await updateUnitById(trx, id, update);
      if (moving) await setRegionOfUnitUsers(trx, id, update.region_id!);
      sessionCache.clear();
      const row = (await findUnitById(trx, id))!;
      await recordAudit(trx, {
        actor: actorRef(actor),
        action: 'update',
        entity: 'unit',
        entityId: id,
        regionId: row.region_id,
        before: unitSnapshot(unit),
        after: unitSnapshot(row),
      });
      return row;
    });
    return presentUnit(updated, actor);
  } catch (err) {
    mapUnitWriteError(err);
  }
}

export async function deleteUnit(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const unit = await getReadableUnitOrThrow(db, actor, id);
  if (!canDeleteUnit(actor, facts(unit))) throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    if ((await countUsersOfUnit(trx, id)) > 0) throw new AppError('UNIT_NOT_EMPTY');
    await deleteUnitById(trx, id);
    await recordAudit(trx, { actor: actorRef(actor), action: 'delete', entity: 'unit', entityId: id, regionId: unit.region_id, before: unitSnapshot(unit) });
  });
}
