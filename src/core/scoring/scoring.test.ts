import { describe, expect, it } from 'vitest';
import {
  buildPeriodValues,
  compileTree,
  compileTreeOrThrow,
  compositeOf,
  distanceToFrontier,
  explainScore,
  gapsToFrontier,
  rankWithTies,
  scoreOf,
  scorePeriod,
  simulate,
  updateValue,
  type IndicatorNodeSpec,
} from './index.ts';

/*
 * Worked example, computed by hand from the DB formula (anchors-cn.md §1.2):
 *   score(y) = 100 × (worst − y)/(worst − best), clamped to [0, 100]; nonlinear: 100 × fraction^0.8.
 *
 * Tree (composite = weighted mean of A (weight 2) and B (weight 1)):
 *   A 开办企业 (weighted mean, weights 1:1)
 *     A1 时间 (days, lower better, fixed frontier best 0.5, worst 20)
 *     A2 环节 (procedures, lower better, fixed frontier best 1, worst 9)
 *   B 纳税 (simple mean)
 *     B1 总税费率 (%, lower better, nonlinear, fixed best 26.1 (threshold), worst 84)
 *     B2 纳税时间 (hours, lower better, frontier from the sample)
 *
 * Values:     A1     A2       B1     B2
 *   X         5      4        40     100
 *   Y         10     missing  26.1   200
 *   Z         20.5   1        84     150
 *
 * X: A1 = 100 × (20 − 5)/(20 − 0.5) = 100 × 15/19.5 = 76.9231
 *    A2 = 100 × (9 − 4)/(9 − 1) = 100 × 5/8 = 62.5
 *    A  = (76.9231 + 62.5)/2 = 69.7115
 *    B1: fraction = (84 − 40)/(84 − 26.1) = 44/57.9 = 0.759931; ln = −0.274528; × 0.8 = −0.219622; e^ = 0.802822 → 80.2822
 *    B2: sample best = min = 100, worst = max = 200 → 100 × (200 − 100)/(200 − 100) = 100
 *    B  = (80.2822 + 100)/2 = 90.1411
 *    composite = (2 × 69.7115 + 1 × 90.1411)/3 = 229.5642/3 = 76.5214
 * Y: A1 = 100 × 10/19.5 = 51.2821; A2 missing (not 0) → A = 51.2821 with A1's weight re-normalised to 100 %
 *    B1 = 26.1 is at the threshold → 100; B2 = 100 × (200 − 200)/100 = 0 → B = 50
 *    composite = (2 × 51.2821 + 50)/3 = 50.8547
 * Z: A1 = 20.5 is beyond the worst → clamped to 0; A2 = 100 → A = 50
 *    B1 = worst → 0 (0^0.8 = 0); B2 = 100 × (200 − 150)/100 = 50 → B = 25
 *    composite = (2 × 50 + 25)/3 = 41.6667
 * Ranks: X 1, Y 2, Z 3.
 */
const NODES: IndicatorNodeSpec[] = [
  { key: 'A', parentKey: null, name: '开办企业', weight: 2 },
  { key: 'A1', parentKey: 'A', name: '时间', weight: 1, leaf: { direction: 'lower', frontier: { mode: 'fixed', best: 0.5, worst: 20 } } },
  { key: 'A2', parentKey: 'A', name: '环节', weight: 1, leaf: { direction: 'lower', frontier: { mode: 'fixed', best: 1, worst: 9 } } },
  { key: 'B', parentKey: null, name: '纳税', weight: 1, aggregation: 'mean' },
  { key: 'B1', parentKey: 'B', name: '总税费率', weight: 3, leaf: { direction: 'lower', transform: 'nonlinear', frontier: { mode: 'fixed', best: 26.1, worst: 84 } } },
  { key: 'B2', parentKey: 'B', name: '纳税时间', weight: 1, leaf: { direction: 'lower', frontier: { mode: 'sample' } } },
];
const REGIONS = ['X', 'Y', 'Z'];
const ENTRIES = [
  ['X', 'A1', 5], ['X', 'A2', 4], ['X', 'B1', 40], ['X', 'B2', 100],
  ['Y', 'A1', 10], ['Y', 'B1', 26.1], ['Y', 'B2', 200],
  ['Z', 'A1', 20.5], ['Z', 'A2', 1], ['Z', 'B1', 84], ['Z', 'B2', 150],
].map(([region, leaf, value]) => ({ region: region as string, leaf: leaf as string, value: value as number }));

