import { describe, expect, it } from 'vitest';
import { findIndustry, industryEntries, industryPath, normalizeIndustryCode } from './industry-codes.ts';

describe('GB/T 4754-2017 table', () => {
  it('should hold 20 门类, 97 大类, 473 中类 and 1381 小类 with unique codes', () => {
    const entries = industryEntries();
    const count = (level: string) => entries.filter((e) => e.level === level).length;
    expect([count('section'), count('division'), count('group'), count('class')]).toEqual([20, 97, 473, 1381]);
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    for (const e of entries.filter((x) => x.level !== 'section')) expect(findIndustry(e.code.slice(0, e.code.length - 1))?.code ?? findIndustry(e.code[0])?.code).toBeDefined();
  });

  it('should normalise codes with or without the 门类 letter and refuse unknown ones', () => {
    expect(normalizeIndustryCode('3311')).toBe('C3311');
    expect(normalizeIndustryCode('c 3311')).toBe('C3311');
    expect(normalizeIndustryCode('C33')).toBe('C33');
    expect(normalizeIndustryCode('6513')).toBe('I6513');
    expect(normalizeIndustryCode('F3311')).toBeNull();
    expect(normalizeIndustryCode('3318')).toBeNull();
    expect(normalizeIndustryCode('9999')).toBeNull();
    expect(normalizeIndustryCode('abc')).toBeNull();
    expect(normalizeIndustryCode('')).toBeNull();
  });

  it('should name a code and its chain, single-小类 中类 included', () => {
    expect(findIndustry('C3311')?.name).toBe('金属结构制造');
    expect(industryPath('C3311').map((e) => e.name)).toEqual(['制造业', '金属制品业', '结构性金属制品制造', '金属结构制造']);
    expect(findIndustry('C367')?.name).toBe('汽车零部件及配件制造');
    expect(findIndustry('K7010')?.name).toBe('房地产开发经营');
  });
});
