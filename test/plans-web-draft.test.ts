// The review page's pure edits (src/web/pages/PlanReview): split at the cursor, merge with the next
// measure, the PUT body, and moving year-less deadlines when the reviewer sets the plan year.
import { describe, expect, it } from 'vitest';
import type { PlanDetail } from '../src/web/api/plans-types.ts';
import { draftFromPlan, groupByChapter, mergeWithNext, splitMeasure, toSaveInput } from '../src/web/pages/PlanReview/plan-draft.ts';
import { rebaseYear, resolveYearless } from '../src/web/pages/PlanReview/rebase-year.ts';

const SOURCE = '一、总体\n1.优化企业开办。企业开办压缩至1个工作日，6月底前完成。推行电子证照，年底前全覆盖。（责任单位：市市场监管局）\n2.提升办电效率。低压办电不超过5天。（牵头单位：供电公司）';

function plan(): PlanDetail {
  const text1 = '优化企业开办。企业开办压缩至1个工作日，6月底前完成。推行电子证照，年底前全覆盖。（责任单位：市市场监管局）';
  const start1 = SOURCE.indexOf('优化企业开办');
  const start2 = SOURCE.indexOf('提升办电效率');
  return {
    id: 'p1',
    title: '测试方案',
    issuer: null,
    regionName: '定西市',
    issuedOn: null,
    baseYear: 2022,
    status: 'draft',
    version: 3,
    sourceName: 'a.txt',
    sourceFormat: 'txt',
    sourceText: SOURCE,
    defaultUnits: [{ printed: '各县区人民政府', unitId: null }],
    goals: [],
    issues: [],
    measures: [
      {
        id: 'm1',
        seq: 1,
        number: '1',
        path: ['一', '1'],
        section: '总体',
        title: '优化企业开办',
        text: text1,
        leadUnits: [{ printed: '市市场监管局', unitId: 'u1', unitName: '定西市市场监督管理局' }],
        cooperatingUnits: [],
        deadlines: [
          { text: '6月底前', date: '2022-06-30', span: { start: SOURCE.indexOf('6月底前'), end: SOURCE.indexOf('6月底前') + 5 } },
          { text: '年底前', date: '2022-12-31', span: { start: SOURCE.indexOf('年底前'), end: SOURCE.indexOf('年底前') + 3 } },
        ],
        targets: [{ text: '企业开办压缩至1个工作日', metric: '企业开办', op: '<=', value: 1, unit: '个工作日', by: '2022-06-30', span: { start: SOURCE.indexOf('企业开办压缩'), end: SOURCE.indexOf('企业开办压缩') + 12 } }],
        span: { start: start1, end: start2 - 3 },
        flags: [],
      },
      {
        id: 'm2',
        seq: 2,
        number: '2',
        path: ['一', '2'],
        section: '总体',
        title: '提升办电效率',
        text: '提升办电效率。低压办电不超过5天。（牵头单位：供电公司）',
        leadUnits: [{ printed: '供电公司', unitId: null }],
        cooperatingUnits: [{ printed: '市市场监管局', unitId: 'u1' }],
        deadlines: [],
        targets: [{ text: '低压办电不超过5天', metric: '低压办电', op: '<=', value: 5, unit: '天', by: null }],
        span: { start: start2, end: SOURCE.length },
        flags: ['no-units'],
      },
    ],
    policies: { update: true },
  };
}

