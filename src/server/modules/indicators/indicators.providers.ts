import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { aggregateRanking } from '../rankings/rankings.service.ts';
import { CalendarCache } from '../supervision/supervision.calendar.ts';

/**
 * Indicators computed from the platform's own data (无感监测: never ask for a number the platform holds). Each
 * provider declares what it measures, its period and its scope, and computes one value per region by calling
 * another module's service (never its tables). Adding one (appeal 三率, policy coverage…) is a `registerProvider`
 * call in that module's file, imported once from indicators.service.ts.
 */
export interface IndicatorProvider {
  id: string;
  /** zh-CN label shown in the editor. */
  label: string;
  unitLabel: string;
  direction: 'lower' | 'higher';
  /** Periods it can compute (a year 'YYYY'; others may follow). */
  period: 'year';
  /** What the value is counted over: the tasks/appeals/grants of each evaluated region's subtree. */
  scope: 'region-subtree';
  /** What it queries, for the data dictionary. */
  query: string;
  compute(db: Kysely<Database>, ctx: ProviderContext): Promise<Map<string, number>>;
}

export interface ProviderContext {
  regions: ReadonlyArray<{ id: string; path: string }>;
  period: string;
  /** First and last day of the period, the last capped at today. */
  from: string;
  to: string;
}

const registry = new Map<string, IndicatorProvider>();

/** Adds a provider; a second one with the same id replaces the first (tests). */
export function registerProvider(p: IndicatorProvider): void {
  registry.set(p.id, p);
}

export function findProvider(id: string): IndicatorProvider | undefined {
  return registry.get(id);
}

export function listProviders(): IndicatorProvider[] {
  return [...registry.values()];
}

/** Per-region task aggregates from the rankings service (by region), summed over each evaluated region's subtree. */
async function taskAggregates(db: Kysely<Database>, ctx: ProviderContext) {
  const out = new Map<string, { tasks: number; done: number; onTime: number; overdue: number; kpi: number[] }>();
  const calendar = await new CalendarCache(db).forRegionPath(ctx.regions[0]?.path ?? '/');
  for (const region of ctx.regions) {
    const rows = await aggregateRanking(db, { kind: 'subtree', path: region.path }, {}, 'region', { from: ctx.from, asOf: ctx.to }, calendar);
    const acc = { tasks: 0, done: 0, onTime: 0, overdue: 0, kpi: [] as number[] };
    for (const r of rows) {
      acc.tasks += r.tasks;
      acc.done += r.done;
      acc.onTime += r.onTime;
      acc.overdue += r.overdue;
      if (r.kpiAttainmentAvg !== null) acc.kpi.push(r.kpiAttainmentAvg);
    }
    out.set(region.id, acc);
  }
  return out;
}

registerProvider({
  id: 'supervision.task-on-time-rate',
  label: '督办任务按时完成率',
  unitLabel: '%',
  direction: 'higher',
  period: 'year',
  scope: 'region-subtree',
  query: 'rankings.aggregateRanking(by=region) as of the period end: on-time finished tasks ÷ finished tasks × 100',
  async compute(db, ctx) {
    const agg = await taskAggregates(db, ctx);
    return new Map([...agg].filter(([, a]) => a.done > 0).map(([id, a]) => [id, (100 * a.onTime) / a.done]));
  },
});

registerProvider({
  id: 'supervision.task-overdue-share',
  label: '督办任务逾期占比',
  unitLabel: '%',
  direction: 'lower',
  period: 'year',
  scope: 'region-subtree',
  query: 'rankings.aggregateRanking(by=region): overdue open tasks ÷ tasks × 100',
  async compute(db, ctx) {
    const agg = await taskAggregates(db, ctx);
    return new Map([...agg].filter(([, a]) => a.tasks > 0).map(([id, a]) => [id, (100 * a.overdue) / a.tasks]));
  },
});

registerProvider({
  id: 'supervision.kpi-attainment',
  label: '量化目标平均达成度',
  unitLabel: '%',
  direction: 'higher',
  period: 'year',
  scope: 'region-subtree',
  query: 'rankings.aggregateRanking(by=region): mean KPI attainment of the tasks with a reported value × 100',
  async compute(db, ctx) {
    const agg = await taskAggregates(db, ctx);
    return new Map([...agg].filter(([, a]) => a.kpi.length > 0).map(([id, a]) => [id, (100 * a.kpi.reduce((s, x) => s + x, 0)) / a.kpi.length]));
  },
});
