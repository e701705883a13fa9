/**
 * Rankings of units or counties (比晾晒) from per-unit aggregates.
 */

/** Per-unit (or per-county) aggregates for one plan and period. Counts exclude tasks with approved extensions
 * whose extended deadline has not passed, as the office decides; this module does not look at tasks. */
export interface UnitAggregate {
  unitId: string;
  unitName?: string;
  /** Tasks the unit leads (主办). */
  tasks: number;
  /** Tasks closed (销号). */
  done: number;
  /** Tasks closed on or before their effective deadline. */
  onTime: number;
  /** Tasks not closed and past their effective deadline. */
  overdue: number;
  /** Reports that were due in the period. */
  reportsDue: number;
  /** Of those, delivered on or before their due date. */
  reportsOnTime: number;
  /** Mean KPI attainment 0..1 over the unit's KPIs, or null when it has none. */
  kpiAttainmentAvg: number | null;
}

/** The scored components of a ranking. */
export type RankingComponent = 'completion' | 'onTime' | 'overdue' | 'reporting' | 'kpi';

/** All components, in display order. */
export const RANKING_COMPONENTS: readonly RankingComponent[] = Object.freeze([
  'completion',
  'onTime',
  'overdue',
  'reporting',
  'kpi',
]);

/** Weights per component; missing ones count as 0. Any non-negative scale: they are normalised. */
export type RankingWeights = Partial<Record<RankingComponent, number>>;

/** Weights used when the office has not set its own. */
export const DEFAULT_RANKING_WEIGHTS: Readonly<Record<RankingComponent, number>> = Object.freeze({
  completion: 30,
  onTime: 25,
  overdue: 15,
  reporting: 15,
  kpi: 15,
});

/** Options of {@link rankUnits}. */
export interface RankingOptions {
  /** Units with fewer tasks are listed with `flagged: 'few-tasks'` and no rank. Default 3. */
  minTasks?: number;
}

/** One line of a ranking. */
export interface RankedUnit<T extends UnitAggregate = UnitAggregate> {
  /** The input row, unchanged. */
  row: T;
  unitId: string;
  /** Each component in [0, 1], or null when it cannot be computed (nothing to measure). */
  components: Record<RankingComponent, number | null>;
  /** Weighted score 0..100 rounded to 2 decimals, or null when no weighted component could be computed. */
  score: number | null;
  /** 1-based standard competition rank (1, 2, 2, 4), or null for flagged units. */
  rank: number | null;
  /** Why the unit is listed but not ranked. */
  flagged?: 'few-tasks' | 'no-score';
}

/**
 * Normalises weights to sum 1 over all components. When every weight is 0 (or none is given), all components
 * weigh the same.
 *
 * @param weights non-negative finite numbers
 * @returns weights for every component, summing to 1
 * @throws RangeError (`SUP_INVALID_WEIGHTS`) for a negative or non-finite weight or an unknown component
 * @example normaliseWeights({ completion: 3, kpi: 1 }) // { completion: 0.75, onTime: 0, overdue: 0, reporting: 0, kpi: 0.25 }
 */
export function normaliseWeights(weights: RankingWeights): Record<RankingComponent, number> {
  for (const [k, v] of Object.entries(weights)) {
    if (!RANKING_COMPONENTS.includes(k as RankingComponent)) {
      throw new RangeError(`SUP_INVALID_WEIGHTS: unknown component ${JSON.stringify(k)}`);
    }
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`SUP_INVALID_WEIGHTS: weight of ${k} must be a non-negative number, got ${v}`);
    }
  }
  const sum = RANKING_COMPONENTS.reduce((s, c) => s + (weights[c] ?? 0), 0);
  const out = {} as Record<RankingComponent, number>;
  for (const c of RANKING_COMPONENTS) out[c] = sum > 0 ? (weights[c] ?? 0) / sum : 1 / RANKING_COMPONENTS.length;
  return out;
}

/**
 * Scores one unit's components (each in [0, 1], clamped):
 * - completion = done / tasks (null when tasks = 0)
 * - onTime = onTime / (done + overdue): on-time share of the tasks that are finished or past due
 *   (null when that is 0)
 * - overdue = 1 − overdue / tasks: higher is better (null when tasks = 0)
 * - reporting = reportsOnTime / reportsDue (null when reportsDue = 0)
 * - kpi = kpiAttainmentAvg (null when null)
 *
 * @param row the unit's aggregates
 * @returns the components
 * @throws RangeError (`SUP_INVALID_RANKING_ROW`) when a count is negative or not an integer
 */
