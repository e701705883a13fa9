import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTargets, type TargetRow } from './compare.ts';
import { GOLD_TARGET_ROWS } from './gold-targets.fixture.ts';
import { cleanMetric, normalizeMetric } from './metric.ts';
import { BUILTIN_METRIC_SYNONYMS } from './synonyms.ts';
import { targetUnitInfo } from './units.ts';

const row = (over: Partial<TargetRow>): TargetRow => ({
  planId: 'p',
  region: null,
  metric: '企业开办时间',
  op: '<=',
  value: 1,
  unit: '个工作日',
  by: null,
  ...over,
});

describe('BUILTIN_METRIC_SYNONYMS', () => {
  it('should have unique canonical names and no variant shared by two entries', () => {
    const canon = BUILTIN_METRIC_SYNONYMS.map((s) => s.canonical);
    expect(new Set(canon).size).toBe(canon.length);
    const owner = new Map<string, string>();
    for (const s of BUILTIN_METRIC_SYNONYMS) {
      for (const v of [s.canonical, ...s.variants]) {
        const key = cleanMetric(v);
        expect(owner.get(key) ?? s.canonical, `${v} in ${s.canonical} and ${owner.get(key)}`).toBe(s.canonical);
        owner.set(key, s.canonical);
      }
    }
  });
});

describe(normalizeMetric.name, () => {
  it('should map the seed plans\' names to the canonical metrics', () => {
    const cases: [string, string, string][] = [
      ['企业设立登记', '个工作日', '企业开办时间'],
      ['企业开办', '日', '企业开办时间'],
      ['低压小微企业全流程办理时间', '个工作日', '低压小微企业办电时间'],
      ['低压非居民全过程办电平均时间', '个工作日', '低压小微企业办电时间'],
      ['一般不动产登记', '个工作日', '不动产登记时间'],
      ['一般抵押登记', '个工作日', '不动产抵押登记时间'],
      ['经营主体总体满意率', '%', '满意率'],
      ['12345政务服务便民热线办件满意率', '%', '12345热线满意率'],
      ['全市破产案件结案率', '%', '破产案件结案率'],
      ['市场监管领域部门“双随机、一公开”抽查事项覆盖率', '%', '“双随机、一公开”监管覆盖率'],
      ['纳税耗时', '小时', '纳税时间'],
    ];
    for (const [metric, unit, canonical] of cases) expect(normalizeMetric(metric, [], { unit }).canonical, metric).toBe(canonical);
  });

  it('should tell exact from contained matches', () => {
    expect(normalizeMetric('企业设立登记')).toMatchObject({ matchedBy: 'builtin', how: 'exact' });
    expect(normalizeMetric('全流程企业开办平均用时')).toMatchObject({ canonical: '企业开办时间', matchedBy: 'builtin', how: 'contains' });
  });

  it('should keep with- and without-external-works targets apart', () => {
    expect(normalizeMetric('有外线工程的用水、用气报装时限', [], { unit: '个工作日' }).matchedBy).toBeNull();
    expect(normalizeMetric('涉及电力外线工程的低压用户全过程办电时间').canonical).toBe('低压办电时间（有外线工程）');
    expect(normalizeMetric('无外线工程的用户报装参与环节', [], { unit: '个环节' }).matchedBy).toBeNull();
    expect(normalizeMetric('不动产抵押登记办理时间').canonical).toBe('不动产抵押登记时间');
  });

  it('should skip an entry of another unit kind', () => {
    expect(normalizeMetric('企业开办', [], { unit: '套' })).toMatchObject({ canonical: '企业开办', matchedBy: null });
    expect(normalizeMetric('企业开办', [], { unit: '天' }).canonical).toBe('企业开办时间');
  });

  it('should let the office\'s own synonyms come first', () => {
    const extra = [{ canonical: '开办企业全流程时间', variants: ['企业开办'] }, { canonical: '拿地即开工', variants: ['拿地即开工时间'] }];
    expect(normalizeMetric('企业开办', extra)).toMatchObject({ canonical: '开办企业全流程时间', matchedBy: 'extra', how: 'exact' });
    expect(normalizeMetric('工业项目拿地即开工时间', extra)).toMatchObject({ canonical: '拿地即开工', matchedBy: 'extra', how: 'contains' });
    expect(normalizeMetric('企业设立登记', extra).matchedBy).toBe('builtin');
  });

  it('should return the cleaned metric when nothing applies', () => {
    expect(normalizeMetric(' 全市“绿金通”平台注册企业 ')).toEqual({ canonical: '绿金通平台注册企业', matchedBy: null, how: null, synonym: null });
  });

  it('should be idempotent on canonical names and never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...GOLD_TARGET_ROWS.map((r) => r.metric))), (metric) => {
        const once = normalizeMetric(metric);
        expect(normalizeMetric(once.canonical).canonical).toBe(once.canonical);
        expect(cleanMetric(cleanMetric(metric))).toBe(cleanMetric(metric));
      }),
      { numRuns: 500 },
    );
  });
});

describe(targetUnitInfo.name, () => {
  it('should convert only units that convert exactly', () => {
    expect(targetUnitInfo('天')).toMatchObject({ family: 'time', factor: 24 });
    expect(targetUnitInfo('分钟')).toMatchObject({ family: 'time', factor: 1 / 60 });
    expect(targetUnitInfo('个工作日').family).toBe(targetUnitInfo('工作日').family);
    expect(targetUnitInfo('工作日').family).not.toBe(targetUnitInfo('天').family);
    expect(targetUnitInfo('亿元')).toMatchObject({ family: 'money', factor: 1e8 });
    expect(targetUnitInfo('分').family).toBe('unit:分');
    expect(targetUnitInfo('个环节').family).toBe(targetUnitInfo('环节').family);
  });
});

