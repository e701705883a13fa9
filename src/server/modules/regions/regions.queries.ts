import { sql, type Kysely } from 'kysely';
import type { Database, NewRegion, RegionUpdate } from '../../db/schema.ts';
import type { Scope } from '../auth/auth.actor.ts';

export function listRegionsInScope(db: Kysely<Database>, scope: Scope) {
  let query = db.selectFrom('regions').selectAll();
  if (scope.kind === 'subtree') query = query.where('path', 'like', `${scope.path}%`);
  else if (scope.kind === 'unit') query = query.where('id', '=', scope.regionId);
  else if (scope.kind === 'none') query = query.where(sql<boolean>`false`);
  return query.orderBy('path').execute();
}

export function findRegionById(db: Kysely<Database>, id: string) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertRegion(db: Kysely<Database>, region: NewRegion) {
  return db.insertInto('regions').values(region).returningAll().executeTakeFirstOrThrow();
}

export function updateRegionById(db: Kysely<Database>, id: string, update: RegionUpdate) {
  return db.updateTable('regions').set(update).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Rewrites the path prefix of a moved region's descendants. */
export async function movePathPrefix(db: Kysely<Database>, from: string, to: string): Promise<void> {
  await db
    .updateTable('regions')
    .set({ path: sql<string>`${to} || substr(path, ${from.length + 1})` })
    .where('path', 'like', `${from}%`)
    .where('path', '<>', from)
    .execute();
}

export async function countRegionDependents(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('regions').select(eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).as('children'),
      eb.selectFrom('units').select(eb.fn.countAll<number>().as('n')).where('region_id', '=', id).as('units'),
      eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).where('region_id', '=', id).as('users'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.children) + Number(row.units) + Number(row.users);
}

/** Plans of the region, and supervision tasks of units in it (tasks carry their unit's region). */
export async function countRegionPlansAndTasks(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('plans').select(eb.fn.countAll<number>().as('n')).where('region_id', '=', id).as('plans'),
      eb.selectFrom('tasks').select(eb.fn.countAll<number>().as('n')).where('region_id', '=', id).as('tasks'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.plans) + Number(row.tasks);
}

export async function deleteRegionById(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('regions').where('id', '=', id).execute();
}
