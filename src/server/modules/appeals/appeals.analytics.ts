import type { Kysely, Transaction } from 'kysely';
import { rankGroups, ratesFromCounts, seasonalMonths } from '../../../core/appeals/index.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor } from '../auth/auth.actor.ts';
import { appendEnterpriseEvent } from '../enterprises/enterprises.events.ts';
import { assertMeasureDueDate, createOneMeasureTask } from '../supervision/measure-task.service.ts';
import { insertNotifications } from '../supervision/supervision.queries.ts';
import { inTransaction } from '../../db/transaction.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import {
  aggregateRates,
  findClusterById,
  hotTokens,
  insertAppealEvents,
  listAppealsOfCluster,
  listClusterFacts,
  listClusters,
  listClustersOfTask,
  listEnterpriseUserIds,
  updateCluster,
  type StatsGroup,
} from './appeals.queries.ts';
import { actorRef } from './appeals.service.ts';

const DAY_MS = 86_400_000;

const staffPath = (actor: Actor): string | null => {
  if (actor.role === 'admin') return null;
  if ((actor.role === 'office' || actor.role === 'leader') && actor.regionPath) return actor.regionPath;
  throw new AppError('FORBIDDEN');
};

/** First instant of the office month `months` before the month of `now` (China Standard Time). */
function monthStart(now: Date, monthsBack: number): Date {
  const [y, m] = officeToday(now).split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - monthsBack, 1) - 8 * 3600_000);
  return d;
}

export interface StatsQuery {
  groupBy?: StatsGroup;
  from?: string;
  to?: string;
  minCases?: number;
}

/**
 * 三率 and on-time rates by unit, region, month or category over [from, to) (default: the last 6 months), ranked
 * where the group has enough cases, plus volume by month and category and the hot words. A unit sees its own only.
 */
export async function getAppealStats(db: Kysely<Database>, actor: Actor, query: StatsQuery, now: Date) {
  if (actor.role === 'enterprise') throw new AppError('FORBIDDEN');
  const scope = scopeOf(actor);
  const from = query.from ? new Date(`${query.from}T00:00:00+08:00`) : monthStart(now, 5);
  const to = query.to ? new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + DAY_MS) : new Date(now.getTime() + DAY_MS);
  const groupBy = query.groupBy ?? 'unit';
  const minCases = query.minCases ?? 5;
  const [groups, months, categories, hot] = await Promise.all([
    aggregateRates(db, scope, groupBy, from, to),
    groupBy === 'month' ? Promise.resolve(null) : aggregateRates(db, scope, 'month', from, to),
    groupBy === 'category' ? Promise.resolve(null) : aggregateRates(db, scope, 'category', from, to),
    hotTokens(db, scope, from, to, 30),
  ]);
  const toRates = (r: Awaited<ReturnType<typeof aggregateRates>>[number]) =>
    ratesFromCounts({ total: r.total, excluded: r.excluded, dispatched: r.dispatched, signedOnTime: r.signed_on_time, replied: r.replied, repliedOnTime: r.replied_on_time, closed: r.closed, closedOnTime: r.closed_on_time, verdicts: r.verdicts, solved: r.solved, rated: r.rated, satisfied: r.satisfied }, minCases);
  const ranked = rankGroups(groups.filter((g) => g.key !== null).map((g) => ({ key: { id: g.key!, name: g.label ?? g.key! }, rates: toRates(g) })));
  const total = groups.reduce((n, g) => n + g.total, 0);
  const volume = (months ?? groups).map((g) => ({ month: g.key, total: g.total, closed: g.closed, overdue: g.overdue }));
  const byCategory = (categories ?? groups).map((g) => ({ id: g.key, name: g.label, total: g.total }));
  return {
    from: officeToday(from),
    to: officeToday(new Date(to.getTime() - DAY_MS)),
    groupBy,
    minCases,
    total,
    groups: ranked.map((g) => ({ id: g.key.id, name: g.key.name, rank: g.rank, small: g.small, score: g.score, ...g.rates })),
    volume,
    categories: byCategory,
    hotWords: hot,
  };
}

/** Clusters of similar appeals in the caller's region (size ≥ 2, active in the last 180 days), largest first. */
export async function listAppealClusters(db: Kysely<Database>, actor: Actor, query: { limit?: number }, now: Date) {
  const path = staffPath(actor);
  const clusters = await listClusters(db, path, new Date(now.getTime() - 180 * DAY_MS), query.limit ?? 20);
  // Trend, units and the seasonal flag over the last 24 months (two years make a season recur).
  const facts = await listClusterFacts(db, clusters.map((c) => c.id), new Date(now.getTime() - 730 * DAY_MS));
  const currentMonth = officeToday(now).slice(5, 7);
  return {
    items: clusters.map((c) => {
      const months = facts.months.filter((m) => m.cluster_id === c.id);
      const dates = months.flatMap((m) => Array.from({ length: m.n }, () => `${m.month}-01`));
      const seasonal = seasonalMonths(dates);
      const next = ((Number(currentMonth) % 12) + 1);
      return {
        id: c.id,
        keywords: c.keywords,
        size: c.size,
        enterprises: c.enterprises,
        firstAt: new Date(c.first_at).toISOString(),
        lastAt: new Date(c.last_at).toISOString(),
        trend: months.map((m) => ({ month: m.month, count: m.n })),
        units: facts.units.filter((u) => u.cluster_id === c.id).slice(0, 3).map((u) => ({ id: u.unit_id, name: u.unit_name, count: u.n })),
        seasonalMonths: seasonal,
        // 未诉先办: a recurring month is coming (this month or next).
        seasonalSoon: seasonal.includes(Number(currentMonth)) || seasonal.includes(next),
        taskId: c.task_id,
        planId: c.plan_id,
        measuredAt: c.measured_at ? new Date(c.measured_at).toISOString() : null,
        taskClosedAt: c.task_closed_at ? new Date(c.task_closed_at).toISOString() : null,
      };
    }),
  };
}

