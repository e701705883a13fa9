import { distanceToFrontier, rankWithTies, sampleFrontier, type Frontier } from './normalise.ts';
import { ancestorsOf, type CompiledTree } from './tree.ts';

/**
 * Values of one period: a regions × leaves matrix (row-major), NaN for a missing value. A missing value stays
 * missing: it never scores 0, and its parent re-normalises the weights over the children present.
 */
export interface PeriodValues {
  regions: readonly string[];
  /** length = regions.length × tree.leafNodes.length */
  values: Float64Array;
}

/** Scores of one period: per region and node (NaN = missing), the frontier used per leaf, the composite and ranks. */
export interface PeriodScores {
  tree: CompiledTree;
  regions: readonly string[];
  values: Float64Array;
  /** regions × nodes (tree.keys.length), NaN = missing */
  scores: Float64Array;
  /** per leaf ordinal: best, worst (NaN when a sample frontier has no value) */
  frontierBest: Float64Array;
  frontierWorst: Float64Array;
  /** rank of each region by composite (null when the composite is missing) */
  ranks: Array<number | null>;
}

/** Builds the value matrix from sparse entries; unknown regions or leaves are ignored. */
export function buildPeriodValues(tree: CompiledTree, regions: readonly string[], entries: Iterable<{ region: string; leaf: string; value: number }>): PeriodValues {
  const L = tree.leafNodes.length;
  const values = new Float64Array(regions.length * L).fill(Number.NaN);
  const rIndex = new Map(regions.map((r, i) => [r, i]));
  for (const e of entries) {
    const r = rIndex.get(e.region);
    const n = tree.index.get(e.leaf);
    if (r === undefined || n === undefined) continue;
    const l = tree.leafOf[n];
    if (l >= 0) values[r * L + l] = e.value;
  }
  return { regions, values };
}

function leafFrontier(tree: CompiledTree, values: Float64Array, R: number, l: number, column: Float64Array): Frontier | null {
  const rule = tree.leafRules[l];
  if (rule.frontier.mode === 'fixed') return { best: rule.frontier.best, worst: rule.frontier.worst };
  const L = tree.leafNodes.length;
  for (let r = 0; r < R; r++) column[r] = values[r * L + l];
  return sampleFrontier(column, rule.direction);
}

function scoreLeafColumn(p: PeriodScores, l: number, column: Float64Array): void {
  const { tree, values, scores } = p;
  const R = p.regions.length;
  const L = tree.leafNodes.length;
  const N = tree.keys.length;
  const node = tree.leafNodes[l];
  const f = leafFrontier(tree, values, R, l, column);
  p.frontierBest[l] = f ? f.best : Number.NaN;
  p.frontierWorst[l] = f ? f.worst : Number.NaN;
  const rule = tree.leafRules[l];
  for (let r = 0; r < R; r++) scores[r * N + node] = f ? distanceToFrontier(values[r * L + l], f, rule) : Number.NaN;
}

function aggregateNode(tree: CompiledTree, scores: Float64Array, base: number, node: number): number {
  const kids = tree.children[node];
  const simple = tree.aggregation[node] === 'mean';
  let sw = 0;
  let s = 0;
  for (let k = 0; k < kids.length; k++) {
    const v = scores[base + kids[k]];
    if (Number.isNaN(v)) continue;
    const w = simple ? 1 : tree.weight[kids[k]];
    sw += w;
    s += w * v;
  }
  // All children missing, or all present ones weighted 0: the node is missing too.
  return sw > 0 ? s / sw : Number.NaN;
}

function rerank(p: PeriodScores): void {
  const N = p.tree.keys.length;
  const comp = new Float64Array(p.regions.length);
  for (let r = 0; r < p.regions.length; r++) comp[r] = p.scores[r * N + p.tree.root];
  p.ranks = rankWithTies(comp);
}

/**
 * Scores one period in full: leaf frontiers (fixed or from the sample), leaf distance to frontier, aggregation up
 * the tree in post-order for every region, the composite (the synthetic root) and ranks with ties.
 * @param tree a compiled tree
 * @param period the value matrix (not copied; {@link updateValue} writes into it)
 */
