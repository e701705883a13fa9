import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { compileTree, compositeOf, explainScore, gapsToFrontier, ROOT_KEY, simulate, type TreeIssue } from '../../../core/scoring/index.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, recordAudits } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { listTasks } from '../supervision/tasks.service.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { DEFAULT_TREE_DESCRIPTION, DEFAULT_TREE_NAME, defaultTreeNodes } from './default-tree.data.ts';
import { canManageSystem, canReadEvaluation, canReadSystem, canSeeRegion, ownsLeaf, systemPolicies } from './indicators.permissions.ts';
import { presentNode, presentSystem, presentValue } from './indicators.presenter.ts';
import { findProvider, listProviders } from './indicators.providers.ts';
// Providers registered by other modules (each module computes its own numbers).
import '../appeals/appeals.indicators.ts';
import {
  findMeasureRegion,
  findSystemById,
  findValuesFor,
  insertNodes,
  insertSystem,
  insertTargetLink,
  listChildRegions,
  listNodesWithUnits,
  listPeriods,
  listSystems as listSystemRows,
  listTargetLinks,
  listValues as listValueRows,
  maxVersionOfLineage,
  upsertValues,
  type NewNodeRow,
  type SystemRow,
} from './indicators.queries.ts';
import { applyValueChanges, loadTree, scoreSystemPeriod } from './indicators.scoring.ts';

export const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });
const facts = (s: SystemRow) => ({ regionPath: s.region_path });

export const PERIOD_PATTERN = '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$';
const PERIOD_RE = new RegExp(PERIOD_PATTERN);

export function assertPeriod(period: string, field = 'period'): void {
  if (!PERIOD_RE.test(period)) throw new AppError('IND_PERIOD_INVALID', undefined, { field });
}