describe('plan review draft', () => {
  it('should split a measure at the cursor, keeping each deadline and target with its words', () => {
    const draft = draftFromPlan(plan());
    const m = draft.measures[0];
    const cut = m.text.indexOf('推行电子证照');
    const sut = splitMeasure(draft.measures, 0, cut, SOURCE);
    expect(sut).toHaveLength(3);
    expect(sut[0].text.endsWith('6月底前完成。')).toBe(true);
    expect(sut[1].text.startsWith('推行电子证照')).toBe(true);
    expect(sut[0].deadlines.map((d) => d.text)).toEqual(['6月底前']);
    expect(sut[1].deadlines.map((d) => d.text)).toEqual(['年底前']);
    expect(sut[0].targets).toHaveLength(1);
    expect(sut[1].targets).toHaveLength(0);
    // Units cover the whole item: both parts keep them. The new part is new on the server.
    expect(sut[1].leadUnits).toEqual(m.leadUnits);
    expect(sut[1].id).toBeNull();
    expect(sut[1].key).not.toBe(m.key);
    expect(sut[1].number).toBe('1-2');
    // The source span is cut where the second part's words start.
    expect(SOURCE.slice(sut[1].span!.start, sut[1].span!.start + 6)).toBe('推行电子证照');
    expect(sut[0].span!.end).toBe(sut[1].span!.start);
  });

  it('should not split at either end of the text', () => {
    const draft = draftFromPlan(plan());
    expect(splitMeasure(draft.measures, 0, 0, SOURCE)).toBe(draft.measures);
    expect(splitMeasure(draft.measures, 0, draft.measures[0].text.length, SOURCE)).toBe(draft.measures);
  });

  it('should merge a measure with the next one without repeating units', () => {
    const draft = draftFromPlan(plan());
    const sut = mergeWithNext(draft.measures, 0);
    expect(sut).toHaveLength(1);
    expect(sut[0].number).toBe('1');
    expect(sut[0].text).toContain('提升办电效率');
    expect(sut[0].leadUnits.map((u) => u.printed)).toEqual(['市市场监管局', '供电公司']);
    expect(sut[0].cooperatingUnits.map((u) => u.printed)).toEqual(['市市场监管局']);
    expect(sut[0].targets).toHaveLength(2);
    expect(sut[0].span).toEqual({ start: draft.measures[0].span!.start, end: SOURCE.length });
    expect(sut[0].flags).toEqual(['no-units']);
    expect(mergeWithNext(sut, 0)).toBe(sut);
  });

  it('should send the whole draft with renumbered order, no local keys and no display names', () => {
    const draft = draftFromPlan(plan());
    const split = splitMeasure(draft.measures, 0, draft.measures[0].text.indexOf('推行'), SOURCE);
    const sut = toSaveInput({ ...draft, measures: split, title: '  新标题 ' }, 3);
    expect(sut.version).toBe(3);
    expect(sut.title).toBe('新标题');
    expect(sut.measures.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(sut.measures[0].id).toBe('m1');
    expect('id' in sut.measures[1]).toBe(false);
    expect(sut.measures.every((m) => !('key' in m))).toBe(true);
    expect(sut.measures[0].leadUnits).toEqual([{ printed: '市市场监管局', unitId: 'u1' }]);
  });

  it('should group measures under their chapters in reading order', () => {
    const groups = groupByChapter(draftFromPlan(plan()).measures);
    expect(groups.map((g) => [g.chapter, g.items.map((i) => i.index)])).toEqual([['总体', [0, 1]]]);
  });

  it('should move deadlines printed without a year to the new plan year, with the targets that follow them', () => {
    const base = draftFromPlan(plan());
    base.measures[0].deadlines.push({ text: '2023年6月底前', date: '2023-06-30' });
    const sut = rebaseYear(base, 2024);
    expect(sut.baseYear).toBe(2024);
    expect(sut.measures[0].deadlines.map((d) => d.date)).toEqual(['2024-06-30', '2024-12-31', '2023-06-30']);
    expect(sut.measures[0].targets[0].by).toBe('2024-06-30');
  });

  it('should give year-less deadlines a date once the year is set', () => {
    const base = draftFromPlan({ ...plan(), baseYear: null });
    base.baseYear = null;
    base.measures[0].deadlines = [{ text: '6 月底前', date: null }, { text: '年内', date: null }, { text: '2月底前', date: null }];
    const sut = rebaseYear(base, 2024);
    expect(sut.measures[0].deadlines.map((d) => d.date)).toEqual(['2024-06-30', '2024-12-31', '2024-02-29']);
    expect(resolveYearless('按季度', 2024)).toBeNull();
  });
});
