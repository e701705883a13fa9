import fc from 'fast-check';
import type { EnterpriseProfile, RuleLeaf, RuleNode } from '../../src/core/rules/rule-types.ts';

/** Region ids the random profiles and rules share, so region leaves hit and miss. */
export const REGION_IDS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
export const TAGS = ['高新技术企业', '专精特新', '规上'];
export const AS_OF = '2026-06-30';

const date = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2027, 0, 1) }).map((t) => new Date(t).toISOString().slice(0, 10));
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const money = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 2);

export const profileArb: fc.Arbitrary<EnterpriseProfile> = fc.record({
  enterpriseId: fc.uuid(),
  name: fc.constant('测试企业'),
  regionPath: fc.constantFrom(`/${REGION_IDS[0]}/`, `/${REGION_IDS[0]}/${REGION_IDS[1]}/`, `/${REGION_IDS[2]}/`),
  regionName: fc.constant('测试区'),
  industryCode: nullable(fc.constantFrom('C3311', 'C3912', 'I6510', 'F5123', 'M7320')),
  sizeClass: nullable(fc.constantFrom('large' as const, 'medium' as const, 'small' as const, 'micro' as const)),
  establishedOn: nullable(date),
  registrySource: fc.constant('市场监管'),
  registryAsOf: fc.constant('2026-01-01'),
  figures: fc.uniqueArray(
    fc.record({ year: fc.integer({ min: 2023, max: 2026 }), employees: nullable(fc.integer({ min: 0, max: 500 })), revenue: nullable(money), assets: nullable(money), source: fc.constant('统计'), asOf: fc.constant('2026-03-31') }),
    { selector: (f) => f.year, maxLength: 4 },
  ),
  tags: fc.array(fc.record({ tag: fc.constantFrom(...TAGS), validFrom: nullable(date), validTo: nullable(date), source: fc.constant('科技局') }), { maxLength: 3 }),
  creditFlags: fc.array(fc.record({ kind: fc.constantFrom('dishonest' as const, 'abnormal' as const), since: nullable(date), until: nullable(date), source: fc.constant('信用中国') }), { maxLength: 2 }),
});

const cmp = fc.constantFrom('>=' as const, '>' as const, '<=' as const, '<' as const, '=' as const);
let leafSeq = 0;
const leafArb: fc.Arbitrary<Omit<RuleLeaf, 'id' | 'ref'>> = fc.oneof(
  fc.record({ kind: fc.constant('region' as const), regionId: fc.constantFrom(...REGION_IDS), regionName: fc.constant('区') }),
  fc.record({ kind: fc.constant('industry' as const), prefixes: fc.array(fc.constantFrom('C', 'C33', 'I65', 'F', 'M73'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('size' as const), classes: fc.uniqueArray(fc.constantFrom('large' as const, 'medium' as const, 'small' as const, 'micro' as const), { minLength: 1 }) }),
  fc.record({ kind: fc.constant('age' as const), cmp, years: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('figure' as const), figure: fc.constantFrom('employees' as const, 'revenue' as const, 'assets' as const), yearOffset: fc.integer({ min: -3, max: 0 }), cmp, value: money }),
  fc.record({ kind: fc.constant('tag' as const), tag: fc.constantFrom(...TAGS) }),
  fc.record({ kind: fc.constant('credit_clear' as const), flags: fc.uniqueArray(fc.constantFrom('dishonest' as const, 'abnormal' as const), { minLength: 1 }) }),
  fc.record({ kind: fc.constant('manual' as const), text: fc.constant('人工核验') }),
);

const { node } = fc.letrec<{ node: RuleNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb.map((l) => ({ ...l, id: `l${++leafSeq}`, ref: '测试依据' }) as RuleLeaf),
    fc.record({ kind: fc.constant('all' as const), items: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('any' as const), items: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('not' as const), item: tie('node') }),
  ),
}));

/** Random rules; leaf ids are made unique per rule by {@link renumber}. */
export const ruleArb: fc.Arbitrary<RuleNode> = node.map(renumber);

/** Gives every leaf a unique id in tree order. */
export function renumber(rule: RuleNode): RuleNode {
  let n = 0;
  const visit = (x: RuleNode): RuleNode => {
    if (x.kind === 'all' || x.kind === 'any') return { kind: x.kind, items: x.items.map(visit) };
    if (x.kind === 'not') return { kind: 'not', item: visit(x.item) };
    return { ...x, id: `c${++n}` };
  };
  return visit(rule);
}
