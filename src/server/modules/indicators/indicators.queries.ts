import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { IndicatorNodeTable } from '../../db/schema-indicators.ts';

type Db = Kysely<Database>;
export type NodeRow = { [K in keyof IndicatorNodeTable]: K extends 'id' ? string : IndicatorNodeTable[K] };
export type NewNodeRow = Omit<NodeRow, 'id' | 'system_id'>;

const systemColumns = [
  's.id', 's.region_id', 's.lineage_id', 's.version', 's.name', 's.description', 's.is_template', 's.frontier_note', 's.created_at', 's.updated_at',
  'r.path as region_path', 'r.name as region_name',
] as const;

export function findSystemById(db: Db, id: string) {
  return db.selectFrom('indicator_systems as s').innerJoin('regions as r', 'r.id', 's.region_id').select(systemColumns).where('s.id', '=', id).executeTakeFirst();
}
export type SystemRow = NonNullable<Awaited<ReturnType<typeof findSystemById>>>;

/** Systems whose region is on the path of `regionPath` (above or at) or inside it; null = all. */
export function listSystems(db: Db, regionPath: string | null) {
  let q = db.selectFrom('indicator_systems as s').innerJoin('regions as r', 'r.id', 's.region_id').select(systemColumns);
  if (regionPath !== null) q = q.where(sql<SqlBool>`(${regionPath} like r.path || '%' or r.path like ${regionPath} || '%')`);
  return q.orderBy('s.created_at', 'desc').orderBy('s.version', 'desc').execute();
}

export function maxVersionOfLineage(db: Db, lineageId: string) {
  return db.selectFrom('indicator_systems').select(sql<number>`coalesce(max(version), 0)::int`.as('v')).where('lineage_id', '=', lineageId).executeTakeFirstOrThrow();
}

