import { clonePeriodScores, compositeOf, updateValue, type PeriodScores } from './score.ts';
import { DEFAULT_NONLINEAR_EXPONENT, type Aggregation, type Direction, type FrontierRule, type Transform } from './tree.ts';

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

export interface ChildTerm {
  key: string;
  name: string;
  score: number | null;
  /** The weight as set in the tree (1 for every child under a simple mean). */
  weight: number;
  /** The weight's share among the children present; null for a missing child. */
  effectiveWeight: number | null;
  /** effectiveWeight × score: the children's contributions add up to the node's score. */
  contribution: number | null;
}

export type Explanation =
  | {
      kind: 'leaf';
      key: string;
      name: string;
      region: string;
      value: number | null;
      direction: Direction;
      frontierMode: FrontierRule['mode'];
      best: number | null;
      worst: number | null;
      transform: Transform;
      exponent: number | null;
      /** (worst − y)/(worst − best) clamped to [0, 1], before the nonlinear transform. */
      fraction: number | null;
      score: number | null;
      formula: string;
      /** Share of this node in the composite (product of effective weights up the tree), null when missing. */
      shareOfComposite: number | null;
    }
  | {
      kind: 'node';
      key: string;
      name: string;
      region: string;
      aggregation: Aggregation;
      score: number | null;
      children: ChildTerm[];
      /** Some child is missing, so the weights were re-normalised over the children present. */
      renormalised: boolean;
      missingChildren: string[];
      formula: string;
      shareOfComposite: number | null;
    };

const f2 = (v: number) => (Math.round(v * 100) / 100).toString();

function shareOfComposite(p: PeriodScores, r: number, node: number): number | null {
  const { tree } = p;
  const N = tree.keys.length;
  let share = 1;
  for (let n = node; tree.parent[n] >= 0; n = tree.parent[n]) {
    if (Number.isNaN(p.scores[r * N + n])) return null;
    const par = tree.parent[n];
    const simple = tree.aggregation[par] === 'mean';
    let sw = 0;
    for (const k of tree.children[par]) if (!Number.isNaN(p.scores[r * N + k])) sw += simple ? 1 : tree.weight[k];
    share *= (simple ? 1 : tree.weight[n]) / sw;
  }
  return share;
}

/**
 * Why a node scored what it did for a region: for a leaf the DB formula with its inputs and frontier, for an inner
 * node each child's score, weight, effective weight and contribution (which add up to the node's score).
 * @returns null for an unknown node or region
 */
