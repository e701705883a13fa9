/**
 * Indicator trees (指标体系) compiled to flat arrays, so that scoring a province (regions × leaves × periods) is a few
 * passes over typed arrays. Pure: no I/O.
 */

/** Lower is better (days, procedures, cost) or higher is better (rates, indices). */
export type Direction = 'lower' | 'higher';

/** How a node combines its children: weighted mean (default) or simple mean (DB topics). */
export type Aggregation = 'weighted_mean' | 'mean';

/** DB normalisation of a leaf: linear, or the DB2015 nonlinear transform used for rate-type indicators. */
export type Transform = 'linear' | 'nonlinear';

/** Frontier: fixed for the methodology version (DB: held for five years, so years compare) or taken from the sample. */
export type FrontierRule = { mode: 'fixed'; best: number; worst: number } | { mode: 'sample' };

/** What makes a node a scored leaf. */
export interface LeafRule {
  direction: Direction;
  frontier: FrontierRule;
  transform?: Transform;
  /** Exponent of the nonlinear transform; default {@link DEFAULT_NONLINEAR_EXPONENT}. */
  exponent?: number;
}

/** One node of a tree as stored: the tree is the set of nodes linked by `parentKey`. */
export interface IndicatorNodeSpec {
  key: string;
  parentKey: string | null;
  name: string;
  /** Any non-negative scale; weights are normalised over the children present for a region. */
  weight: number;
  aggregation?: Aggregation;
  /** Present for a leaf (a node without children); a leaf with children is an error. */
  leaf?: LeafRule | null;
}

export const DEFAULT_NONLINEAR_EXPONENT = 0.8;

/** The synthetic root over the first-level nodes; its score is the composite index. */
export const ROOT_KEY = '__composite__';

export interface CompiledTree {
  /** Node keys by index; the last index is the synthetic root. */
  keys: string[];
  names: string[];
  index: Map<string, number>;
  parent: Int32Array;
  weight: Float64Array;
  aggregation: Aggregation[];
  /** Children indices per node (empty for leaves). */
  children: number[][];
  /** Nodes in post-order (children before parents), root last. */
  postOrder: Int32Array;
  /** Leaf ordinal per node (−1 for inner nodes), and node index per leaf ordinal. */
  leafOf: Int32Array;
  leafNodes: Int32Array;
  leafRules: LeafRule[];
  root: number;
  depth: Int32Array;
}

export interface TreeIssue {
  key: string;
  code: 'DUPLICATE_KEY' | 'UNKNOWN_PARENT' | 'CYCLE' | 'LEAF_HAS_CHILDREN' | 'INNER_WITHOUT_CHILDREN' | 'BAD_WEIGHT' | 'BAD_FRONTIER';
  message: string;
}

/**
 * Compiles a flat list of nodes into arrays. Returns issues instead of throwing for bad input.
 * @param nodes the tree's nodes in any order (siblings keep their order of appearance)
 * @returns `{ tree, issues }`; `tree` is null when there are issues
 * @example compileTree([{ key: 'a', parentKey: null, name: '开办企业', weight: 1 }, { key: 'a1', parentKey: 'a', name: '时间', weight: 1, leaf: { direction: 'lower', frontier: { mode: 'fixed', best: 0.5, worst: 10 } } }])
 */