export function rankingComponents(row: UnitAggregate): Record<RankingComponent, number | null> {
  for (const k of ['tasks', 'done', 'onTime', 'overdue', 'reportsDue', 'reportsOnTime'] as const) {
    const v = row[k];
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`SUP_INVALID_RANKING_ROW: ${k} of ${row.unitId} must be a non-negative integer, got ${v}`);
    }
  }
  const kpi = row.kpiAttainmentAvg;
  if (kpi != null && !Number.isFinite(kpi)) {
    throw new RangeError(`SUP_INVALID_RANKING_ROW: kpiAttainmentAvg of ${row.unitId} must be finite, got ${kpi}`);
  }
  const ratio = (num: number, den: number) => (den > 0 ? clamp01(num / den) : null);
  const overdueShare = ratio(row.overdue, row.tasks);
  return {
    completion: ratio(row.done, row.tasks),
    onTime: ratio(row.onTime, row.done + row.overdue),
    overdue: overdueShare === null ? null : 1 - overdueShare,
    reporting: ratio(row.reportsOnTime, row.reportsDue),
    kpi: kpi == null ? null : clamp01(kpi),
  };
}

/**
 * Ranks units (比晾晒).
 *
 * Score = 100 × Σ wᵢ·cᵢ / Σ wᵢ, summed over the components cᵢ (see {@link rankingComponents}) that are not null
 * and whose normalised weight wᵢ (see {@link normaliseWeights}) is positive; so a unit without KPIs is scored on
 * the rest rather than punished with 0. The score is rounded to 2 decimals, and units with equal rounded scores
 * share a rank (1, 2, 2, 4) and are listed by `unitId`. Units with fewer than `minTasks` tasks are listed after
 * the ranked ones with `flagged: 'few-tasks'` and `rank: null` (a unit is not ranked on one case); units with no
 * computable component get `flagged: 'no-score'`.
 *
 * @param rows per-unit aggregates (any extra fields are kept in `row`)
 * @param weights component weights (normalised; all zero means equal)
 * @param options `minTasks` (default 3)
 * @returns ranked units first (best first), then flagged ones (best score first)
 * @throws RangeError for invalid weights, rows or minTasks
 * @example
 * rankUnits([{ unitId: 'a', tasks: 4, done: 4, onTime: 4, overdue: 0, reportsDue: 8, reportsOnTime: 8, kpiAttainmentAvg: 1 }],
 *   DEFAULT_RANKING_WEIGHTS, { minTasks: 3 })
 * // [{ unitId: 'a', score: 100, rank: 1, components: { completion: 1, onTime: 1, overdue: 1, reporting: 1, kpi: 1 }, row }]
 */
export function rankUnits<T extends UnitAggregate>(
  rows: readonly T[],
  weights: RankingWeights,
  options: RankingOptions = {},
): RankedUnit<T>[] {
  const minTasks = options.minTasks ?? 3;
  if (!Number.isInteger(minTasks) || minTasks < 0) {
    throw new RangeError(`SUP_INVALID_RANKING_OPTIONS: minTasks must be a non-negative integer, got ${minTasks}`);
  }
  const w = normaliseWeights(weights);
  const lines: RankedUnit<T>[] = rows.map((row) => {
    const components = rankingComponents(row);
    let num = 0;
    let den = 0;
    for (const c of RANKING_COMPONENTS) {
      const v = components[c];
      if (v !== null && w[c] > 0) {
        num += w[c] * v;
        den += w[c];
      }
    }
    const score = den > 0 ? Math.round(((100 * num) / den) * 100) / 100 : null;
    const line: RankedUnit<T> = { row, unitId: row.unitId, components, score, rank: null };
    if (row.tasks < minTasks) line.flagged = 'few-tasks';
    else if (score === null) line.flagged = 'no-score';
    return line;
  });
  const byScore = (a: RankedUnit<T>, b: RankedUnit<T>) =>
    (b.score ?? -1) - (a.score ?? -1) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
  const ranked = lines.filter((l) => !l.flagged).sort(byScore);
  ranked.forEach((l, i) => {
    l.rank = i > 0 && ranked[i - 1].score === l.score ? ranked[i - 1].rank : i + 1;
  });
  return [...ranked, ...lines.filter((l) => l.flagged).sort(byScore)];
}

function clamp01(x: number): number {
  return x >= 1 ? 1 : x > 0 ? x : 0;
}
