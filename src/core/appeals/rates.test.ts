import { describe, expect, it } from 'vitest';
import { computeRates, rankGroups, rate, type RateFacts } from './rates.ts';

const f = (over: Partial<RateFacts> = {}): RateFacts => ({
  dispatched: true, signedOnTime: true, replied: true, repliedOnTime: true, closed: true, closedOnTime: true, solved: true, satisfied: true, rating: null, excluded: false, ...over,
});

describe('computeRates', () => {
  it('should compute 响应率, 解决率, 满意率 and on-time rates', () => {
    const r = computeRates([f(), f({ signedOnTime: false }), f({ solved: false, satisfied: false }), f({ rating: 2 }), f({ repliedOnTime: false, closedOnTime: false })]);
    expect(r.response).toMatchObject({ numerator: 4, denominator: 5, value: 0.8, small: false });
    expect(r.resolution).toMatchObject({ numerator: 4, denominator: 5 });
    expect(r.satisfaction).toMatchObject({ numerator: 3, denominator: 5 });
    expect(r.replyOnTime.value).toBe(0.8);
    expect(r.closeOnTime.value).toBe(0.8);
  });

  it('should leave excluded appeals out of 解决率 and 满意率 only', () => {
    const r = computeRates([f(), f(), f(), f(), f(), f({ excluded: true, solved: false, satisfied: false, signedOnTime: false })]);
    expect(r.excluded).toBe(1);
    expect(r.resolution).toMatchObject({ numerator: 5, denominator: 5, value: 1 });
    expect(r.satisfaction.value).toBe(1);
    expect(r.response).toMatchObject({ numerator: 5, denominator: 6 });
  });

  it('should flag small denominators and give a Wilson interval', () => {
    const one = rate(0, 1);
    expect(one).toMatchObject({ value: 0, small: true });
    expect(one.high!).toBeGreaterThan(0.7);
    const r = rate(9, 10);
    expect(r.low!).toBeCloseTo(0.596, 2);
    expect(r.high!).toBeCloseTo(0.982, 2);
    expect(rate(0, 0)).toMatchObject({ value: null, small: true });
  });
});

describe('rankGroups', () => {
  it('should rank groups with enough cases and flag, not rank, small ones', () => {
    const good = computeRates(Array.from({ length: 10 }, () => f()));
    const worse = computeRates([...Array.from({ length: 8 }, () => f()), f({ solved: false, satisfied: false }), f({ signedOnTime: false })]);
    const tiny = computeRates([f({ solved: false, satisfied: false })]);
    const ranked = rankGroups([{ key: 'tiny', rates: tiny }, { key: 'worse', rates: worse }, { key: 'good', rates: good }]);
    expect(ranked.map((g) => [g.key, g.rank, g.small])).toEqual([['good', 1, false], ['worse', 2, false], ['tiny', null, true]]);
    expect(ranked[0].score).toBe(100);
  });
});