const score = () => {
  const tree = compileTreeOrThrow(NODES);
  return scorePeriod(tree, buildPeriodValues(tree, REGIONS, ENTRIES));
};

describe('distanceToFrontier', () => {
  it('should apply the DB formula, clamp, and mirror for higher-is-better', () => {
    expect(distanceToFrontier(4, { best: 1, worst: 9 }, {})).toBe(62.5);
    expect(distanceToFrontier(12, { best: 1, worst: 9 }, {})).toBe(0);
    expect(distanceToFrontier(0, { best: 1, worst: 9 }, {})).toBe(100);
    // Extent of disclosure index 0–10, higher is better: 100 × (7 − 0)/(10 − 0) = 70.
    expect(distanceToFrontier(7, { best: 10, worst: 0 }, {})).toBeCloseTo(70, 10);
    expect(distanceToFrontier(Number.NaN, { best: 1, worst: 9 }, {})).toBeNaN();
  });

  it('should raise the fraction to 0.8 for the nonlinear option', () => {
    expect(distanceToFrontier(40, { best: 26.1, worst: 84 }, { transform: 'nonlinear' })).toBeCloseTo(80.2822, 3);
    expect(distanceToFrontier(20, { best: 26.1, worst: 84 }, { transform: 'nonlinear' })).toBe(100);
  });
});

describe('rankWithTies', () => {
  it('should give tied scores the same rank and skip the next (1224), leaving missing unranked', () => {
    expect(rankWithTies([90, 80, 90, null, 70, Number.NaN])).toEqual([1, 3, 1, null, 4, null]);
    // Compared at two decimals, like DB.
    expect(rankWithTies([80.001, 80.004])).toEqual([1, 1]);
  });
});

describe('scorePeriod', () => {
  it('should match the hand-computed worked example', () => {
    const p = score();
    expect(scoreOf(p, 'A1', 'X')).toBeCloseTo(76.9231, 3);
    expect(scoreOf(p, 'A', 'X')).toBeCloseTo(69.7115, 3);
    expect(scoreOf(p, 'B1', 'X')).toBeCloseTo(80.2822, 3);
    expect(scoreOf(p, 'B2', 'X')).toBe(100);
    expect(scoreOf(p, 'B', 'X')).toBeCloseTo(90.1411, 3);
    expect(compositeOf(p)).toEqual([
      { region: 'X', composite: expect.closeTo(76.5214, 3), rank: 1 },
      { region: 'Y', composite: expect.closeTo(50.8547, 3), rank: 2 },
      { region: 'Z', composite: expect.closeTo(41.6667, 3), rank: 3 },
    ]);
  });

  it('should keep a missing leaf missing (never 0) and re-normalise its siblings', () => {
    const p = score();
    expect(scoreOf(p, 'A2', 'Y')).toBeNull();
    expect(scoreOf(p, 'A', 'Y')).toBeCloseTo(51.2821, 3);
    const e = explainScore(p, 'A', 'Y')!;
    expect(e.kind === 'node' && e.renormalised).toBe(true);
    expect(e.kind === 'node' && e.missingChildren).toEqual(['A2']);
    expect(e.formula).toContain('重新归一');
  });

  it('should make a node missing when all its children are missing', () => {
    const tree = compileTreeOrThrow(NODES);
    const p = scorePeriod(tree, buildPeriodValues(tree, ['W'], [{ region: 'W', leaf: 'B2', value: 3 }]));
    expect(scoreOf(p, 'A', 'W')).toBeNull();
    expect(compositeOf(p)[0].composite).toBe(100);
  });

  it('should refuse trees with cycles, unknown parents, bad frontiers', () => {
    const { tree, issues } = compileTree([
      { key: 'a', parentKey: 'b', name: 'a', weight: 1 },
      { key: 'b', parentKey: 'a', name: 'b', weight: 1 },
      { key: 'c', parentKey: 'zz', name: 'c', weight: 1, leaf: { direction: 'lower', frontier: { mode: 'sample' } } },
      { key: 'd', parentKey: null, name: 'd', weight: 1, leaf: { direction: 'higher', frontier: { mode: 'fixed', best: 0, worst: 10 } } },
    ]);
    expect(tree).toBeNull();
    expect(issues.map((i) => i.code).sort()).toEqual(['BAD_FRONTIER', 'CYCLE', 'CYCLE', 'UNKNOWN_PARENT']);
  });
});