export function scorePeriod(tree: CompiledTree, period: PeriodValues): PeriodScores {
  const R = period.regions.length;
  const L = tree.leafNodes.length;
  const N = tree.keys.length;
  const p: PeriodScores = {
    tree,
    regions: period.regions,
    values: period.values,
    scores: new Float64Array(R * N).fill(Number.NaN),
    frontierBest: new Float64Array(L),
    frontierWorst: new Float64Array(L),
    ranks: [],
  };
  const column = new Float64Array(R);
  for (let l = 0; l < L; l++) scoreLeafColumn(p, l, column);
  for (let i = 0; i < tree.postOrder.length; i++) {
    const node = tree.postOrder[i];
    if (tree.leafOf[node] >= 0) continue;
    for (let r = 0; r < R; r++) p.scores[r * N + node] = aggregateNode(tree, p.scores, r * N, node);
  }
  rerank(p);
  return p;
}

/** The score of a node for a region, null when missing. */
export function scoreOf(p: PeriodScores, nodeKey: string, region: string): number | null {
  const n = p.tree.index.get(nodeKey);
  const r = p.regions.indexOf(region);
  if (n === undefined || r < 0) return null;
  const v = p.scores[r * p.tree.keys.length + n];
  return Number.isNaN(v) ? null : v;
}

/** The composite index per region (null when missing), with ranks. */
export function compositeOf(p: PeriodScores): Array<{ region: string; composite: number | null; rank: number | null }> {
  const N = p.tree.keys.length;
  return p.regions.map((region, r) => {
    const v = p.scores[r * N + p.tree.root];
    return { region, composite: Number.isNaN(v) ? null : v, rank: p.ranks[r] };
  });
}

/** What {@link updateValue} did: how much it recomputed, for the bench and tests. */
export interface UpdateStats {
  /** The leaf's frontier moved (sample frontier), so its whole column and every region's ancestors were recomputed. */
  frontierChanged: boolean;
  /** Node-region cells recomputed. */
  cells: number;
}

/**
 * Incremental recompute after one value changes: the leaf's score for that region and its ancestors only, or,
 * when a sample frontier moves, the leaf's column and the ancestors in every region; then the ranks.
 * Mutates `p` (and its value matrix). The result equals {@link scorePeriod} on the changed values.
 * @param value the new value, NaN to clear it
 */
export function updateValue(p: PeriodScores, region: string, leafKey: string, value: number): UpdateStats {
  const { tree } = p;
  const r = p.regions.indexOf(region);
  const node = tree.index.get(leafKey);
  if (r < 0 || node === undefined || tree.leafOf[node] < 0) throw new Error(`unknown region or leaf: ${region} ${leafKey}`);
  const l = tree.leafOf[node];
  const R = p.regions.length;
  const L = tree.leafNodes.length;
  const N = tree.keys.length;
  p.values[r * L + l] = value;
  const ancestors = ancestorsOf(tree, node);
  let frontierChanged = false;
  let cells = 0;
  if (tree.leafRules[l].frontier.mode === 'sample') {
    const b = p.frontierBest[l];
    const w = p.frontierWorst[l];
    scoreLeafColumn(p, l, new Float64Array(R));
    frontierChanged = !Object.is(b, p.frontierBest[l]) || !Object.is(w, p.frontierWorst[l]);
  }
  if (frontierChanged) {
    for (let rr = 0; rr < R; rr++) for (const a of ancestors) p.scores[rr * N + a] = aggregateNode(tree, p.scores, rr * N, a);
    cells = R * (ancestors.length + 1);
  } else {
    const f = { best: p.frontierBest[l], worst: p.frontierWorst[l] };
    p.scores[r * N + node] = Number.isNaN(f.best) ? Number.NaN : distanceToFrontier(value, f, tree.leafRules[l]);
    for (const a of ancestors) p.scores[r * N + a] = aggregateNode(tree, p.scores, r * N, a);
    cells = ancestors.length + 1;
  }
  rerank(p);
  return { frontierChanged, cells };
}

/** A copy that {@link updateValue} can change without touching the original. */
export function clonePeriodScores(p: PeriodScores): PeriodScores {
  return { ...p, values: p.values.slice(), scores: p.scores.slice(), frontierBest: p.frontierBest.slice(), frontierWorst: p.frontierWorst.slice(), ranks: [...p.ranks] };
}
