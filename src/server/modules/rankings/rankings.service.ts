import type { Kysely } from 'kysely';
import { addDays, type WorkingCalendar } from '../../../core/calendar/index.ts';
import { DEFAULT_RANKING_WEIGHTS, RANKING_COMPONENTS, normaliseWeights, rankUnits, type RankingComponent, type UnitAggregate } from '../../../core/supervision/index.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scopeOf, type Actor, type Scope } from '../auth/auth.actor.ts';
import { CalendarCache, loadSupervisionSettings } from '../supervision/supervision.calendar.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { canManageRegion, canReadRegionData } from '../supervision/supervision.permissions.ts';
import { refreshStaleLightsInScope } from '../supervision/supervision.status.ts';
import { dueReportCounter } from './report-schedule.ts';
import {
  aggregateKpiAttainment,
  aggregateReportsOnTime,
  aggregateTaskCounts,
  findRegionPathById,
  listScheduleGroups,
  saveRankingWeights,
  type RankingBy,
} from './rankings.queries.ts';
import type { TaskSetFilter } from './rankings.scope.ts';

export interface RankingQuery {
  planId?: string;
  by?: RankingBy;
  from?: string;
  to?: string;
}

export interface RankingRow extends UnitAggregate {
  unitName: string;
  excluded: number;
}

/**
 * Rankings see more than a unit's own tasks: a unit liaison sees how its region's units compare (比晾晒 is
 * published to them), so a unit reads the subtree of its own region.
 */
export function rankingScope(actor: Actor): Scope {
  if (actor.role === 'unit' && actor.regionPath) return { kind: 'subtree', path: actor.regionPath };
  return scopeOf(actor);
}

/**
 * Per-unit (or per-region) aggregates as of a day, from SQL aggregates plus the reports owed by each reporting
 * schedule (computed on the working calendar, once per distinct schedule).
 * - done / onTime / overdue: as of `asOf`; approved extensions still running are excluded and counted apart.
 * - reportsDue / reportsOnTime: reports whose due day falls in [from, asOf − 1] (a report due today is not late yet).
 */
export async function aggregateRanking(
  db: Kysely<Database>,
  scope: Scope,
  filter: TaskSetFilter,
  by: RankingBy,
  window: { from: string | null; asOf: string },
  calendar: WorkingCalendar,
): Promise<RankingRow[]> {
  const dueTo = addDays(window.asOf, -1);
  const [counts, kpis, onTime, groups] = await Promise.all([
    aggregateTaskCounts(db, scope, filter, by, window.asOf),
    aggregateKpiAttainment(db, scope, filter, by, window.asOf),
    aggregateReportsOnTime(db, scope, filter, by, { from: window.from, to: dueTo }),
    listScheduleGroups(db, scope, filter, by, window.asOf, window.asOf),
  ]);
  const count = dueReportCounter(calendar, { from: window.from, to: dueTo });
  const due = new Map<string, number>();
  for (const g of groups) {
    const n = count({ cycle: g.cycle, nthWorkingDay: g.nth_working_day, from: g.start_on, to: g.end_on }) * g.n;
    due.set(g.key, (due.get(g.key) ?? 0) + n);
  }
  const kpiBy = new Map(kpis.map((k) => [k.key, Number(k.avg)]));
  const onTimeBy = new Map(onTime.map((r) => [r.key, r.n]));
  return counts
    .filter((c) => c.tasks > 0 || c.excluded > 0)
    .map((c) => {
      const reportsDue = due.get(c.key) ?? 0;
      return {
        unitId: c.key,
        unitName: c.name,
        tasks: c.tasks,
        done: c.done,
        onTime: c.on_time,
        overdue: c.overdue,
        excluded: c.excluded,
        reportsDue,
        // A resubmission can make one period count twice in edge cases; never more on time than due.
        reportsOnTime: Math.min(onTimeBy.get(c.key) ?? 0, reportsDue),
        kpiAttainmentAvg: kpiBy.get(c.key) ?? null,
      };
    });
}

