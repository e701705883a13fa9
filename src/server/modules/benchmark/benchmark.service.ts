import type { Kysely } from 'kysely';
import { BUILTIN_METRIC_SYNONYMS, cleanMetric, compareTargets, normalizeMetric, type MetricSynonym } from '../../../core/benchmark/index.ts';
import type { Target } from '../../../core/plan/types.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { planScopeOf } from '../plans/plans.service.ts';
import { findRegionById } from '../regions/regions.queries.ts';
import { canManageSynonymsIn, canReadSynonym } from './benchmark.permissions.ts';
import { presentBenchmarkGroup, presentBuiltinSynonym, presentSynonym, type BenchmarkRow } from './benchmark.presenter.ts';
import {
  deleteSynonymById,
  findSynonymById,
  insertSynonym,
  listSynonymsInScope,
  listTargetSourcesInScope,
  type SynonymScope,
  type SynonymWithRegion,
} from './benchmark.queries.ts';

const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** Synonyms that apply to what the actor compares: its region's and those of the regions above. */
function applyingScope(actor: Actor): SynonymScope | null {
  if (actor.role === 'admin') return { kind: 'all' };
  return actor.regionPath ? { kind: 'path', path: actor.regionPath, withSubtree: false } : null;
}

/**
 * Office rows (canonical, variant) as core synonym entries; an entry whose canonical is built in
 * takes the built-in direction and unit kind, so "better" still marks the best value.
 */
export function toSynonymTable(rows: readonly Pick<SynonymWithRegion, 'canonical' | 'variant'>[]): MetricSynonym[] {
  const byCanonical = new Map<string, string[]>();
  for (const r of rows) byCanonical.set(r.canonical, [...(byCanonical.get(r.canonical) ?? []), r.variant]);
  return [...byCanonical].map(([canonical, variants]) => {
    const builtin = BUILTIN_METRIC_SYNONYMS.find((s) => s.canonical === canonical);
    return { canonical, variants, ...(builtin?.better ? { better: builtin.better } : {}), ...(builtin?.kind ? { kind: builtin.kind } : {}) };
  });
}

export async function getBenchmark(db: Kysely<Database>, actor: Actor, query: { metric?: string }) {
  const scope = applyingScope(actor);
  const synonyms = toSynonymTable(scope ? await listSynonymsInScope(db, scope) : []);
  const { plans, measures } = await listTargetSourcesInScope(db, planScopeOf(actor));
  const byId = new Map(plans.map((p) => [p.id, p]));
  const rows: BenchmarkRow[] = [];
  const add = (planId: string, measure: { id: string; number: string } | null, targets: unknown) => {
    const plan = byId.get(planId)!;
    for (const t of targets as Target[]) {
      rows.push({
        planId,
        planTitle: plan.title,
        planStatus: plan.status,
        region: plan.region_name ?? plan.owner_region_name,
        measureId: measure?.id ?? null,
        measureNumber: measure?.number ?? null,
        text: t.text,
        metric: t.metric,
        op: t.op,
        value: t.value,
        unit: t.unit,
        by: t.by,
      });
    }
  };
  for (const p of plans) add(p.id, null, p.goals);
  for (const m of measures) add(m.plan_id, m, m.targets);
  const result = compareTargets(rows, synonyms);
  let groups = result.groups;
  if (query.metric) {
    const wanted = normalizeMetric(query.metric, synonyms).canonical;
    const cleaned = cleanMetric(query.metric);
    groups = groups.filter((g) => g.canonical === wanted || g.canonical.includes(cleaned));
  }
  return { groups: groups.map(presentBenchmarkGroup), skipped: result.skipped.length };
}

export async function listMetricSynonyms(db: Kysely<Database>, actor: Actor) {
  const scope: SynonymScope | null = actor.role === 'admin' ? { kind: 'all' } : actor.regionPath ? { kind: 'path', path: actor.regionPath, withSubtree: actor.role !== 'unit' } : null;
  const rows = scope ? await listSynonymsInScope(db, scope) : [];
  const items = rows.filter((r) => canReadSynonym(actor, { regionPath: r.region_path })).map((r) => presentSynonym(r, actor));
  return { items, total: items.length, builtin: BUILTIN_METRIC_SYNONYMS.map(presentBuiltinSynonym) };
}

export async function createMetricSynonym(db: Kysely<Database>, actor: Actor, input: { canonical: string; variant: string; regionId?: string }) {
  if (actor.role !== 'admin' && actor.role !== 'office') throw new AppError('FORBIDDEN');
  const regionId = input.regionId ?? actor.regionId;
  if (!regionId) throw new AppError('VALIDATION', undefined, [{ field: 'body.regionId', message: 'must have required property regionId', keyword: 'required' }]);
  const region = await findRegionById(db, regionId);
  if (!region || !canManageSynonymsIn(actor, region.path)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  const canonical = input.canonical.trim();
  const variant = input.variant.trim();
  try {
    const created = await db.transaction().execute(async (trx) => {
      const { id } = await insertSynonym(trx, { region_id: region.id, canonical, variant, created_by: actor.id });
      await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'metric_synonym', entityId: id, regionId: region.id, after: { canonical, variant, regionId: region.id } });
      return (await findSynonymById(trx, id))!;
    });
    return presentSynonym(created, actor);
  } catch (err) {
    if (isUniqueViolation(err, 'metric_synonyms_region_id_variant_key')) throw new AppError('METRIC_SYNONYM_TAKEN');
    throw err;
  }
}

export async function deleteMetricSynonym(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const row = await findSynonymById(db, id);
  if (!row || !canReadSynonym(actor, { regionPath: row.region_path })) throw new AppError('NOT_FOUND');
  if (!canManageSynonymsIn(actor, row.region_path)) throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    await deleteSynonymById(trx, id);
    await recordAudit(trx, { actor: actorRef(actor), action: 'delete', entity: 'metric_synonym', entityId: id, regionId: row.region_id, before: { canonical: row.canonical, variant: row.variant, regionId: row.region_id } });
  });
}
