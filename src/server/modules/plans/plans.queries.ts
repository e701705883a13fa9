import { sql, type Kysely } from 'kysely';
import type { Database, NewPlan, NewPlanMeasure, PlanStatus, PlanUpdate } from '../../db/schema.ts';

/** Which plans a caller may list: all, a region subtree, or the published plans governing a region. */
export type PlanScope =
  | { kind: 'all' }
  | { kind: 'subtree'; path: string }
  | { kind: 'governing'; regionPath: string }
  | { kind: 'none' };

export interface PlanFilter {
  status?: PlanStatus;
  q?: string;
  offset: number;
  limit: number;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function plansWithRegion(db: Kysely<Database>) {
  return db.selectFrom('plans as p').innerJoin('regions as r', 'r.id', 'p.region_id');
}

export function inPlanScope<QB extends ReturnType<typeof plansWithRegion>>(query: QB, scope: PlanScope): QB {
  if (scope.kind === 'subtree') return query.where('r.path', 'like', `${escapeLike(scope.path)}%`) as QB;
  if (scope.kind === 'governing') {
    return query.where('p.status', '=', 'published').where(sql<boolean>`${scope.regionPath} like r.path || '%'`) as QB;
  }
  if (scope.kind === 'none') return query.where(sql<boolean>`false`) as QB;
  return query;
}

const planColumns = [
  'p.id',
  'p.region_id',
  'p.title',
  'p.issuer',
  'p.region_name',
  'p.base_year',
  'p.status',
  'p.source_name',
  'p.source_format',
  'p.default_units',
  'p.goals',
  'p.issues',
  'p.version',
  'p.created_by',
  'p.created_at',
  'p.updated_at',
  'p.published_at',
] as const;

export function findPlanById(db: Kysely<Database>, id: string) {
  return plansWithRegion(db)
    .select(planColumns)
    .select([
      'p.source_text',
      'r.path as region_path',
      'r.name as owner_region_name',
      sql<string | null>`to_char(p.issued_on, 'YYYY-MM-DD')`.as('issued_on'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export type PlanWithRegion = NonNullable<Awaited<ReturnType<typeof findPlanById>>>;

/** Locks the plan row until the transaction ends; returns its version, or undefined when gone. */
export async function lockPlanById(trx: Kysely<Database>, id: string) {
  return trx.selectFrom('plans').select(['id', 'version', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listMeasuresOfPlan(db: Kysely<Database>, planId: string) {
  return db.selectFrom('plan_measures').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
}

export async function listPlansInScope(db: Kysely<Database>, scope: PlanScope, filter: PlanFilter) {
  let query = inPlanScope(plansWithRegion(db), scope);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('p.title', 'ilike', pattern), eb('p.region_name', 'ilike', pattern), eb('p.source_name', 'ilike', pattern)]));
  }
  const [rows, count] = await Promise.all([
    query
      .select(['p.id', 'p.title', 'p.region_id', 'p.region_name', 'p.status', 'p.base_year', 'p.updated_at', 'r.path as region_path', 'r.name as owner_region_name'])
      .select((eb) =>
        eb.selectFrom('plan_measures as m').whereRef('m.plan_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('measure_count'),
      )
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function insertPlan(db: Kysely<Database>, plan: NewPlan) {
  return db.insertInto('plans').values(plan).returning('id').executeTakeFirstOrThrow();
}

export async function insertMeasures(db: Kysely<Database>, measures: NewPlanMeasure[]): Promise<void> {
  // Chunks keep each statement well below the 65535 bind-parameter limit.
  for (let i = 0; i < measures.length; i += 200) await db.insertInto('plan_measures').values(measures.slice(i, i + 200)).execute();
}

export async function deleteMeasuresOfPlan(db: Kysely<Database>, planId: string): Promise<void> {
  await db.deleteFrom('plan_measures').where('plan_id', '=', planId).execute();
}

export async function updatePlanById(db: Kysely<Database>, id: string, update: PlanUpdate): Promise<void> {
  await db.updateTable('plans').set(update).where('id', '=', id).execute();
}

export async function deletePlanById(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('plans').where('id', '=', id).execute();
}

/**
 * Registry units a plan of the region at `regionPath` may name: units of the region, of the
 * regions below it, and of the regions above it (a county plan names city departments).
 */
export function listRegistryUnitsAround(db: Kysely<Database>, regionPath: string) {
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name', 'u.short_name', 'u.aliases', 'u.region_id', 'r.name as region_name', 'r.path as region_path'])
    .where((eb) => eb.or([eb('r.path', 'like', `${escapeLike(regionPath)}%`), eb(sql<string>`${regionPath}`, 'like', sql<string>`r.path || '%'`)]))
    .orderBy('r.path')
    .orderBy('u.name')
    .execute();
}

export type RegistryUnitRow = Awaited<ReturnType<typeof listRegistryUnitsAround>>[number];

export function findUnitsByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name', 'r.path as region_path'])
    .where('u.id', 'in', [...ids])
    .execute();
}

export function findRegionByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listRootRegions(db: Kysely<Database>) {
  return db.selectFrom('regions').selectAll().where('parent_id', 'is', null).orderBy('name').execute();
}
