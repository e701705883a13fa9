import { sql, type Kysely } from 'kysely';
import type { Database, NewUnit, UnitUpdate } from '../../db/schema.ts';
import type { Scope } from '../auth/auth.actor.ts';

export interface UnitFilter {
  regionId?: string;
  q?: string;
  offset: number;
  limit: number;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function unitsWithRegion(db: Kysely<Database>) {
  return db.selectFrom('units as u').innerJoin('regions as r', 'r.id', 'u.region_id');
}

export async function listUnitsInScope(db: Kysely<Database>, scope: Scope, filter: UnitFilter) {
  let query = unitsWithRegion(db);
  if (scope.kind === 'subtree') query = query.where('r.path', 'like', `${scope.path}%`);
  else if (scope.kind === 'unit') query = query.where('u.id', '=', scope.unitId);
  else if (scope.kind === 'none') query = query.where(sql<boolean>`false`);
  if (filter.regionId) query = query.where('u.region_id', '=', filter.regionId);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.name', 'ilike', pattern),
        eb('u.short_name', 'ilike', pattern),
        eb.exists(eb.selectFrom(sql`unnest(u.aliases)`.as('a')).select(sql`1`.as('one')).where(sql<string>`a`, 'ilike', pattern)),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll('u')
      .select(['r.name as region_name', 'r.path as region_path'])
      .orderBy('r.path')
      .orderBy('u.name')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findUnitById(db: Kysely<Database>, id: string) {
  return unitsWithRegion(db)
    .selectAll('u')
    .select(['r.name as region_name', 'r.path as region_path'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export type UnitWithRegion = NonNullable<Awaited<ReturnType<typeof findUnitById>>>;

export function insertUnit(db: Kysely<Database>, unit: NewUnit) {
  return db.insertInto('units').values(unit).returning('id').executeTakeFirstOrThrow();
}

export async function updateUnitById(db: Kysely<Database>, id: string, update: UnitUpdate): Promise<void> {
  await db.updateTable('units').set(update).where('id', '=', id).execute();
}

/** Users of a unit carry its region; keep them in step when the unit moves. */
export async function setRegionOfUnitUsers(db: Kysely<Database>, unitId: string, regionId: string): Promise<void> {
  await db.updateTable('users').set({ region_id: regionId }).where('unit_id', '=', unitId).execute();
}

export async function countUsersOfUnit(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', id).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteUnitById(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('units').where('id', '=', id).execute();
}
