import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AS_OF, profileArb, ruleArb } from '../../../test/helpers/rule-arbitraries.ts';
import { checkBenefit, checkRule, isMachineCheckable } from './rule-check.ts';
import { compileRule, prepareProfile, truthOf } from './rule-compile.ts';
import { fullYearsBetween, shiftYears } from './rule-dates.ts';
import { classifyMatch, evaluateRule } from './rule-evaluate.ts';
import { benefitAmount } from './rule-benefit.ts';
import { runSituationTests, versionInForce } from './rule-versions.ts';
import type { EnterpriseProfile, RuleNode } from './rule-types.ts';
import { canonicalJson } from './canonical-json.ts';

const CITY = '11111111-1111-4111-8111-111111111111';
const COUNTY = '22222222-2222-4222-8222-222222222222';

function profile(overrides: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return {
    enterpriseId: 'e1',
    name: '示例科技有限公司',
    regionPath: `/${CITY}/${COUNTY}/`,
    regionName: '示例县',
    industryCode: 'C3311',
    sizeClass: 'small',
    establishedOn: '2020-07-01',
    registrySource: '市场监管局登记',
    registryAsOf: '2026-01-05',
    figures: [{ year: 2025, employees: 50, revenue: 1900, assets: 3000, source: '统计局年报', asOf: '2026-03-31' }],
    tags: [{ tag: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31', source: '科技局认定' }],
    creditFlags: [],
    ...overrides,
  };
}

const revenue2000: RuleNode = { kind: 'figure', id: 'rev', ref: '示例市政〔2026〕8号 第三条(二)', figure: 'revenue', yearOffset: -1, cmp: '>=', value: 2000 };
const both = (rule: RuleNode, p: EnterpriseProfile, asOf = '2026-12-03') => {
  const traced = evaluateRule(rule, p, asOf).result;
  const compiled = truthOf(compileRule(rule, asOf)(prepareProfile(p)));
  expect(compiled).toBe(traced);
  return traced;
};

describe('rule semantics', () => {
  it('should fail a figure below the threshold with the gap in words, and pass at the threshold', () => {
    const ev = evaluateRule(revenue2000, profile(), '2026-12-03');
    expect(ev.result).toBe('false');
    expect(ev.leaves[0]).toMatchObject({ gap: '营业收入1900万元，低于2000万元', source: '统计局年报', asOf: '2026-03-31', value: '2025年度营业收入1900万元' });
    expect(both(revenue2000, profile({ figures: [{ year: 2025, employees: 1, revenue: 2000, assets: null, source: 's', asOf: '2026-01-01' }] }))).toBe('true');
    expect(both({ ...revenue2000, cmp: '>' }, profile({ figures: [{ year: 2025, employees: 1, revenue: 2000, assets: null, source: 's', asOf: '2026-01-01' }] }))).toBe('false');
  });

  it('should answer unknown, never false, when the year or the figure is missing', () => {
    expect(both(revenue2000, profile({ figures: [] }))).toBe('unknown');
    expect(both(revenue2000, profile({ figures: [{ year: 2025, employees: 3, revenue: null, assets: null, source: 's', asOf: '2026-01-01' }] }))).toBe('unknown');
    expect(evaluateRule(revenue2000, profile({ figures: [] }), '2026-12-03').leaves[0].gap).toBe('缺少2025年度营业收入数据');
    // 上年度 moves with the evaluation date
    expect(both(revenue2000, profile(), '2027-01-01')).toBe('unknown');
  });

  it('should use Kleene logic: false and unknown is false, true or unknown is true', () => {
    const unknown: RuleNode = { kind: 'size', id: 's', ref: 'r', classes: ['small'] };
    const p = profile({ sizeClass: null });
    expect(both({ kind: 'all', items: [unknown, revenue2000] }, p)).toBe('false');
    expect(both({ kind: 'any', items: [unknown, { ...revenue2000, value: 100 }] }, p)).toBe('true');
    expect(both({ kind: 'all', items: [unknown, { ...revenue2000, value: 100 }] }, p)).toBe('unknown');
    expect(both({ kind: 'not', item: unknown }, p)).toBe('unknown');
    expect(both({ kind: 'all', items: [] }, p)).toBe('true');
    expect(both({ kind: 'any', items: [] }, p)).toBe('false');
  });

  it('should count age in full years on the evaluation date, 29 February included', () => {
    const age3: RuleNode = { kind: 'age', id: 'a', ref: 'r', cmp: '>=', years: 3 };
    expect(both(age3, profile({ establishedOn: '2023-12-03' }), '2026-12-03')).toBe('true');
    expect(both(age3, profile({ establishedOn: '2023-12-04' }), '2026-12-03')).toBe('false');
    expect(both(age3, profile({ establishedOn: null }))).toBe('unknown');
    expect(fullYearsBetween('2020-02-29', '2021-02-28')).toBe(0);
    expect(fullYearsBetween('2020-02-29', '2021-03-01')).toBe(1);
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(evaluateRule(age3, profile({ establishedOn: '2024-12-04' }), '2026-12-03').leaves[0].gap).toBe('成立满1年，低于3年');
  });

  it('should hold a tag only inside its validity, both ends inclusive', () => {
    const hte: RuleNode = { kind: 'tag', id: 't', ref: 'r', tag: '高新技术企业' };
    expect(both(hte, profile(), '2026-12-31')).toBe('true');
    expect(both(hte, profile(), '2027-01-01')).toBe('false');
    expect(both(hte, profile(), '2024-01-01')).toBe('true');
    expect(both(hte, profile(), '2023-12-31')).toBe('false');
    expect(both(hte, profile({ tags: [] }))).toBe('false');
  });

  it('should treat a credit flag as in force from since until the day before until', () => {
    const clear: RuleNode = { kind: 'credit_clear', id: 'c', ref: 'r', flags: ['dishonest'] };
    const flagged = profile({ creditFlags: [{ kind: 'dishonest', since: '2026-01-01', until: '2026-06-30', source: '信用中国' }] });
    expect(both(clear, flagged, '2025-12-31')).toBe('true');
    expect(both(clear, flagged, '2026-01-01')).toBe('false');
    expect(both(clear, flagged, '2026-06-29')).toBe('false');
    expect(both(clear, flagged, '2026-06-30')).toBe('true');
    expect(both({ ...clear, flags: ['abnormal'] }, flagged, '2026-03-01')).toBe('true');
  });

  it('should match a region by subtree and an industry by code prefix', () => {
    expect(both({ kind: 'region', id: 'r', ref: 'r', regionId: CITY, regionName: '示例市' }, profile())).toBe('true');
    expect(both({ kind: 'region', id: 'r', ref: 'r', regionId: COUNTY, regionName: '示例县' }, profile({ regionPath: `/${CITY}/` }))).toBe('false');
    expect(both({ kind: 'industry', id: 'i', ref: 'r', prefixes: ['C33'] }, profile())).toBe('true');
    expect(both({ kind: 'industry', id: 'i', ref: 'r', prefixes: ['C34', 'I'] }, profile())).toBe('false');
    expect(both({ kind: 'industry', id: 'i', ref: 'r', prefixes: ['C'] }, profile({ industryCode: null }))).toBe('unknown');
  });

  it('should call a person-verified condition unknown and the rule not machine-checkable', () => {
    const rule: RuleNode = { kind: 'all', items: [{ ...revenue2000, value: 100 }, { kind: 'manual', id: 'm', ref: 'r', text: '研发费用占比不低于3%' }] };
    expect(both(rule, profile())).toBe('unknown');
    expect(isMachineCheckable(rule)).toBe(false);
  });

  it('should sort a single failed leaf as a near miss and several as ineligible', () => {
    const rule: RuleNode = { kind: 'all', items: [revenue2000, { kind: 'tag', id: 't', ref: 'r', tag: '高新技术企业' }] };
    const near = classifyMatch(rule, evaluateRule(rule, profile(), '2026-12-03'));
    expect(near.status).toBe('near');
    expect(near.failed.map((f) => f.gap)).toEqual(['营业收入1900万元，低于2000万元']);
    const far = classifyMatch(rule, evaluateRule(rule, profile({ tags: [] }), '2026-12-03'));
    expect(far.status).toBe('ineligible');
  });

  it('should not call another industry or region a near miss', () => {
    const rule: RuleNode = { kind: 'all', items: [{ kind: 'industry', id: 'i', ref: 'r', prefixes: ['F'] }, { ...revenue2000, value: 100 }] };
    const other = classifyMatch(rule, evaluateRule(rule, profile({ industryCode: 'C3484' }), '2026-12-03'));
    expect(other.status).toBe('ineligible');
    expect(other.failed.map((f) => f.id)).toEqual(['i']);
    const young: RuleNode = { kind: 'all', items: [{ kind: 'age', id: 'a', ref: 'r', cmp: '<', years: 1 }] };
    expect(classifyMatch(young, evaluateRule(young, profile(), '2026-12-03')).status).toBe('ineligible');
    const old: RuleNode = { kind: 'all', items: [{ kind: 'age', id: 'a', ref: 'r', cmp: '>=', years: 80 }] };
    expect(classifyMatch(old, evaluateRule(old, profile(), '2026-12-03')).status).toBe('near');
  });
});

describe('type checking', () => {
  it('should accept a good rule and name every problem of a bad one', () => {
    expect(checkRule({ kind: 'all', items: [revenue2000] })).toEqual([]);
    const issues = checkRule({ kind: 'all', items: [{ kind: 'figure', id: 'x', figure: 'profit', cmp: '~', value: -1 }, { kind: 'what', id: 'x', ref: 'r' }] });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['rule.items[0].ref', 'rule.items[0].figure', 'rule.items[0].cmp', 'rule.items[0].value', 'rule.items[0].yearOffset', 'rule.items[1].kind', 'rule.items[1].id']));
  });

  it('should check benefits', () => {
    expect(checkBenefit({ kind: 'percent', figure: 'revenue', yearOffset: -1, percent: 1, cap: 500000 })).toEqual([]);
    expect(checkBenefit({ kind: 'percent', figure: 'revenue', yearOffset: 1, percent: 0, cap: -1 })).toHaveLength(3);
  });
});