export function compileTree(nodes: readonly IndicatorNodeSpec[]): { tree: CompiledTree | null; issues: TreeIssue[] } {
  const issues: TreeIssue[] = [];
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (index.has(n.key) || n.key === ROOT_KEY) issues.push({ key: n.key, code: 'DUPLICATE_KEY', message: `重复的指标编码 ${n.key}` });
    else index.set(n.key, i);
  });
  const root = nodes.length;
  const parent = new Int32Array(nodes.length + 1).fill(-1);
  const children: number[][] = Array.from({ length: nodes.length + 1 }, () => []);
  nodes.forEach((n, i) => {
    if (index.get(n.key) !== i) return;
    if (!(Number.isFinite(n.weight) && n.weight >= 0)) issues.push({ key: n.key, code: 'BAD_WEIGHT', message: `权重须为非负数：${n.key}` });
    const p = n.parentKey === null ? root : index.get(n.parentKey);
    if (p === undefined) {
      issues.push({ key: n.key, code: 'UNKNOWN_PARENT', message: `上级指标 ${n.parentKey} 不存在` });
      return;
    }
    parent[i] = p;
    children[p].push(i);
    const f = n.leaf?.frontier;
    if (f?.mode === 'fixed') {
      const okDir = n.leaf!.direction === 'lower' ? f.best < f.worst : f.best > f.worst;
      if (!Number.isFinite(f.best) || !Number.isFinite(f.worst) || !okDir) {
        issues.push({ key: n.key, code: 'BAD_FRONTIER', message: `前沿值不合理：${n.key}（${n.leaf!.direction === 'lower' ? '越小越好，最优值须小于最差值' : '越大越好，最优值须大于最差值'}）` });
      }
    }
  });
  // Post-order walk from the root; nodes never reached sit on a cycle.
  const postOrder: number[] = [];
  const depth = new Int32Array(nodes.length + 1);
  const seen = new Uint8Array(nodes.length + 1);
  const stack: Array<[number, number]> = [[root, 0]];
  seen[root] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [node, next] = top;
    if (next < children[node].length) {
      top[1]++;
      const c = children[node][next];
      if (!seen[c]) {
        seen[c] = 1;
        depth[c] = depth[node] + 1;
        stack.push([c, 0]);
      }
    } else {
      postOrder.push(node);
      stack.pop();
    }
  }
  nodes.forEach((n, i) => {
    if (index.get(n.key) === i && parent[i] >= 0 && !seen[i]) issues.push({ key: n.key, code: 'CYCLE', message: `指标 ${n.key} 的上下级关系成环` });
  });
  const leafOf = new Int32Array(nodes.length + 1).fill(-1);
  const leafNodes: number[] = [];
  const leafRules: LeafRule[] = [];
  nodes.forEach((n, i) => {
    if (index.get(n.key) !== i) return;
    if (n.leaf && children[i].length > 0) issues.push({ key: n.key, code: 'LEAF_HAS_CHILDREN', message: `末级指标 ${n.key} 不能有下级` });
    else if (!n.leaf && children[i].length === 0) issues.push({ key: n.key, code: 'INNER_WITHOUT_CHILDREN', message: `指标 ${n.key} 既无下级也未设置计分规则` });
    else if (n.leaf) {
      leafOf[i] = leafNodes.length;
      leafNodes.push(i);
      leafRules.push(n.leaf);
    }
  });
  if (issues.length) return { tree: null, issues };
  const weight = new Float64Array(nodes.length + 1);
  nodes.forEach((n, i) => (weight[i] = n.weight));
  weight[root] = 1;
  return {
    tree: {
      keys: [...nodes.map((n) => n.key), ROOT_KEY],
      names: [...nodes.map((n) => n.name), '综合指数'],
      index: new Map([...index, [ROOT_KEY, root]]),
      parent,
      weight,
      aggregation: [...nodes.map((n) => n.aggregation ?? 'weighted_mean'), 'weighted_mean'],
      children,
      postOrder: Int32Array.from(postOrder),
      leafOf,
      leafNodes: Int32Array.from(leafNodes),
      leafRules,
      root,
      depth,
    },
    issues,
  };
}

/** Compiles or throws: for trees already validated when stored. @throws Error listing the issues */
export function compileTreeOrThrow(nodes: readonly IndicatorNodeSpec[]): CompiledTree {
  const { tree, issues } = compileTree(nodes);
  if (!tree) throw new Error(`invalid indicator tree: ${issues.map((i) => i.message).join('; ')}`);
  return tree;
}

/** Ancestors of a node, nearest first, the synthetic root last. */
export function ancestorsOf(tree: CompiledTree, node: number): number[] {
  const out: number[] = [];
  for (let p = tree.parent[node]; p >= 0; p = tree.parent[p]) out.push(p);
  return out;
}