/** First and last day of a period ('2025', '2025-Q2', '2025-03'), the last capped at `today`. */
export function periodRange(period: string, today: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  let m0 = 1;
  let m1 = 12;
  if (period.includes('-Q')) {
    const q = Number(period.slice(6));
    m0 = 3 * q - 2;
    m1 = 3 * q;
  } else if (period.length === 7) m0 = m1 = Number(period.slice(5));
  const last = new Date(Date.UTC(y, m1, 0)).getUTCDate();
  const from = `${y}-${String(m0).padStart(2, '0')}-01`;
  const to = `${y}-${String(m1).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
  return { from, to: to > today ? today : to };
}

export async function getSystemOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<SystemRow> {
  const s = await findSystemById(db, id);
  if (!s || !canReadSystem(actor, facts(s))) throw new AppError('NOT_FOUND');
  return s;
}

async function getManagedSystemOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<SystemRow> {
  const s = await getSystemOrThrow(db, actor, id);
  if (!canManageSystem(actor, facts(s))) throw new AppError('FORBIDDEN');
  return s;
}

async function getEvaluatedSystemOrThrow(db: Kysely<Database>, actor: Actor, id: string): Promise<SystemRow> {
  const s = await getSystemOrThrow(db, actor, id);
  if (!canReadEvaluation(actor, facts(s))) throw new AppError('FORBIDDEN');
  return s;
}

export async function listSystems(db: Kysely<Database>, actor: Actor) {
  if (actor.role === 'enterprise') throw new AppError('FORBIDDEN');
  const rows = await listSystemRows(db, actor.role === 'admin' ? null : (actor.regionPath ?? '/__none__/'));
  const items = rows.filter((s) => canReadSystem(actor, facts(s))).map((s) => presentSystem(s, systemPolicies(actor, facts(s))));
  return { items, total: items.length };
}

export async function getSystem(db: Kysely<Database>, actor: Actor, id: string) {
  const s = await getSystemOrThrow(db, actor, id);
  const nodes = await listNodesWithUnits(db, id);
  return {
    ...presentSystem(s, systemPolicies(actor, facts(s))),
    nodes: nodes.map(presentNode),
    providers: listProviders().map((p) => ({ id: p.id, label: p.label, unitLabel: p.unitLabel, direction: p.direction, period: p.period, scope: p.scope, query: p.query })),
  };
}

export interface NodeInput {
  key: string;
  parentKey: string | null;
  name: string;
  weight?: number;
  aggregation?: 'weighted_mean' | 'mean';
  isLeaf?: boolean;
  component?: string | null;
  unitLabel?: string;
  direction?: 'lower' | 'higher' | null;
  frontierMode?: 'fixed' | 'sample' | null;
  best?: number | null;
  worst?: number | null;
  transform?: 'linear' | 'nonlinear';
  exponent?: number | null;
  dataSource?: 'manual' | 'computed' | 'import';
  provider?: string | null;
  cycle?: 'year' | 'quarter' | 'month';
  responsibleUnitId?: string | null;
  /** Words matched against the region's unit names when no unit id is given (templates, .xlsx import). */
  unitHint?: string | null;
}

export interface CreateSystemInput {
  regionId?: string;
  name?: string;
  description?: string;
  /** Start from the shipped template (国家发展改革委18项一级指标). */
  template?: 'ndrc-default';
  /** Make a new version of this system (same lineage); nodes default to that version's. */
  basedOnId?: string;
  nodes?: NodeInput[];
  frontierNote?: string;
}

/** Issues of a node list as the API reports them (tree shape, frontiers, providers). */
export function validateNodes(nodes: readonly NodeInput[]): TreeIssue[] {
  const issues: TreeIssue[] = [];
  for (const n of nodes) {
    if (n.isLeaf && (n.frontierMode ?? 'fixed') === 'fixed' && (n.best == null || n.worst == null)) {
      issues.push({ key: n.key, code: 'BAD_FRONTIER', message: `末级指标 ${n.key} 须设置最优值和最差值（或改为取样本前沿）` });
    }
    if (n.provider && !findProvider(n.provider)) issues.push({ key: n.key, code: 'BAD_FRONTIER', message: `未知的自动计算来源 ${n.provider}` });
  }
  const { issues: shape } = compileTree(
    nodes.map((n) => ({
      key: n.key,
      parentKey: n.parentKey,
      name: n.name,
      weight: n.weight ?? 1,
      aggregation: n.aggregation,
      leaf: n.isLeaf ? { direction: n.direction ?? 'lower', frontier: (n.frontierMode ?? 'fixed') === 'fixed' ? { mode: 'fixed', best: n.best ?? 0, worst: n.worst ?? 1 } : { mode: 'sample' } } : null,
    })),
  );
  return [...issues, ...shape.filter((i) => !(i.code === 'BAD_FRONTIER' && issues.some((x) => x.key === i.key)))];
}

export async function resolveUnitHints(db: Kysely<Database>, regionPath: string, nodes: NodeInput[]): Promise<Map<string, string>> {
  const hints = [...new Set(nodes.map((n) => n.unitHint).filter((h): h is string => !!h))];
  if (hints.length === 0) return new Map();
  const units = await db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name', 'u.short_name', 'u.aliases', 'r.path'])
    .where('r.path', '=', regionPath)
    .execute();
  const out = new Map<string, string>();
  for (const h of hints) {
    const u = units.find((x) => [x.name, x.short_name ?? '', ...x.aliases].some((s) => s.includes(h)));
    if (u) out.set(h, u.id);
  }
  return out;
}

export function toRows(nodes: readonly NodeInput[], units: Map<string, string>): NewNodeRow[] {
  return nodes.map((n, seq) => ({
    key: n.key,
    parent_key: n.parentKey,
    seq,
    name: n.name,
    weight: n.weight ?? 1,
    aggregation: n.aggregation ?? 'weighted_mean',
    is_leaf: n.isLeaf ?? false,
    component: n.component ?? null,
    unit_label: n.unitLabel ?? '',
    direction: n.isLeaf ? (n.direction ?? 'lower') : null,
    frontier_mode: n.isLeaf ? (n.frontierMode ?? 'fixed') : null,
    best: n.isLeaf ? (n.best ?? null) : null,
    worst: n.isLeaf ? (n.worst ?? null) : null,
    transform: n.transform ?? 'linear',
    exponent: n.exponent ?? null,
    data_source: n.provider ? 'computed' : (n.dataSource ?? 'manual'),
    provider: n.provider ?? null,
    cycle: n.cycle ?? 'year',
    responsible_unit_id: n.responsibleUnitId ?? (n.unitHint ? (units.get(n.unitHint) ?? null) : null),
  }));
}

/** A stored node as the input that would create it again: the presented fields without the id and unit name. */
function fromStored(n: Awaited<ReturnType<typeof listNodesWithUnits>>[number]): NodeInput {
  const { id: _id, responsibleUnit: _unit, ...fields } = presentNode(n);
  return { ...fields, responsibleUnitId: n.responsible_unit_id };
}

/**
 * Creates a system (from the template, from nodes, or as a new version of another). Versions are immutable: an
 * edit is a new version in the same lineage, so scores of earlier periods stay reproducible; keeping the fixed
 * frontiers of the previous version keeps the years comparable.
 */
export async function createSystem(db: Kysely<Database>, actor: Actor, input: CreateSystemInput) {
  let base: SystemRow | undefined;
  let nodes = input.nodes;
  if (input.basedOnId) {
    base = await getSystemOrThrow(db, actor, input.basedOnId);
    nodes ??= (await listNodesWithUnits(db, base.id)).map(fromStored);
  }
  if (input.template === 'ndrc-default') nodes ??= defaultTreeNodes();
  if (!nodes || nodes.length === 0) throw new AppError('VALIDATION', '请提供指标或选择模板', [{ field: 'body.nodes', message: 'nodes, template or basedOnId required' }]);
  const regionId = base?.region_id ?? input.regionId ?? actor.regionId;
  if (!regionId) throw new AppError('VALIDATION', '请指定区域', [{ field: 'body.regionId', message: 'required for an account without a region' }]);
  const region = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).executeTakeFirst();
  if (!region) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  if (!canManageSystem(actor, { regionPath: region.path })) throw canReadSystem(actor, { regionPath: region.path }) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  const issues = validateNodes(nodes);
  if (issues.length) throw new AppError('IND_TREE_INVALID', undefined, { issues });
  const units = await resolveUnitHints(db, region.path, nodes);
  const lineageId = base?.lineage_id ?? randomUUID();
  const id = await db.transaction().execute(async (trx) => {
    const version = base ? (await maxVersionOfLineage(trx, lineageId)).v + 1 : 1;
    const { id } = await insertSystem(trx, {
      region_id: region.id,
      lineage_id: lineageId,
      version,
      name: input.name ?? base?.name ?? DEFAULT_TREE_NAME,
      description: input.description ?? base?.description ?? (input.template ? DEFAULT_TREE_DESCRIPTION : ''),
      is_template: input.template === 'ndrc-default' || (base?.is_template ?? false),
      frontier_note: input.frontierNote ?? base?.frontier_note ?? '前沿值（最优/最差）在本方法版本内固定，各年得分可比。',
      created_by: actor.id,
    });
    await insertNodes(trx, id, toRows(nodes!, units));
    await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'indicator_system', entityId: id, regionId: region.id, after: { version, basedOn: base?.id ?? null, nodes: nodes!.length } });
    return id;
  });
  return getSystem(db, actor, id);
}

// Values

export interface ValueInput {
  regionId: string;
  nodeKey: string;
  value: number;
  evidence?: string;
}

export interface ValueIssue {
  row: number;
  column: string;
  message: string;
}

/**
 * Checks a batch of values against the tree and the regions the actor may write; returns the issues (row = index +
 * `rowBase`), never a partial batch.
 */
async function checkValues(db: Kysely<Database>, actor: Actor, s: SystemRow, values: readonly ValueInput[], rowBase: number): Promise<ValueIssue[]> {
  const [{ tree, nodes }, regions] = await Promise.all([loadTree(db, s.id), listChildRegions(db, s.region_id)]);
  const byId = new Map(regions.map((r) => [r.id, r]));
  const nodeBy = new Map(nodes.map((n) => [n.key, n]));
  const issues: ValueIssue[] = [];
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const row = i + rowBase;
    const n = nodeBy.get(v.nodeKey);
    if (!n || tree.leafOf[tree.index.get(v.nodeKey)!] < 0) issues.push({ row, column: 'nodeKey', message: `指标 ${v.nodeKey} 不是本体系的末级指标` });
    const r = byId.get(v.regionId);
    if (!r || !canSeeRegion(actor, r.path)) issues.push({ row, column: 'region', message: '地区不在本体系的评价范围或无权填报' });
    if (!Number.isFinite(v.value)) issues.push({ row, column: 'value', message: '数值须为数字' });
    const k = `${v.regionId}|${v.nodeKey}`;
    if (seen.has(k)) issues.push({ row, column: 'nodeKey', message: '同一地区同一指标重复出现' });
    seen.add(k);
  });
  return issues;
}

/** Stores values (upsert) with source, who, when and evidence; audited with before/after, in one transaction. */
export async function storeValues(
  db: Kysely<Database>,
  actor: { id: string | null; name: string },
  s: { id: string; region_id: string },
  period: string,
  values: readonly ValueInput[],
  source: 'manual' | 'round' | 'import' | 'computed',
  at: Date,
  roundId: string | null = null,
) {
  await db.transaction().execute(async (trx) => {
    const before = await findValuesFor(trx, s.id, period, values.map((v) => ({ region_id: v.regionId, node_key: v.nodeKey })));
    const beforeBy = new Map(before.map((b) => [`${b.region_id}|${b.node_key}`, b]));
    await upsertValues(
      trx,
      values.map((v) => ({ system_id: s.id, node_key: v.nodeKey, region_id: v.regionId, period, value: v.value, source, round_id: roundId, evidence: v.evidence ?? '', entered_by: actor.id, entered_by_name: actor.name, entered_at: at })),
    );
    await recordAudits(
      trx,
      values.map((v) => {
        const b = beforeBy.get(`${v.regionId}|${v.nodeKey}`);
        return {
          actor: actor.id ? actor : { id: null, name: actor.name },
          action: b ? 'update' : 'create',
          entity: 'indicator_value',
          entityId: s.id,
          regionId: v.regionId,
          before: b ? { period, nodeKey: v.nodeKey, value: b.value, source: b.source } : null,
          after: { period, nodeKey: v.nodeKey, value: v.value, source, evidence: v.evidence ?? '' },
          at,
        };
      }),
    );
  });
  await applyValueChanges(db, s.id, period, values);
}

export async function postValues(db: Kysely<Database>, actor: Actor, input: { systemId: string; period: string; values: ValueInput[] }, now: Date) {
  assertPeriod(input.period, 'body.period');
  const s = await getManagedSystemOrThrow(db, actor, input.systemId);
  const issues = await checkValues(db, actor, s, input.values, 0);
  if (issues.length) throw new AppError('IND_VALUES_INVALID', undefined, { issues });
  await storeValues(db, actorRef(actor), s, input.period, input.values, 'manual', now);
  return { stored: input.values.length };
}

export async function listValues(db: Kysely<Database>, actor: Actor, q: { systemId: string; period?: string; regionId?: string; nodeKey?: string; page: number; pageSize: number }) {
  if (q.period) assertPeriod(q.period, 'querystring.period');
  const s = await getSystemOrThrow(db, actor, q.systemId);
  const filter = { period: q.period, regionId: q.regionId, nodeKey: q.nodeKey, offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
  let res;
  if (actor.role === 'unit') {
    if (!actor.unitId) throw new AppError('FORBIDDEN');
    res = await listValueRows(db, s.id, { ...filter, unitId: actor.unitId });
  } else if (actor.role === 'admin') res = await listValueRows(db, s.id, filter);
  else if (actor.role === 'office' || actor.role === 'leader') res = await listValueRows(db, s.id, { ...filter, regionPath: actor.regionPath ?? '/__none__/' });
  else throw new AppError('FORBIDDEN');
  return { items: res.rows.map(presentValue), total: res.total };
}

/** Runs the providers of the computed leaves for a period and stores what they return (source 'computed'). */
export async function computeValues(db: Kysely<Database>, actor: Actor | null, systemId: string, period: string, now: Date) {
  assertPeriod(period, 'body.period');
  const s = actor ? await getManagedSystemOrThrow(db, actor, systemId) : (await findSystemById(db, systemId))!;
  const [{ nodes }, regions] = await Promise.all([loadTree(db, s.id), listChildRegions(db, s.region_id)]);
  const { from, to } = periodRange(period, officeToday(now));
  const values: ValueInput[] = [];
  const computed: Array<{ nodeKey: string; provider: string; regions: number }> = [];
  for (const n of nodes) {
    const p = n.is_leaf && n.provider ? findProvider(n.provider) : undefined;
    if (!p || from > to) continue;
    const got = await p.compute(db, { regions, period, from, to });
    for (const [regionId, value] of got) values.push({ regionId, nodeKey: n.key, value: Math.round(value * 100) / 100, evidence: `自动计算：${p.label}（${p.query}）` });
    computed.push({ nodeKey: n.key, provider: p.id, regions: got.size });
  }
  if (values.length) await storeValues(db, actor ? actorRef(actor) : { id: null, name: 'system' }, s, period, values, 'computed', now);
  return { computed };
}

// Evaluations

const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export async function getEvaluation(db: Kysely<Database>, actor: Actor, q: { systemId: string; period: string; depth?: number }) {
  assertPeriod(q.period, 'querystring.period');
  const s = await getEvaluatedSystemOrThrow(db, actor, q.systemId);
  const { scores, regions } = await scoreSystemPeriod(db, s, q.period);
  const { tree, nodes } = await loadTree(db, s.id);
  const N = tree.keys.length;
  const comp = compositeOf(scores);
  const depth = q.depth ?? 1;
  const items = regions
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => canSeeRegion(actor, r.path))
    .map(({ r, i }) => {
      const nodeScores: Record<string, number | null> = {};
      let missing = 0;
      for (let n = 0; n < N - 1; n++) {
        const v = scores.scores[i * N + n];
        if (tree.depth[n] <= depth) nodeScores[tree.keys[n]] = Number.isNaN(v) ? null : round2(v);
        if (Number.isNaN(v) && tree.leafOf[n] >= 0) missing++;
      }
      return { region: { id: r.id, name: r.name }, composite: round2(comp[i].composite), rank: comp[i].rank, missingLeaves: missing, scores: nodeScores };
    });
  return {
    system: { id: s.id, name: s.name, version: s.version, isTemplate: s.is_template },
    period: q.period,
    depth,
    nodes: nodes.map((n) => ({ key: n.key, parentKey: n.parent_key, name: n.name, isLeaf: n.is_leaf, weight: n.weight })),
    leaves: tree.leafNodes.length,
    items,
  };
}

/** Explains one score. `node` is a node id, or the system id for the composite index. */
export async function explainEvaluation(db: Kysely<Database>, actor: Actor, q: { node: string; region: string; period: string }) {
  assertPeriod(q.period, 'querystring.period');
  const node = await db.selectFrom('indicator_nodes').select(['system_id', 'key']).where('id', '=', q.node).executeTakeFirst();
  const systemId = node?.system_id ?? q.node;
  const s = await findSystemById(db, systemId);
  if (!s || !canReadSystem(actor, facts(s))) throw new AppError('NOT_FOUND', undefined, { field: 'node' });
  if (!canReadEvaluation(actor, facts(s))) throw new AppError('FORBIDDEN');
  const { scores, regions } = await scoreSystemPeriod(db, s, q.period);
  const region = regions.find((r) => r.id === q.region);
  if (!region || !canSeeRegion(actor, region.path)) throw new AppError('NOT_FOUND', undefined, { field: 'region' });
  const e = explainScore(scores, node?.key ?? ROOT_KEY, region.id)!;
  const { nodes } = await loadTree(db, s.id);
  const idOf = new Map(nodes.map((n) => [n.key, n.id]));
  const r = regions.indexOf(region);
  // Where a leaf's value came from (source, who, when, evidence; the task for a value fed by a task KPI).
  const [stored] = e.kind === 'leaf' ? await findValuesFor(db, s.id, q.period, [{ region_id: region.id, node_key: e.key }]) : [];
  const source = stored ? { kind: stored.source, evidence: stored.evidence, enteredBy: stored.entered_by_name, enteredAt: new Date(stored.entered_at).toISOString(), taskId: stored.task_id } : null;
  return {
    ...e,
    source,
    nodeId: node ? q.node : s.id,
    regionName: region.name,
    period: q.period,
    systemId: s.id,
    rank: scores.ranks[r],
    children: e.kind === 'node' ? e.children.map((c) => ({ ...c, nodeId: idOf.get(c.key) ?? null })) : undefined,
    gaps: node ? undefined : gapsToFrontier(scores, region.id, 10).map((g) => ({ ...g, nodeId: idOf.get(g.key) ?? null })),
  };
}

export async function simulateEvaluation(db: Kysely<Database>, actor: Actor, input: { systemId: string; period: string; changes: Array<{ regionId: string; nodeKey: string; value: number | null }> }) {
  assertPeriod(input.period, 'body.period');
  const s = await getEvaluatedSystemOrThrow(db, actor, input.systemId);
  const { scores, regions } = await scoreSystemPeriod(db, s, input.period);
  const { tree } = await loadTree(db, s.id);
  const issues: ValueIssue[] = [];
  input.changes.forEach((c, row) => {
    const n = tree.index.get(c.nodeKey);
    if (n === undefined || tree.leafOf[n] < 0) issues.push({ row, column: 'nodeKey', message: `指标 ${c.nodeKey} 不是末级指标` });
    const r = regions.find((x) => x.id === c.regionId);
    if (!r || !canSeeRegion(actor, r.path)) issues.push({ row, column: 'regionId', message: '地区不在评价范围' });
  });
  if (issues.length) throw new AppError('IND_VALUES_INVALID', undefined, { issues });
  const { rows } = simulate(scores, input.changes.map((c) => ({ region: c.regionId, leaf: c.nodeKey, value: c.value })));
  const name = new Map(regions.map((r) => [r.id, r]));
  return {
    period: input.period,
    items: rows
      .filter((r) => canSeeRegion(actor, name.get(r.region)!.path))
      .map((r) => ({ region: { id: r.region, name: name.get(r.region)!.name }, before: round2(r.before), after: round2(r.after), delta: r.before !== null && r.after !== null ? round2(r.after - r.before) : null, rankBefore: r.rankBefore, rankAfter: r.rankAfter })),
  };
}

/** Scores of one node (default: the composite) per region over every period with values. */
export async function getTrend(db: Kysely<Database>, actor: Actor, q: { systemId: string; nodeKey?: string }) {
  const s = await getEvaluatedSystemOrThrow(db, actor, q.systemId);
  const { tree, nodes } = await loadTree(db, s.id);
  const key = q.nodeKey ?? ROOT_KEY;
  const n = tree.index.get(key);
  if (n === undefined) throw new AppError('NOT_FOUND', undefined, { field: 'nodeKey' });
  const periods = (await listPeriods(db, s.id)).map((p) => p.period);
  const N = tree.keys.length;
  const series = new Map<string, { region: { id: string; name: string }; points: Array<{ period: string; score: number | null; value: number | null }> }>();
  for (const period of periods) {
    const { scores, regions } = await scoreSystemPeriod(db, s, period);
    const L = tree.leafNodes.length;
    regions.forEach((r, i) => {
      if (!canSeeRegion(actor, r.path)) return;
      const v = scores.scores[i * N + n];
      const l = tree.leafOf[n];
      const raw = l >= 0 ? scores.values[i * L + l] : Number.NaN;
      const e = series.get(r.id) ?? { region: { id: r.id, name: r.name }, points: [] };
      e.points.push({ period, score: Number.isNaN(v) ? null : round2(v), value: Number.isNaN(raw) ? null : raw });
      series.set(r.id, e);
    });
  }
  const node = nodes.find((x) => x.key === key);
  const targets = node ? (await listTargetLinks(db, s.id, key)).map((t) => ({ id: t.id, target: t.target, targetText: t.target_text, measureNumber: t.measure_number, planTitle: t.plan_title })) : [];
  return { nodeKey: key, name: node?.name ?? '综合指数', unitLabel: node?.unit_label ?? '', periods, series: [...series.values()], targets };
}

// Plan-target links

export async function linkTarget(db: Kysely<Database>, actor: Actor, input: { systemId: string; nodeKey: string; measureId: string; target: number; targetText?: string }) {
  const s = await getManagedSystemOrThrow(db, actor, input.systemId);
  const { tree } = await loadTree(db, s.id);
  const n = tree.index.get(input.nodeKey);
  if (n === undefined || tree.leafOf[n] < 0) throw new AppError('NOT_FOUND', undefined, { field: 'nodeKey' });
  const m = await findMeasureRegion(db, input.measureId);
  if (!m || !canSeeRegion(actor, m.path)) throw new AppError('NOT_FOUND', undefined, { field: 'measureId' });
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await insertTargetLink(trx, { system_id: s.id, node_key: input.nodeKey, measure_id: input.measureId, target: input.target, target_text: input.targetText ?? '', created_by: actor.id });
    await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'indicator_target_link', entityId: id, regionId: s.region_id, after: input });
    return id;
  });
  return { id };
}

/** One indicator's page: the node, its plan targets, and the supervision tasks that move it with their lights. */
export async function getNodeDetail(db: Kysely<Database>, actor: Actor, systemId: string, nodeKey: string, now: Date) {
  const s = await getSystemOrThrow(db, actor, systemId);
  const nodes = await listNodesWithUnits(db, s.id);
  const node = nodes.find((n) => n.key === nodeKey);
  if (!node || (actor.role === 'unit' && !ownsLeaf(actor, node) && !canReadEvaluation(actor, facts(s)))) throw new AppError('NOT_FOUND');
  const links = await listTargetLinks(db, s.id, nodeKey);
  const tasks = [];
  for (const planId of [...new Set(links.map((l) => l.plan_id))]) {
    const { items } = await listTasks(db, actor, { planId, page: 1, pageSize: 200 }, now);
    const measures = new Set(links.filter((l) => l.plan_id === planId).map((l) => l.measure_id));
    for (const t of items.filter((t) => measures.has(t.measureId))) {
      tasks.push({ id: t.id, measureNumber: t.measureNumber, title: t.title ?? t.text.slice(0, 60), unit: t.unit, region: t.region, light: t.light, dueDate: t.dueDate, kpis: t.kpis.map((k) => ({ metric: k.metric, op: k.op, target: k.target, unit: k.unit, actual: k.actual, attainment: k.attainment })) });
    }
  }
  return {
    node: presentNode(node),
    targets: links.map((l) => ({ id: l.id, measureId: l.measure_id, measureNumber: l.measure_number, measureTitle: l.measure_title ?? l.measure_text.slice(0, 60), planTitle: l.plan_title, target: l.target, targetText: l.target_text })),
    tasks,
  };
}
