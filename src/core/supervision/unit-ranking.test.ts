import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RANKING_WEIGHTS,
  normaliseWeights,
  RANKING_COMPONENTS,
  rankingComponents,
  rankUnits,
  type UnitAggregate,
} from './unit-ranking.ts';

function unit(unitId: string, o: Partial<UnitAggregate> = {}): UnitAggregate {
  return { unitId, tasks: 10, done: 5, onTime: 4, overdue: 1, reportsDue: 20, reportsOnTime: 18, kpiAttainmentAvg: 0.8, ...o };
}

describe(normaliseWeights.name, () => {
  it('should normalise to sum 1 and treat missing as 0', () => {
    expect(normaliseWeights({ completion: 3, kpi: 1 })).toEqual({ completion: 0.75, onTime: 0, overdue: 0, reporting: 0, kpi: 0.25 });
    const d = normaliseWeights(DEFAULT_RANKING_WEIGHTS);
    expect(Object.values(d).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('should weigh all components equally when every weight is zero or none is given', () => {
    expect(normaliseWeights({})).toEqual({ completion: 0.2, onTime: 0.2, overdue: 0.2, reporting: 0.2, kpi: 0.2 });
    expect(normaliseWeights({ completion: 0, kpi: 0 })).toEqual(normaliseWeights({}));
  });

  it('should reject negative, non-finite and unknown weights', () => {
    expect(() => normaliseWeights({ completion: -1 })).toThrow(/SUP_INVALID_WEIGHTS/);
    expect(() => normaliseWeights({ completion: Infinity })).toThrow(/SUP_INVALID_WEIGHTS/);
    expect(() => normaliseWeights({ completion: NaN })).toThrow(/SUP_INVALID_WEIGHTS/);
    expect(() => normaliseWeights({ speed: 1 } as never)).toThrow(/SUP_INVALID_WEIGHTS/);
  });
});

describe(rankingComponents.name, () => {
  it('should compute each component by its formula', () => {
    expect(rankingComponents(unit('a'))).toEqual({
      completion: 0.5,
      onTime: 4 / 6, // onTime / (done + overdue)
      overdue: 0.9,
      reporting: 0.9,
      kpi: 0.8,
    });
  });

  it('should give null where there is nothing to measure', () => {
    expect(
      rankingComponents(unit('a', { tasks: 0, done: 0, onTime: 0, overdue: 0, reportsDue: 0, reportsOnTime: 0, kpiAttainmentAvg: null })),
    ).toEqual({ completion: null, onTime: null, overdue: null, reporting: null, kpi: null });
  });

  it('should clamp inconsistent aggregates into [0, 1]', () => {
    const c = rankingComponents(unit('a', { done: 12, onTime: 20, reportsOnTime: 30, kpiAttainmentAvg: 1.4 }));
    for (const k of RANKING_COMPONENTS) {
      expect(c[k]).toBeGreaterThanOrEqual(0);
      expect(c[k]).toBeLessThanOrEqual(1);
    }
  });

  it('should reject negative or fractional counts', () => {
    expect(() => rankingComponents(unit('a', { tasks: -1 }))).toThrow(/SUP_INVALID_RANKING_ROW/);
    expect(() => rankingComponents(unit('a', { done: 1.5 }))).toThrow(/SUP_INVALID_RANKING_ROW/);
    expect(() => rankingComponents(unit('a', { kpiAttainmentAvg: NaN }))).toThrow(/SUP_INVALID_RANKING_ROW/);
  });
});

describe(rankUnits.name, () => {
  it('should return an empty list for no rows', () => {
    expect(rankUnits([], DEFAULT_RANKING_WEIGHTS)).toEqual([]);
  });

  it('should rank by weighted score with each component shown', () => {
    const sut = rankUnits(
      [unit('b', { done: 2, onTime: 1, overdue: 4 }), unit('a', { done: 10, onTime: 10, overdue: 0, reportsOnTime: 20, kpiAttainmentAvg: 1 })],
      { completion: 1, overdue: 1 },
    );
    expect(sut.map((r) => [r.unitId, r.score, r.rank])).toEqual([
      ['a', 100, 1],
      ['b', 40, 2], // (0.2 + 0.6) / 2
    ]);
    expect(sut[1].components.completion).toBe(0.2);
    expect(sut[1].row.unitId).toBe('b');
  });

  it('should share ranks on ties (1, 2, 2, 4) and order tied units by id', () => {
    const sut = rankUnits([unit('d', { done: 1 }), unit('c', { done: 5 }), unit('b', { done: 5 }), unit('a', { done: 9 })], {
      completion: 1,
    });
    expect(sut.map((r) => [r.unitId, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('should give everyone rank 1 when all tie', () => {
    const sut = rankUnits([unit('x'), unit('y'), unit('z')], DEFAULT_RANKING_WEIGHTS);
    expect(sut.map((r) => r.rank)).toEqual([1, 1, 1]);
  });

  it('should treat scores equal to 2 decimals as ties', () => {
    // 1/3 and 0.333334 both show as 33.33
    const sut = rankUnits([unit('a', { kpiAttainmentAvg: 1 / 3 }), unit('b', { kpiAttainmentAvg: 0.333334 })], { kpi: 1 });
    expect(sut.map((r) => [r.score, r.rank])).toEqual([
      [33.33, 1],
      [33.33, 1],
    ]);
  });

  it('should use equal weights when all weights are zero', () => {
    const sut = rankUnits([unit('a')], { completion: 0, onTime: 0 });
    const c = rankingComponents(unit('a'));
    const mean = (c.completion! + c.onTime! + c.overdue! + c.reporting! + c.kpi!) / 5;
    expect(sut[0].score).toBe(Math.round(mean * 10000) / 100);
  });

  it('should score a unit without KPIs on the other weighted components', () => {
    const sut = rankUnits([unit('a', { kpiAttainmentAvg: null, done: 10, overdue: 0 })], { completion: 1, kpi: 3 });
    expect(sut[0].score).toBe(100);
  });

  it('should list units below minTasks, unranked and flagged, after the ranked ones', () => {
    const sut = rankUnits(
      [unit('small', { tasks: 1, done: 1, onTime: 1, overdue: 0 }), unit('big'), unit('none', { tasks: 0, done: 0, onTime: 0, overdue: 0 })],
      DEFAULT_RANKING_WEIGHTS,
      { minTasks: 2 },
    );
    expect(sut.map((r) => [r.unitId, r.rank, r.flagged ?? null])).toEqual([
      ['big', 1, null],
      ['small', null, 'few-tasks'],
      ['none', null, 'few-tasks'],
    ]);
  });

  it('should default minTasks to 3 and accept 0', () => {
    expect(rankUnits([unit('a', { tasks: 2, done: 1, onTime: 1, overdue: 0 })], {})[0].flagged).toBe('few-tasks');
    expect(rankUnits([unit('a', { tasks: 2, done: 1, onTime: 1, overdue: 0 })], {}, { minTasks: 0 })[0].rank).toBe(1);
    expect(() => rankUnits([], {}, { minTasks: -1 })).toThrow(/SUP_INVALID_RANKING_OPTIONS/);
  });

  it('should flag units with no computable weighted component', () => {
    const sut = rankUnits([unit('a', { kpiAttainmentAvg: null }), unit('b')], { kpi: 1 });
    expect(sut.map((r) => [r.unitId, r.score, r.rank, r.flagged ?? null])).toEqual([
      ['b', 80, 1, null],
      ['a', null, null, 'no-score'],
    ]);
  });

  it('should keep extra fields of the rows', () => {
    const sut = rankUnits([{ ...unit('a'), region: '县区A' }], {});
    expect(sut[0].row.region).toBe('县区A');
  });

  it('should produce consistent ranks for any input', () => {
    const row = fc
      .record({
        unitId: fc.string({ minLength: 1, maxLength: 4 }),
        tasks: fc.integer({ min: 0, max: 20 }),
        done: fc.integer({ min: 0, max: 20 }),
        onTime: fc.integer({ min: 0, max: 20 }),
        overdue: fc.integer({ min: 0, max: 20 }),
        reportsDue: fc.integer({ min: 0, max: 40 }),
        reportsOnTime: fc.integer({ min: 0, max: 40 }),
        kpiAttainmentAvg: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      });
    const weights = fc.record({
      completion: fc.integer({ min: 0, max: 5 }),
      onTime: fc.integer({ min: 0, max: 5 }),
      overdue: fc.integer({ min: 0, max: 5 }),
      reporting: fc.integer({ min: 0, max: 5 }),
      kpi: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), weights, fc.integer({ min: 0, max: 5 }), (rows, w, minTasks) => {
        const sut = rankUnits(rows, w, { minTasks });
        expect(sut).toHaveLength(rows.length);
        const ranked = sut.filter((r) => r.rank !== null);
        ranked.forEach((r, i) => {
          expect(r.flagged).toBeUndefined();
          expect(r.score).not.toBeNull();
          expect(r.score!).toBeGreaterThanOrEqual(0);
          expect(r.score!).toBeLessThanOrEqual(100);
          // rank = 1 + number of units with a strictly higher score
          expect(r.rank).toBe(1 + ranked.filter((o) => o.score! > r.score!).length);
          if (i > 0) expect(ranked[i - 1].score!).toBeGreaterThanOrEqual(r.score!);
        });
        // ranked ones come first
        expect(sut.slice(0, ranked.length).every((r) => r.rank !== null)).toBe(true);
        for (const r of sut) if (r.row.tasks < minTasks) expect(r.flagged).toBe('few-tasks');
      }),
    );
  });
});
