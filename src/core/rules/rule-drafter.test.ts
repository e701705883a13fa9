import { describe, expect, it } from 'vitest';
import { draftConditions } from './rule-drafter.ts';
import { checkRule } from './rule-check.ts';

const options = { region: { id: 'city-1', name: '示例市' }, ref: '示例市政〔2026〕8号' };

describe('draftConditions', () => {
  it('should propose machine-checkable conditions linked to their words', () => {
    const text = '申报条件：\n（一）注册地在本市，具有独立法人资格；\n（二）上年度营业收入2000万元以上；\n（三）为高新技术企业；\n（四）无失信记录。';
    const drafts = draftConditions(text, options);
    const machine = drafts.filter((d) => d.machineCheckable);
    expect(machine.map((d) => d.description)).toEqual(['注册地在示例市', '上年度营业收入不低于2000万元', '具有有效的“高新技术企业”认定', '无在列的失信记录']);
    for (const d of drafts) expect(text.slice(d.span.start, d.span.end)).toBe(d.span.text);
    expect(machine[1].span.text).toBe('上年度营业收入2000万元以上');
    expect(checkRule({ kind: 'all', items: drafts.map((d) => d.leaf) })).toEqual([]);
  });

  it('should keep clauses it cannot read as person-verified conditions', () => {
    const drafts = draftConditions('1. 研发费用占营业收入比例不低于3%；2. 从业人员50人以上；3. 成立满3年', options);
    expect(drafts.map((d) => [d.leaf.kind, d.machineCheckable])).toEqual([
      ['manual', false],
      ['figure', true],
      ['age', true],
    ]);
    expect(drafts[0].span.text).toBe('研发费用占营业收入比例不低于3%');
  });

  it('should convert 亿元 to 万元', () => {
    const [d] = draftConditions('上年度营业收入1亿元以上', options);
    expect(d.leaf).toMatchObject({ kind: 'figure', figure: 'revenue', value: 10000, yearOffset: -1 });
  });
});