describe('benefits, versions and situation tests', () => {
  it('should compute a percent of a figure with its cap', () => {
    const b = { kind: 'percent' as const, figure: 'revenue' as const, yearOffset: -1, percent: 1, cap: 150_000 };
    expect(benefitAmount(b, profile(), '2026-12-03')).toEqual({ amount: 150_000, explanation: '2025年度营业收入1900万元 × 1%，封顶150000元' });
    expect(benefitAmount({ ...b, cap: null }, profile(), '2026-12-03').amount).toBe(190_000);
    expect(benefitAmount(b, profile({ figures: [] }), '2026-12-03').amount).toBeNull();
  });

  it('should pick the version in force on a date', () => {
    const versions = [
      { version: 1, validFrom: '2025-01-01', validTo: '2025-12-31' },
      { version: 2, validFrom: '2026-01-01', validTo: null },
    ];
    expect(versionInForce(versions, '2025-06-01')?.version).toBe(1);
    expect(versionInForce(versions, '2026-01-01')?.version).toBe(2);
    expect(versionInForce(versions, '2024-12-31')).toBeUndefined();
  });

  it('should fail situation tests that disagree, and an empty list', () => {
    const version = { rule: revenue2000, benefit: { kind: 'fixed' as const, amount: 100_000 } };
    const ok = runSituationTests(version, [{ name: '1900万不够', asOf: '2026-12-03', profile: profile(), expected: 'false' }]);
    expect(ok.passed).toBe(true);
    const bad = runSituationTests(version, [{ name: '误以为够', asOf: '2026-12-03', profile: profile(), expected: 'true', expectedAmount: 100_000 }]);
    expect(bad.passed).toBe(false);
    expect(bad.results[0].message).toContain('营业收入1900万元，低于2000万元');
    expect(runSituationTests(version, []).passed).toBe(false);
  });

  it('should write canonical JSON regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});

describe('compiled closures agree with the trace path', () => {
  it('should give the same answer over random profiles, rules and dates', () => {
    fc.assert(
      fc.property(ruleArb, profileArb, fc.constantFrom(AS_OF, '2026-01-01', '2024-02-29', '2027-03-01'), (rule, p, asOf) => {
        expect(checkRule(rule)).toEqual([]);
        expect(truthOf(compileRule(rule, asOf)(prepareProfile(p)))).toBe(evaluateRule(rule, p, asOf).result);
      }),
      { numRuns: 3000 },
    );
  });
});
