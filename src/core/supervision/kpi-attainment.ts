/**
 * How far a quantified target (量化目标) is reached, as a share between 0 and 1.
 */

/** Comparison of a target, as parsed from a plan (`≥`/`不低于`, `≤`/`不超过`, `=`/`达到`). */
export type KpiOp = '>=' | '<=' | '=';

/** Input of {@link kpiAttainment}. */
export interface KpiAttainmentInput {
  /** `>=`: higher is better; `<=`: lower is better; `=`: the value must equal the target. */
  op: KpiOp;
  /** Target value, e.g. 95 for "办件满意率不低于95%". */
  target: number;
  /** Value at the start of the plan, when known; enables interpolation from it. */
  baseline?: number | null;
  /** Latest reported value. */
  actual: number;
}

/**
 * Attainment of a KPI, a number in [0, 1]; 1 means the target is met.
 *
 * Rules (each result is clamped to [0, 1]; a met target is always exactly 1):
 * - `>=` with a baseline b ≠ target: `(actual − b) / (target − b)`. Without a usable baseline and target > 0:
 *   `actual / target`. Otherwise (target ≤ 0, no baseline): 1 when met, else 0.
 * - `<=` with a baseline b ≠ target: `(b − actual) / (b − target)`. Without one, when actual > target > 0:
 *   `target / actual` (e.g. 办理时限 target 3 days, actual 6 → 0.5). Otherwise: 1 when met, else 0.
 * - `=`: 1 when |actual − target| ≤ 1e-9·max(1, |target|). Otherwise with a baseline b ≠ target:
 *   `1 − |actual − target| / |target − b|`; without one and target ≠ 0: `1 − |actual − target| / |target|`;
 *   else 0.
 * A baseline on the wrong side (e.g. `>=` with baseline above the target) is ignored.
 * There is never a division by zero.
 *
 * @param input op, target, optional baseline, actual
 * @returns attainment in [0, 1]
 * @throws RangeError (`SUP_INVALID_KPI`) when a number is not finite or op is unknown
 * @example
 * kpiAttainment({ op: '>=', target: 100, baseline: 60, actual: 80 }) // 0.5
 * kpiAttainment({ op: '<=', target: 3, actual: 6 })                  // 0.5
 * kpiAttainment({ op: '<=', target: 0, actual: 2 })                  // 0 ("零投诉" missed)
 */
export function kpiAttainment(input: KpiAttainmentInput): number {
  const { op, target, actual } = input;
  const baseline = input.baseline ?? null;
  for (const [k, v] of [
    ['target', target],
    ['actual', actual],
    ['baseline', baseline ?? 0],
  ] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`SUP_INVALID_KPI: ${k} must be a finite number, got ${v}`);
  }
  switch (op) {
    case '>=': {
      if (actual >= target) return 1;
      if (baseline !== null && baseline < target) return clamp01((actual - baseline) / (target - baseline));
      if (target > 0) return clamp01(actual / target);
      return 0;
    }
    case '<=': {
      if (actual <= target) return 1;
      if (baseline !== null && baseline > target) return clamp01((baseline - actual) / (baseline - target));
      if (target > 0) return clamp01(target / actual);
      return 0;
    }
    case '=': {
      const gap = Math.abs(actual - target);
      if (gap <= 1e-9 * Math.max(1, Math.abs(target))) return 1;
      if (baseline !== null && baseline !== target) return clamp01(1 - gap / Math.abs(target - baseline));
      if (target !== 0) return clamp01(1 - gap / Math.abs(target));
      return 0;
    }
    default:
      throw new RangeError(`SUP_INVALID_KPI: op must be >=, <= or =, got ${JSON.stringify(op)}`);
  }
}

function clamp01(x: number): number {
  // NaN (only from overflowing ratios such as Infinity / Infinity) counts as nothing attained.
  return x >= 1 ? 1 : x > 0 ? x : 0;
}