export function insertSystem(db: Db, v: { region_id: string; lineage_id: string; version: number; name: string; description: string; is_template: boolean; frontier_note: string; created_by: string | null }) {
  return db.insertInto('indicator_systems').values({ ...v, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
}

export async function insertNodes(db: Db, systemId: string, nodes: readonly NewNodeRow[]) {
  for (let i = 0; i < nodes.length; i += 500) {
    await db.insertInto('indicator_nodes').values(nodes.slice(i, i + 500).map((n) => ({ ...n, system_id: systemId }))).execute();
  }
}

export function listNodes(db: Db, systemId: string): Promise<NodeRow[]> {
  return db.selectFrom('indicator_nodes').selectAll().where('system_id', '=', systemId).orderBy('seq').execute();
}

export function listNodesWithUnits(db: Db, systemId: string) {
  return db
    .selectFrom('indicator_nodes as n')
    .leftJoin('units as u', 'u.id', 'n.responsible_unit_id')
    .selectAll('n')
    .select('u.name as unit_name')
    .where('n.system_id', '=', systemId)
    .orderBy('n.seq')
    .execute();
}

/** Regions evaluated by a system: the children of its region. */
export function listChildRegions(db: Db, regionId: string) {
  return db.selectFrom('regions').select(['id', 'name', 'code', 'path']).where('parent_id', '=', regionId).orderBy('name').execute();
}

export function listRegionsByIdsOrCodes(db: Db, parentId: string) {
  return db.selectFrom('regions').select(['id', 'name', 'code', 'path']).where('parent_id', '=', parentId).execute();
}

/**
 * A period's values, one row per region with its values packed as `key=value;…` (a province period is ~36,000
 * values: 120 rows to transfer and parse instead of 36,000).
 */
export async function listValuesOfPeriod(db: Db, systemId: string, period: string) {
  const rows = await db
    .selectFrom('indicator_values')
    .select(['region_id', sql<string>`string_agg(node_key || '=' || value::text, ';')`.as('packed')])
    .where('system_id', '=', systemId)
    .where('period', '=', period)
    .groupBy('region_id')
    .execute();
  const out: Array<{ region_id: string; node_key: string; value: number }> = [];
  for (const r of rows) {
    for (const pair of r.packed.split(';')) {
      const eq = pair.lastIndexOf('=');
      out.push({ region_id: r.region_id, node_key: pair.slice(0, eq), value: Number(pair.slice(eq + 1)) });
    }
  }
  return out;
}

/** Change stamp of a period's values (bumped by {@link upsertValues}); a cached score is reused while it holds. */
export async function periodStamp(db: Db, systemId: string, period: string) {
  const row = await db.selectFrom('indicator_period_stamps').select('stamp').where('system_id', '=', systemId).where('period', '=', period).executeTakeFirst();
  return row ? String(row.stamp) : '0';
}

async function bumpStamps(db: Db, keys: ReadonlyArray<{ system_id: string; period: string }>) {
  const unique = [...new Map(keys.map((k) => [`${k.system_id}|${k.period}`, k])).values()];
  if (unique.length === 0) return;
  await db
    .insertInto('indicator_period_stamps')
    .values(unique.map((k) => ({ system_id: k.system_id, period: k.period, stamp: 1 })))
    .onConflict((oc) => oc.columns(['system_id', 'period']).doUpdateSet({ stamp: sql`indicator_period_stamps.stamp + 1` }))
    .execute();
}

export function listPeriods(db: Db, systemId: string) {
  return db.selectFrom('indicator_values').select('period').distinct().where('system_id', '=', systemId).orderBy('period').execute();
}

export interface ValueFilter {
  period?: string;
  regionId?: string;
  nodeKey?: string;
  /** Only leaves owned by this unit. */
  unitId?: string;
  /** Only regions under this path. */
  regionPath?: string;
  offset: number;
  limit: number;
}

export async function listValues(db: Db, systemId: string, f: ValueFilter) {
  let q = db
    .selectFrom('indicator_values as v')
    .innerJoin('regions as r', 'r.id', 'v.region_id')
    .innerJoin('indicator_nodes as n', (j) => j.onRef('n.system_id', '=', 'v.system_id').onRef('n.key', '=', 'v.node_key'))
    .where('v.system_id', '=', systemId);
  if (f.period) q = q.where('v.period', '=', f.period);
  if (f.regionId) q = q.where('v.region_id', '=', f.regionId);
  if (f.nodeKey) q = q.where('v.node_key', '=', f.nodeKey);
  if (f.unitId) q = q.where('n.responsible_unit_id', '=', f.unitId);
  if (f.regionPath) q = q.where('r.path', 'like', `${f.regionPath}%`);
  const [rows, total] = await Promise.all([
    q
      .select(['v.id', 'v.node_key', 'n.name as node_name', 'n.unit_label', 'v.region_id', 'r.name as region_name', 'v.period', 'v.value', 'v.source', 'v.round_id', 'v.task_id', 'v.evidence', 'v.entered_by_name', 'v.entered_at'])
      .orderBy('v.period')
      .orderBy('r.name')
      .orderBy('n.seq')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export interface ValueUpsert {
  system_id: string;
  node_key: string;
  region_id: string;
  period: string;
  value: number;
  source: 'manual' | 'round' | 'import' | 'computed' | 'task_kpi';
  round_id: string | null;
  /** Set for source 'task_kpi'; any other write of the value clears it. */
  task_id?: string | null;
  evidence: string;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: Date;
}

export function findValuesFor(db: Db, systemId: string, period: string, keys: ReadonlyArray<{ region_id: string; node_key: string }>) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('indicator_values')
    .select(['region_id', 'node_key', 'value', 'source', 'evidence', 'entered_by_name', 'entered_at', 'task_id'])
    .where('system_id', '=', systemId)
    .where('period', '=', period)
    .where(sql<SqlBool>`(region_id::text || '|' || node_key) in (${sql.join(keys.map((k) => `${k.region_id}|${k.node_key}`))})`)
    .execute();
}

export async function upsertValues(db: Db, rows: readonly ValueUpsert[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('indicator_values')
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r, task_id: r.task_id ?? null })))
      .onConflict((oc) =>
        oc.columns(['system_id', 'period', 'region_id', 'node_key']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          source: eb.ref('excluded.source'),
          round_id: eb.ref('excluded.round_id'),
          task_id: eb.ref('excluded.task_id'),
          evidence: eb.ref('excluded.evidence'),
          entered_by: eb.ref('excluded.entered_by'),
          entered_by_name: eb.ref('excluded.entered_by_name'),
          entered_at: eb.ref('excluded.entered_at'),
        })),
      )
      .execute();
  }
  await bumpStamps(db, rows);
}

// Collection rounds

export function insertRound(db: Db, v: { system_id: string; region_id: string; period: string; title: string; due_date: string | null; created_by: string | null }) {
  return db.insertInto('indicator_rounds').values(v).returning('id').executeTakeFirstOrThrow();
}

export function insertRoundUnits(db: Db, roundId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve();
  return db.insertInto('indicator_round_units').values(unitIds.map((unit_id) => ({ round_id: roundId, unit_id }))).execute();
}