export interface MeasureInput {
  unitId: string;
  dueDate: string;
  title?: string;
  text?: string;
}

/**
 * Turns a hot-topic cluster into reform work (热点→改革): a one-measure plan through the plans service (import the
 * text, set the lead unit and deadline), published through the supervision service (one task), the appeals linked
 * to the task and the enterprises told. The plan and supervision tables are never touched from here.
 */
export async function measureFromCluster(db: Kysely<Database>, actor: Actor, clusterId: string, input: MeasureInput, now: Date) {
  const path = staffPath(actor);
  const cluster = await findClusterById(db, clusterId);
  if (!cluster || (path && !cluster.region_path.startsWith(path) && !path.startsWith(cluster.region_path))) throw new AppError('NOT_FOUND');
  if (actor.role !== 'office' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (cluster.task_id) throw new AppError('APL_CLUSTER_MEASURED');
  assertMeasureDueDate(input.dueDate, now);
  return inTransaction(db, (trx) => measureInTransaction(trx, actor, cluster, input, now));
}

/** One transaction: the plan, its publication, the cluster link and the events all land, or none does. */
async function measureInTransaction(db: Transaction<Database>, actor: Actor, cluster: NonNullable<Awaited<ReturnType<typeof findClusterById>>>, input: MeasureInput, now: Date) {
  const clusterId = cluster.id;
  const appeals = await listAppealsOfCluster(db, clusterId);
  const topic = cluster.keywords.slice(0, 3).join('、') || '企业诉求';
  const title = input.title?.trim() || `企业诉求热点整改：${topic}`;
  const measureText = input.text?.trim() || `针对企业反映集中的"${topic}"问题（${appeals.length}件诉求），查找共性原因，制定并落实系统性整改措施，${input.dueDate}前完成。`;
  const regionId = actor.regionId ?? cluster.region_id;
  const { planId, taskId } = await createOneMeasureTask(db, actor, { title, measureText, unitId: input.unitId, dueDate: input.dueDate, regionId }, now);
  await inTransaction(db, async (trx) => {
    await updateCluster(trx, clusterId, { task_id: taskId, plan_id: planId, measured_at: now });
    await insertAppealEvents(trx, appeals.map((a) => ({ appeal_id: a.id, kind: 'measure', at: now, actor_id: actor.id, actor_name: actor.displayName, actor_role: actor.role, note: `同类诉求已列入改革任务《${title}》`, detail: JSON.stringify({ planId: planId, taskId: taskId, clusterId }) })));
    for (const enterpriseId of new Set(appeals.map((a) => a.enterprise_id).filter((x): x is string => !!x))) {
      await appendEnterpriseEvent(trx, { enterpriseId, kind: 'appeal.measure', title: `您反映的"${topic}"问题已列入改革任务`, refType: 'appeal_cluster', refId: clusterId, at: now });
    }
    await recordAudit(trx, { actor: actorRef(actor), action: 'measure', entity: 'appeal_cluster', entityId: clusterId, regionId: cluster.region_id, at: now, after: { planId: planId, taskId: taskId, appeals: appeals.length } });
  });
  return { clusterId, planId: planId, taskId: taskId, appeals: appeals.length };
}

/**
 * Called by supervision when a task closes: the enterprises whose appeals were turned into that task are told
 * (timeline and notification), inside the closing transaction.
 */
export async function onTaskClosed(trx: Transaction<Database>, taskId: string, now: Date): Promise<void> {
  for (const cluster of await listClustersOfTask(trx, taskId)) {
    await updateCluster(trx, cluster.id, { task_closed_at: now });
    const appeals = await listAppealsOfCluster(trx, cluster.id);
    const topic = cluster.keywords.slice(0, 3).join('、');
    const enterpriseIds = [...new Set(appeals.map((a) => a.enterprise_id).filter((x): x is string => !!x))];
    for (const enterpriseId of enterpriseIds) {
      await appendEnterpriseEvent(trx, { enterpriseId, kind: 'appeal.measure_done', title: `您反映的"${topic}"问题的改革任务已完成销号`, refType: 'appeal_cluster', refId: cluster.id, at: now });
    }
    const users = await listEnterpriseUserIds(trx, enterpriseIds);
    if (users.length > 0) {
      await insertNotifications(trx, users.map((u) => ({ user_id: u.id, region_id: cluster.region_id, kind: 'appeal_measure_done', title: `您反映的"${topic}"问题的改革任务已完成`, body: '', task_id: null, entity: 'appeal_cluster', entity_id: cluster.id, created_at: now })));
    }
    await insertAppealEvents(trx, appeals.map((a) => ({ appeal_id: a.id, kind: 'measure_done', at: now, actor_id: null, actor_name: 'supervision', actor_role: 'system', note: '关联改革任务已销号' })));
  }
}