export function explainScore(p: PeriodScores, nodeKey: string, region: string): Explanation | null {
  const { tree } = p;
  const n = tree.index.get(nodeKey);
  const r = p.regions.indexOf(region);
  if (n === undefined || r < 0) return null;
  const N = tree.keys.length;
  const L = tree.leafNodes.length;
  const score = num(p.scores[r * N + n]);
  const share = shareOfComposite(p, r, n);
  const l = tree.leafOf[n];
  if (l >= 0) {
    const rule = tree.leafRules[l];
    const y = num(p.values[r * L + l]);
    const best = num(p.frontierBest[l]);
    const worst = num(p.frontierWorst[l]);
    let fraction: number | null = null;
    if (y !== null && best !== null && worst !== null) fraction = worst === best ? 1 : Math.min(1, Math.max(0, (worst - y) / (worst - best)));
    const transform = rule.transform ?? 'linear';
    const exponent = transform === 'nonlinear' ? (rule.exponent ?? DEFAULT_NONLINEAR_EXPONENT) : null;
    const core = rule.direction === 'lower' ? '(worst − y)/(worst − best)' : '(y − worst)/(best − worst)';
    const formula =
      y === null || best === null || worst === null
        ? `缺失：该地区本期无此指标数值，不计 0 分，上级按其余指标重新分配权重`
        : `100 × ${transform === 'nonlinear' ? `clamp(${core})^${exponent}` : `clamp(${core})`} = 100 × ${transform === 'nonlinear' ? `clamp((${f2(worst)} − ${f2(y)})/(${f2(worst)} − ${f2(best)}))^${exponent}` : `clamp((${f2(worst)} − ${f2(y)})/(${f2(worst)} − ${f2(best)}))`} = ${f2(score ?? 0)}`;
    return { kind: 'leaf', key: nodeKey, name: tree.names[n], region, value: y, direction: rule.direction, frontierMode: rule.frontier.mode, best, worst, transform, exponent, fraction, score, formula, shareOfComposite: share };
  }
  const simple = tree.aggregation[n] === 'mean';
  let sw = 0;
  for (const k of tree.children[n]) if (!Number.isNaN(p.scores[r * N + k])) sw += simple ? 1 : tree.weight[k];
  const children: ChildTerm[] = tree.children[n].map((k) => {
    const s = num(p.scores[r * N + k]);
    const weight = simple ? 1 : tree.weight[k];
    const effectiveWeight = s === null || sw === 0 ? null : weight / sw;
    return { key: tree.keys[k], name: tree.names[k], score: s, weight, effectiveWeight, contribution: effectiveWeight === null ? null : effectiveWeight * s! };
  });
  const missingChildren = children.filter((c) => c.score === null).map((c) => c.key);
  const terms = children.filter((c) => c.contribution !== null).map((c) => `${f2(c.effectiveWeight! * 100)}% × ${f2(c.score!)}`);
  const formula = score === null ? '缺失：下级指标均无数值' : `${simple ? '简单平均' : '加权平均'}：${terms.join(' + ')} = ${f2(score)}${missingChildren.length ? `（${missingChildren.length} 项下级缺失，权重按其余下级重新归一）` : ''}`;
  return { kind: 'node', key: nodeKey, name: tree.names[n], region, aggregation: tree.aggregation[n], score, children, renormalised: missingChildren.length > 0 && score !== null, missingChildren, formula, shareOfComposite: share };
}

export interface Gap {
  key: string;
  name: string;
  score: number;
  /** Composite points gained if this leaf reached the frontier: (100 − score) × its share of the composite. */
  compositeGain: number;
  /** Composite points per leaf-score point: where a point of effort moves the index most. */
  shareOfComposite: number;
}

/** The leaves of a region furthest from the frontier, by what closing them would add to the composite. */
export function gapsToFrontier(p: PeriodScores, region: string, limit = 10): Gap[] {
  const { tree } = p;
  const r = p.regions.indexOf(region);
  if (r < 0) return [];
  const N = tree.keys.length;
  const out: Gap[] = [];
  for (let l = 0; l < tree.leafNodes.length; l++) {
    const n = tree.leafNodes[l];
    const s = p.scores[r * N + n];
    if (Number.isNaN(s) || s >= 100) continue;
    const share = shareOfComposite(p, r, n);
    if (share === null) continue;
    out.push({ key: tree.keys[n], name: tree.names[n], score: s, compositeGain: (100 - s) * share, shareOfComposite: share });
  }
  return out.sort((a, b) => b.compositeGain - a.compositeGain).slice(0, limit);
}

export interface SimulationRow {
  region: string;
  before: number | null;
  after: number | null;
  rankBefore: number | null;
  rankAfter: number | null;
}

/**
 * What-if (模拟): the composite and rank of every region after changing some leaf values, without touching `p`.
 * Sample frontiers move with the changed values, as they would in a real recompute.
 */
export function simulate(p: PeriodScores, changes: ReadonlyArray<{ region: string; leaf: string; value: number | null }>): { rows: SimulationRow[]; after: PeriodScores } {
  const after = clonePeriodScores(p);
  for (const c of changes) updateValue(after, c.region, c.leaf, c.value ?? Number.NaN);
  const b = compositeOf(p);
  const a = compositeOf(after);
  return { rows: b.map((x, i) => ({ region: x.region, before: x.composite, after: a[i].composite, rankBefore: x.rank, rankAfter: a[i].rank })), after };
}