const roundColumns = [
  'ro.id', 'ro.system_id', 'ro.region_id', 'ro.period', 'ro.title', sql<string | null>`to_char(ro.due_date, 'YYYY-MM-DD')`.as('due_date'), 'ro.status', 'ro.created_at', 'ro.closed_at',
  'r.path as region_path', 's.name as system_name',
] as const;

export function findRoundById(db: Db, id: string) {
  return db
    .selectFrom('indicator_rounds as ro')
    .innerJoin('regions as r', 'r.id', 'ro.region_id')
    .innerJoin('indicator_systems as s', 's.id', 'ro.system_id')
    .select(roundColumns)
    .where('ro.id', '=', id)
    .executeTakeFirst();
}
export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRoundById>>>;

export function listRounds(db: Db, filter: { regionPath?: string | null; unitId?: string }) {
  let q = db.selectFrom('indicator_rounds as ro').innerJoin('regions as r', 'r.id', 'ro.region_id').innerJoin('indicator_systems as s', 's.id', 'ro.system_id').select(roundColumns);
  if (filter.regionPath) q = q.where('r.path', 'like', `${filter.regionPath}%`);
  if (filter.unitId) q = q.where((eb) => eb.exists(eb.selectFrom('indicator_round_units as ru').select('ru.unit_id').whereRef('ru.round_id', '=', 'ro.id').where('ru.unit_id', '=', filter.unitId!)));
  return q.orderBy('ro.created_at', 'desc').execute();
}

export function listRoundUnits(db: Db, roundId: string) {
  return db
    .selectFrom('indicator_round_units as ru')
    .innerJoin('units as u', 'u.id', 'ru.unit_id')
    .select(['ru.unit_id', 'u.name as unit_name', 'ru.status', 'ru.submitted_at', 'ru.reviewed_at', 'ru.review_comment'])
    .where('ru.round_id', '=', roundId)
    .orderBy('u.name')
    .execute();
}

export function findRoundUnit(db: Db, roundId: string, unitId: string) {
  return db.selectFrom('indicator_round_units').selectAll().where('round_id', '=', roundId).where('unit_id', '=', unitId).executeTakeFirst();
}

export function updateRoundUnit(db: Db, roundId: string, unitId: string, v: { status: 'pending' | 'submitted' | 'accepted' | 'returned'; submitted_at?: Date; reviewed_at?: Date; review_comment?: string | null }) {
  return db.updateTable('indicator_round_units').set(v).where('round_id', '=', roundId).where('unit_id', '=', unitId).execute();
}

export function listRoundEntries(db: Db, roundId: string, unitId?: string) {
  let q = db.selectFrom('indicator_round_entries').selectAll().where('round_id', '=', roundId);
  if (unitId) q = q.where('unit_id', '=', unitId);
  return q.execute();
}

export async function upsertRoundEntries(db: Db, rows: ReadonlyArray<{ round_id: string; unit_id: string; node_key: string; region_id: string; value: number; evidence: string; entered_by: string; entered_by_name: string; entered_at: Date }>) {
  if (rows.length === 0) return;
  await db
    .insertInto('indicator_round_entries')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['round_id', 'node_key', 'region_id']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        evidence: eb.ref('excluded.evidence'),
        entered_by: eb.ref('excluded.entered_by'),
        entered_by_name: eb.ref('excluded.entered_by_name'),
        entered_at: eb.ref('excluded.entered_at'),
      })),
    )
    .execute();
}

export function closeRound(db: Db, id: string, at: Date) {
  return db.updateTable('indicator_rounds').set({ status: 'closed', closed_at: at }).where('id', '=', id).execute();
}

// Plan-target links and alerts

export function insertTargetLink(db: Db, v: { system_id: string; node_key: string; measure_id: string; target: number; target_text: string; created_by: string | null }) {
  return db.insertInto('indicator_target_links').values(v).onConflict((oc) => oc.columns(['system_id', 'node_key', 'measure_id']).doUpdateSet({ target: v.target, target_text: v.target_text })).returning('id').executeTakeFirstOrThrow();
}