describe('explainScore', () => {
  it('should give contributions that add up to the composite, and each node to its score', () => {
    const p = score();
    for (const region of REGIONS) {
      const root = explainScore(p, '__composite__', region)!;
      if (root.kind !== 'node') throw new Error('root is a node');
      const sum = root.children.reduce((s, c) => s + (c.contribution ?? 0), 0);
      expect(sum).toBeCloseTo(root.score!, 10);
      for (const c of root.children) {
        const e = explainScore(p, c.key, region)!;
        if (e.kind !== 'node' || e.score === null) continue;
        expect(e.children.reduce((s, x) => s + (x.contribution ?? 0), 0)).toBeCloseTo(e.score, 10);
      }
    }
    const r = explainScore(p, '__composite__', 'X')!;
    expect(r.kind === 'node' && r.children.map((c) => c.effectiveWeight)).toEqual([2 / 3, 1 / 3]);
  });

  it('should show the leaf formula with its inputs and frontier', () => {
    const e = explainScore(score(), 'A2', 'X')!;
    expect(e).toMatchObject({ kind: 'leaf', value: 4, best: 1, worst: 9, fraction: 0.625, score: 62.5, frontierMode: 'fixed', transform: 'linear' });
    expect(e.formula).toBe('100 × clamp((worst − y)/(worst − best)) = 100 × clamp((9 − 4)/(9 − 1)) = 62.5');
    // A2's share of X's composite: 1/2 within A, A is 2/3 of the composite.
    expect(e.shareOfComposite).toBeCloseTo(1 / 3, 12);
  });

  it('should rank gaps by what closing them adds to the composite', () => {
    const gaps = gapsToFrontier(score(), 'X');
    // A2: (100 − 62.5) × 1/3 = 12.5; A1: (100 − 76.9231) × 1/3 = 7.6923; B1: (100 − 80.2822) × 1/6 = 3.2863
    expect(gaps.map((g) => g.key)).toEqual(['A2', 'A1', 'B1']);
    expect(gaps[0].compositeGain).toBeCloseTo(12.5, 10);
  });
});

describe('simulate and updateValue', () => {
  it('should move the index and rank in a what-if without touching the original', () => {
    const p = score();
    // Y's A2 to 1 procedure: A = (51.2821 + 100)/2 = 75.6410; composite = (2 × 75.6410 + 50)/3 = 67.0940.
    // Z's A1 to 0.5 days: A = 100, composite = (200 + 25)/3 = 75 → still behind X (76.52).
    const { rows } = simulate(p, [
      { region: 'Y', leaf: 'A2', value: 1 },
      { region: 'Z', leaf: 'A1', value: 0.5 },
    ]);
    expect(rows[1]).toEqual({ region: 'Y', before: expect.closeTo(50.8547, 3), after: expect.closeTo(67.094, 3), rankBefore: 2, rankAfter: 3 });
    expect(rows[2]).toMatchObject({ after: 75, rankBefore: 3, rankAfter: 2 });
    expect(scoreOf(p, 'A2', 'Y')).toBeNull();
  });

  it('should recompute only the path for a fixed frontier and equal a full recompute', () => {
    const p = score();
    const stats = updateValue(p, 'X', 'A1', 3);
    expect(stats).toEqual({ frontierChanged: false, cells: 3 });
    const tree = compileTreeOrThrow(NODES);
    const full = scorePeriod(tree, buildPeriodValues(tree, REGIONS, ENTRIES.map((e) => (e.region === 'X' && e.leaf === 'A1' ? { ...e, value: 3 } : e))));
    expect(Array.from(p.scores)).toEqual(Array.from(full.scores));
  });

  it('should recompute the column when a sample frontier moves', () => {
    const p = score();
    const stats = updateValue(p, 'Z', 'B2', 90);
    expect(stats.frontierChanged).toBe(true);
    const tree = compileTreeOrThrow(NODES);
    const full = scorePeriod(tree, buildPeriodValues(tree, REGIONS, ENTRIES.map((e) => (e.region === 'Z' && e.leaf === 'B2' ? { ...e, value: 90 } : e))));
    expect(Array.from(p.scores)).toEqual(Array.from(full.scores));
    expect(p.ranks).toEqual(full.ranks);
  });
});
