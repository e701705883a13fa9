import { DEFAULT_NONLINEAR_EXPONENT, type Direction, type LeafRule } from './tree.ts';

/** Best and worst values a leaf is scored against. */
export interface Frontier {
  best: number;
  worst: number;
}

/**
 * Distance to frontier of one value (DB, anchors-cn.md §1.2), 0–100, clamped:
 * `100 × (worst − y)/(worst − best)` when lower is better and its mirror `100 × (y − worst)/(best − worst)` when
 * higher is better (the two are the same fraction; the direction decides which of min/max is the best). With the
 * nonlinear option (DB2015 total tax rate) the clamped fraction is raised to `exponent` (0.8 by default), so a
 * worsening hurts a region near the frontier less than one far from it.
 * A degenerate frontier (best = worst, e.g. every region equal in a sample) scores 100 for everyone.
 * @returns the score, or NaN when `y` is missing (NaN)
 * @example distanceToFrontier(4, { best: 1, worst: 9 }, {direction: 'lower', frontier: { mode: 'sample' }}) // 62.5
 */
export function distanceToFrontier(y: number, frontier: Frontier, rule: Pick<LeafRule, 'transform' | 'exponent'>): number {
  if (Number.isNaN(y)) return Number.NaN;
  const span = frontier.worst - frontier.best;
  if (span === 0) return 100;
  let f = (frontier.worst - y) / span;
  f = f < 0 ? 0 : f > 1 ? 1 : f;
  if (rule.transform === 'nonlinear') f = Math.pow(f, rule.exponent ?? DEFAULT_NONLINEAR_EXPONENT);
  return 100 * f;
}

/**
 * The frontier taken from a sample (this period's regions): the best and worst values observed, by direction.
 * @returns null when no value is present
 */
export function sampleFrontier(values: ArrayLike<number>, direction: Direction): Frontier | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Number.POSITIVE_INFINITY) return null;
  return direction === 'lower' ? { best: min, worst: max } : { best: max, worst: min };
}

/**
 * Competition ranking with ties ("1224"), highest score first, compared at `decimals` places (DB ranks on two
 * decimals). Missing scores (NaN/null) get rank null.
 */
export function rankWithTies(scores: ArrayLike<number | null>, decimals = 2): Array<number | null> {
  const f = 10 ** decimals;
  const keyed: Array<{ i: number; k: number }> = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s !== null && !Number.isNaN(s)) keyed.push({ i, k: Math.round(s * f) });
  }
  keyed.sort((a, b) => b.k - a.k);
  const out: Array<number | null> = Array.from({ length: scores.length }, () => null);
  keyed.forEach((e, pos) => {
    out[e.i] = pos > 0 && keyed[pos - 1].k === e.k ? out[keyed[pos - 1].i] : pos + 1;
  });
  return out;
}