export function listTargetLinks(db: Db, systemId: string, nodeKey?: string) {
  let q = db
    .selectFrom('indicator_target_links as l')
    .innerJoin('plan_measures as m', 'm.id', 'l.measure_id')
    .innerJoin('plans as p', 'p.id', 'm.plan_id')
    .select(['l.id', 'l.node_key', 'l.measure_id', 'l.target', 'l.target_text', 'm.number as measure_number', 'm.title as measure_title', 'm.text as measure_text', 'm.plan_id', 'p.title as plan_title'])
    .where('l.system_id', '=', systemId);
  if (nodeKey) q = q.where('l.node_key', '=', nodeKey);
  return q.execute();
}

/** Values of a period written from task KPIs (a round does not ask for them again). */
export function listTaskKpiValues(db: Db, systemId: string, period: string) {
  return db.selectFrom('indicator_values').select(['region_id', 'node_key', 'value', 'task_id', 'evidence']).where('system_id', '=', systemId).where('period', '=', period).where('source', '=', 'task_kpi').execute();
}

/** The indicator leaves a plan measure's quantified targets are linked to, with each leaf's system and cycle. */
export function listLinksOfMeasure(db: Db, measureId: string) {
  return db
    .selectFrom('indicator_target_links as l')
    .innerJoin('indicator_systems as s', 's.id', 'l.system_id')
    .innerJoin('indicator_nodes as n', (j) => j.onRef('n.system_id', '=', 'l.system_id').onRef('n.key', '=', 'l.node_key'))
    .select(['l.id', 'l.system_id', 'l.node_key', 'l.target', 'l.target_text', 's.region_id as system_region_id', 'n.name as node_name', 'n.cycle', 'n.is_leaf'])
    .where('l.measure_id', '=', measureId)
    .execute();
}

export function findMeasureRegion(db: Db, measureId: string) {
  return db.selectFrom('plan_measures as m').innerJoin('plans as p', 'p.id', 'm.plan_id').innerJoin('regions as r', 'r.id', 'p.region_id').select(['m.id', 'm.plan_id', 'r.path']).where('m.id', '=', measureId).executeTakeFirst();
}

export function insertAlertRule(db: Db, v: { system_id: string; node_key: string; kind: 'below' | 'wrong_way' | 'misses_target'; threshold: number | null; open_task: boolean; created_by: string | null }) {
  return db.insertInto('indicator_alert_rules').values(v).returning('id').executeTakeFirstOrThrow();
}

export function listAlertRules(db: Db, systemId: string) {
  return db.selectFrom('indicator_alert_rules').selectAll().where('system_id', '=', systemId).orderBy('created_at').execute();
}

/** Records an alert once per rule, region and period; returns whether it is new. */
export async function insertAlertOnce(db: Db, v: { rule_id: string; region_id: string; period: string; message: string }) {
  const row = await db.insertInto('indicator_alerts').values(v).onConflict((oc) => oc.columns(['rule_id', 'region_id', 'period']).doNothing()).returning('id').executeTakeFirst();
  return row !== undefined;
}

export function listAlerts(db: Db, systemId: string, period?: string) {
  let q = db
    .selectFrom('indicator_alerts as a')
    .innerJoin('indicator_alert_rules as ru', 'ru.id', 'a.rule_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .select(['a.id', 'a.rule_id', 'ru.node_key', 'ru.kind', 'a.region_id', 'r.name as region_name', 'r.path as region_path', 'a.period', 'a.message', 'a.created_at', 'a.task_id', 'a.plan_id', 'a.tasked_at'])
    .where('ru.system_id', '=', systemId);
  if (period) q = q.where('a.period', '=', period);
  return q.orderBy('a.period', 'desc').orderBy('a.created_at', 'desc').orderBy('r.name').orderBy('a.id').execute();
}

/** One alert with its rule's system and leaf, locked for the 转督办 transaction. */
export function lockAlertById(db: Db, id: string) {
  return db
    .selectFrom('indicator_alerts as a')
    .innerJoin('indicator_alert_rules as ru', 'ru.id', 'a.rule_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .select(['a.id', 'a.region_id', 'r.name as region_name', 'r.path as region_path', 'a.period', 'a.message', 'a.task_id', 'ru.system_id', 'ru.node_key'])
    .where('a.id', '=', id)
    .forUpdate('a')
    .executeTakeFirst();
}

export function setAlertTask(db: Db, id: string, v: { task_id: string; plan_id: string; tasked_at: Date }) {
  return db.updateTable('indicator_alerts').set(v).where('id', '=', id).execute();
}

export function listUnitsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('units as u').innerJoin('regions as r', 'r.id', 'u.region_id').select(['u.id', 'u.name', 'r.path']).where('u.id', 'in', ids).execute();
}