/** Weights as stored (any non-negative scale), filled with defaults for components never set. */
export function effectiveWeights(stored: Record<string, number>): Record<RankingComponent, number> {
  const hasAny = RANKING_COMPONENTS.some((c) => typeof stored[c] === 'number');
  return Object.fromEntries(RANKING_COMPONENTS.map((c) => [c, hasAny ? (stored[c] ?? 0) : DEFAULT_RANKING_WEIGHTS[c]])) as Record<RankingComponent, number>;
}

export function presentRanked(lines: ReturnType<typeof rankUnits<RankingRow>>) {
  return lines.map((l) => ({
    rank: l.rank,
    unitId: l.unitId,
    unitName: l.row.unitName,
    tasks: l.row.tasks,
    done: l.row.done,
    onTime: l.row.onTime,
    overdue: l.row.overdue,
    excluded: l.row.excluded,
    reportsDue: l.row.reportsDue,
    reportsOnTime: l.row.reportsOnTime,
    kpiAttainmentAvg: l.row.kpiAttainmentAvg,
    components: l.components,
    score: l.score,
    flagged: l.flagged ?? null,
  }));
}

export async function getRankings(db: Kysely<Database>, actor: Actor, query: RankingQuery, now: Date) {
  const today = officeToday(now);
  const asOf = query.to && query.to < today ? query.to : today;
  if (query.from && query.from > asOf) throw new AppError('VALIDATION', '开始日期不能晚于结束日期', [{ field: 'querystring.from', message: 'must not be after to' }]);
  const by = query.by ?? 'unit';
  const regionPath = actor.regionPath ?? '/';
  const [settings, calendar] = await Promise.all([loadSupervisionSettings(db, regionPath), new CalendarCache(db).forRegionPath(regionPath)]);
  const weights = effectiveWeights(settings.rankingWeights);
  const scope = rankingScope(actor);
  // Overdue and on time are read from the effective deadline stored with each light: refresh stale ones first.
  await refreshStaleLightsInScope(db, scope, today);
  const rows = await aggregateRanking(db, scope, { planId: query.planId }, by, { from: query.from ?? null, asOf }, calendar);
  const ranked = rankUnits(rows, weights, { minTasks: settings.rankingMinTasks });
  return {
    by,
    asOf,
    weights,
    minTasks: settings.rankingMinTasks,
    items: presentRanked(ranked),
    policies: { updateWeights: actor.role !== 'unit' && actor.role !== 'leader' && canManageRegion(actor, regionPath) },
  };
}

export async function updateRankingWeights(
  db: Kysely<Database>,
  actor: Actor,
  input: { regionId?: string; weights: Record<RankingComponent, number>; minTasks?: number },
) {
  const regionId = input.regionId ?? actor.regionId;
  if (!regionId) throw new AppError('VALIDATION', '请指定区域', [{ field: 'body.regionId', message: 'required for an account without a region' }]);
  const region = await findRegionPathById(db, regionId);
  if (!region) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  if (!canManageRegion(actor, region.path)) {
    throw canReadRegionData(actor, region.path) || actor.regionPath?.startsWith(region.path) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  }
  normaliseWeights(input.weights);
  const before = await loadSupervisionSettings(db, region.path);
  const minTasks = input.minTasks ?? before.rankingMinTasks;
  const weights = Object.fromEntries(RANKING_COMPONENTS.map((c) => [c, input.weights[c]])) as Record<RankingComponent, number>;
  await db.transaction().execute(async (trx) => {
    await saveRankingWeights(trx, region.id, weights, minTasks);
    await recordAudit(trx, {
      actor: { id: actor.id, name: actor.username },
      action: 'update',
      entity: 'ranking_weights',
      entityId: region.id,
      regionId: region.id,
      before: { weights: effectiveWeights(before.rankingWeights), minTasks: before.rankingMinTasks },
      after: { weights, minTasks },
    });
  });
  return { regionId: region.id, weights, minTasks };
}