describe(compareTargets.name, () => {
  it('should group synonyms and convert hours and days, but never working days', () => {
    const { groups } = compareTargets([
      row({ planId: 'a', region: '定西市', metric: '企业开办', value: 1, unit: '天' }),
      row({ planId: 'b', region: '衢州市', metric: '企业开办时间', value: 4, unit: '小时' }),
      row({ planId: 'c', region: '张掖市', metric: '企业设立登记', value: 0.5, unit: '个工作日' }),
    ]);
    expect(groups.map((g) => [g.canonical, g.family, g.unit, g.entries.length])).toEqual([
      ['企业开办时间', 'time', '天', 2],
      ['企业开办时间', 'unit:工作日', '个工作日', 1],
    ]);
    expect(groups[0].entries.map((e) => [e.row.planId, e.value, e.best, e.rank])).toEqual([
      ['b', 0.166666666667, true, 1],
      ['a', 1, false, 2],
    ]);
  });

  it('should mark the highest value best for >= and all equal values on the same date', () => {
    const { groups } = compareTargets([
      row({ planId: 'a', metric: '满意率', op: '>=', value: 95, unit: '%', by: '2024-12-31' }),
      row({ planId: 'b', metric: '经营主体总体满意率', op: '>=', value: 98, unit: '%', by: '2024-12-31' }),
      row({ planId: 'c', metric: '企业满意度', op: '>=', value: 98, unit: '%', by: '2024-12-31' }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].direction).toBe('higher');
    expect(groups[0].entries.map((e) => [e.row.planId, e.best, e.rank])).toEqual([
      ['b', true, 1],
      ['c', true, 1],
      ['a', false, 3],
    ]);
  });

  it('should mark every tied best value as best, sorting the earlier deadline first (no deadline last)', () => {
    const { groups } = compareTargets([
      row({ planId: 'a', value: 3, by: null }),
      row({ planId: 'b', value: 3, by: '2024-06-30' }),
      row({ planId: 'c', value: 3, by: '2023-12-31' }),
    ]);
    expect(groups[0].entries.map((e) => [e.row.planId, e.best])).toEqual([
      ['c', true],
      ['b', true],
      ['a', true],
    ]);
  });

  it('should take the direction from the ops without a synonym and mark nothing when it cannot tell', () => {
    const a = compareTargets([row({ metric: '新增高新技术企业', op: '>=', value: 20, unit: '家' }), row({ planId: 'q', metric: '新增高新技术企业', op: '>=', value: 30, unit: '家' })]);
    expect(a.groups[0].direction).toBe('higher');
    expect(a.groups[0].entries[0]).toMatchObject({ best: true, value: 30 });
    const b = compareTargets([row({ metric: '免费领取电子印章', op: '=', value: 1, unit: '套' })]);
    expect(b.groups[0].direction).toBeNull();
    expect(b.groups[0].entries.every((e) => !e.best && e.rank === null)).toBe(true);
  });

  it('should not rank a row whose op goes against the direction', () => {
    const { groups } = compareTargets([row({ planId: 'a', value: 5 }), row({ planId: 'b', value: 1, op: '>=' })]);
    expect(groups[0].entries.map((e) => [e.row.planId, e.rank, e.best])).toEqual([
      ['a', 1, true],
      ['b', null, false],
    ]);
  });

  it('should skip rows that cannot be compared', () => {
    const bad = row({ value: Number.NaN });
    expect(compareTargets([bad, row({})]).skipped).toEqual([bad]);
  });

  it('should line up the seed plans\' targets deterministically, whatever the input order', () => {
    const a = compareTargets(GOLD_TARGET_ROWS);
    const b = compareTargets([...GOLD_TARGET_ROWS].reverse());
    expect(b.groups.map((g) => [g.canonical, g.unit, g.entries.map((e) => [e.row.planId, e.row.metric, e.best])])).toEqual(
      a.groups.map((g) => [g.canonical, g.unit, g.entries.map((e) => [e.row.planId, e.row.metric, e.best])]),
    );
    const power = a.groups.find((g) => g.canonical === '低压小微企业办电时间');
    expect(power?.entries.map((e) => e.row.planId).sort()).toEqual(['000', '003']);
    for (const g of a.groups) if (g.direction !== null) expect(g.entries.filter((e) => e.best).length).toBeGreaterThanOrEqual(1);
  });

  it('should never throw and keep every row exactly once', () => {
    const arbRow = fc.record({
      planId: fc.string({ maxLength: 3 }),
      region: fc.option(fc.string({ maxLength: 4 })),
      metric: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('企业开办', '满意率', '纳税耗时')),
      op: fc.constantFrom('<=' as const, '>=' as const, '=' as const),
      value: fc.oneof(fc.double(), fc.integer({ min: 0, max: 100 })),
      unit: fc.constantFrom('天', '小时', '个工作日', '%', '家', '亿元', '万元', ''),
      by: fc.option(fc.constantFrom('2023-12-31', '2024-06-30')),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 20 }), (rows) => {
        const sut = compareTargets(rows);
        const placed = sut.groups.reduce((n, g) => n + g.entries.length, 0);
        expect(placed + sut.skipped.length).toBe(rows.length);
      }),
      { numRuns: 300 },
    );
  });
});
