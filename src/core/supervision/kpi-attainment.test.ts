import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiAttainment } from './kpi-attainment.ts';

describe(kpiAttainment.name, () => {
  it('should give 1 whenever the target is met', () => {
    expect(kpiAttainment({ op: '>=', target: 95, actual: 95 })).toBe(1);
    expect(kpiAttainment({ op: '>=', target: 95, actual: 99 })).toBe(1);
    expect(kpiAttainment({ op: '<=', target: 3, actual: 2 })).toBe(1);
    expect(kpiAttainment({ op: '<=', target: 0, actual: 0 })).toBe(1);
    expect(kpiAttainment({ op: '=', target: 100, actual: 100 })).toBe(1);
    expect(kpiAttainment({ op: '=', target: 0.3, actual: 0.1 + 0.2 })).toBe(1);
  });

  it('should use the ratio without a baseline', () => {
    expect(kpiAttainment({ op: '>=', target: 200, actual: 50 })).toBe(0.25);
    expect(kpiAttainment({ op: '<=', target: 3, actual: 6 })).toBe(0.5);
    expect(kpiAttainment({ op: '=', target: 100, actual: 80 })).toBeCloseTo(0.8);
    expect(kpiAttainment({ op: '=', target: 100, actual: 120 })).toBeCloseTo(0.8);
  });

  it('should interpolate from the baseline', () => {
    expect(kpiAttainment({ op: '>=', target: 100, baseline: 60, actual: 80 })).toBe(0.5);
    expect(kpiAttainment({ op: '>=', target: 100, baseline: 60, actual: 50 })).toBe(0); // worse than baseline
    expect(kpiAttainment({ op: '<=', target: 5, baseline: 20, actual: 10 })).toBeCloseTo(2 / 3);
    expect(kpiAttainment({ op: '<=', target: 5, baseline: 20, actual: 25 })).toBe(0);
    expect(kpiAttainment({ op: '=', target: 10, baseline: 0, actual: 4 })).toBeCloseTo(0.4);
  });

  it('should ignore a baseline equal to the target or on the wrong side', () => {
    expect(kpiAttainment({ op: '>=', target: 100, baseline: 100, actual: 50 })).toBe(0.5);
    expect(kpiAttainment({ op: '>=', target: 100, baseline: 120, actual: 50 })).toBe(0.5);
    expect(kpiAttainment({ op: '<=', target: 3, baseline: 3, actual: 6 })).toBe(0.5);
    expect(kpiAttainment({ op: '=', target: 0, baseline: 0, actual: 4 })).toBe(0);
  });

  it('should never divide by zero', () => {
    expect(kpiAttainment({ op: '>=', target: 0, actual: -1 })).toBe(0);
    expect(kpiAttainment({ op: '<=', target: 0, actual: 2 })).toBe(0); // 零投诉 missed
    expect(kpiAttainment({ op: '=', target: 0, actual: 2 })).toBe(0);
    expect(kpiAttainment({ op: '>=', target: -5, actual: -10 })).toBe(0);
    expect(kpiAttainment({ op: '>=', target: 1e308, baseline: -1e308, actual: 0 })).toBeGreaterThanOrEqual(0);
  });

  it('should reject non-finite numbers and unknown ops', () => {
    expect(() => kpiAttainment({ op: '>=', target: NaN, actual: 1 })).toThrow(/SUP_INVALID_KPI/);
    expect(() => kpiAttainment({ op: '>=', target: 1, actual: Infinity })).toThrow(/SUP_INVALID_KPI/);
    expect(() => kpiAttainment({ op: '>=', target: 1, baseline: NaN, actual: 1 })).toThrow(/SUP_INVALID_KPI/);
    expect(() => kpiAttainment({ op: '>' as '>=', target: 1, actual: 1 })).toThrow(/SUP_INVALID_KPI/);
  });

  it('should stay in [0, 1] and be monotonic in the actual value', () => {
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.constantFrom('>=', '<=', '=') as fc.Arbitrary<'>=' | '<=' | '='>, num, fc.option(num), num, num, (op, target, baseline, a, b) => {
        const ra = kpiAttainment({ op, target, baseline, actual: a });
        expect(ra).toBeGreaterThanOrEqual(0);
        expect(ra).toBeLessThanOrEqual(1);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const rlo = kpiAttainment({ op, target, baseline, actual: lo });
        const rhi = kpiAttainment({ op, target, baseline, actual: hi });
        if (op === '>=') expect(rhi).toBeGreaterThanOrEqual(rlo);
        if (op === '<=') expect(rlo).toBeGreaterThanOrEqual(rhi);
      }),
    );
  });
});
