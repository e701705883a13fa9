import { sql, type Kysely } from 'kysely';
import type { Database, NewMetricSynonym } from '../../db/schema.ts';
import { inPlanScope, plansWithRegion, type PlanScope } from '../plans/plans.queries.ts';

/** Plans in scope with their goals, and the measures of those plans that state targets. */
export async function listTargetSourcesInScope(db: Kysely<Database>, scope: PlanScope) {
  const plans = await inPlanScope(plansWithRegion(db), scope)
    .select(['p.id', 'p.title', 'p.status', 'p.region_name', 'r.name as owner_region_name', 'p.goals'])
    .orderBy('p.id')
    .execute();
  if (plans.length === 0) return { plans, measures: [] };
  const measures = await db
    .selectFrom('plan_measures')
    .select(['id', 'plan_id', 'number', 'targets'])
    .where(
      'plan_id',
      'in',
      plans.map((p) => p.id),
    )
    .where(sql<boolean>`jsonb_array_length(targets) > 0`)
    .orderBy('plan_id')
    .orderBy('seq')
    .execute();
  return { plans, measures };
}

/** Synonym scope: all, or the regions on a path (ancestors and self) plus, optionally, the subtree below. */
export type SynonymScope = { kind: 'all' } | { kind: 'path'; path: string; withSubtree: boolean };

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function synonymsWithRegion(db: Kysely<Database>) {
  return db
    .selectFrom('metric_synonyms as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .select(['s.id', 's.region_id', 's.canonical', 's.variant', 's.created_at', 'r.name as region_name', 'r.path as region_path']);
}

export function listSynonymsInScope(db: Kysely<Database>, scope: SynonymScope) {
  let query = synonymsWithRegion(db);
  if (scope.kind === 'path') {
    const { path, withSubtree } = scope;
    query = query.where((eb) =>
      eb.or([eb(sql<string>`${path}`, 'like', sql<string>`r.path || '%'`), ...(withSubtree ? [eb('r.path', 'like', `${escapeLike(path)}%`)] : [])]),
    );
  }
  return query.orderBy('s.canonical').orderBy('s.variant').orderBy('r.path').execute();
}

export type SynonymWithRegion = Awaited<ReturnType<typeof listSynonymsInScope>>[number];

export function findSynonymById(db: Kysely<Database>, id: string) {
  return synonymsWithRegion(db).where('s.id', '=', id).executeTakeFirst();
}

export function insertSynonym(db: Kysely<Database>, row: NewMetricSynonym) {
  return db.insertInto('metric_synonyms').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function deleteSynonymById(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('metric_synonyms').where('id', '=', id).execute();
}
