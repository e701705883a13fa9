import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDeadlines } from './deadlines.ts';

const dates = (text: string, baseYear: number | null = 2023) => extractDeadlines(text, { baseYear }).map((d) => d.date);

describe(extractDeadlines.name, () => {
  it.each([
    ['2022年底前，完成改造', ['2022-12-31']],
    ['6 月底前，建立专家库', ['2023-06-30']],
    ['12 月底前，组建联盟', ['2023-12-31']],
    ['2023年6月底前新供应工业用地', ['2023-06-30']],
    ['年内开展执法检查', ['2023-12-31']],
    ['年底前全面完成', ['2023-12-31']],
    ['全年举办招聘活动', ['2023-12-31']],
    ['力争到2022年末贷款余额', ['2022-12-31']],
    ['力争2025年高新技术企业总量', ['2025-12-31']],
    ['到2022年，基本建成', ['2022-12-31']],
    ['第三季度末前完成', ['2023-09-30']],
    ['上半年完成试点', ['2023-06-30']],
    ['前三季度完成', ['2023-09-30']],
    ['2024年2月底前', ['2024-02-29']],
    ['6月30日前报送', ['2023-06-30']],
    ['十二月底前验收', ['2023-12-31']],
  ])('should read %s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it.each([
    '一般不动产登记3个工作日内办结',
    '对2015 年前颁布施行的现行有效政府行政规范性文件开展清理',
    '截至2022年底，全市已建成基站',
    '自2023年1月1日起施行',
    '2022年10月10日',
    '2022年度巴州优化营商环境工作方案',
    '每年底前报送进展',
    '三年内完成',
    '2022年以来成效明显',
    '每月5日前报送',
    '审批时长不超过1 个月',
  ])('should find no deadline in %s', (text) => {
    expect(dates(text)).toEqual([]);
  });

  describe('plan periods ("N年内")', () => {
    it.each([
      ['今后3年内新建5G基站1200个', 2023, ['2025-12-31']],
      ['2020年起5年内培育专精特新企业50家', 2022, ['2024-12-31']],
      ['从2021年开始，两年内改造老旧小区40个', 2023, ['2022-12-31']],
      ['3年内，全市新增市场主体2万户', 2023, ['2025-12-31']],
      ['提升服务能力，5年内培训农村电商人才3000人次。', 2020, ['2024-12-31']],
    ] as const)('should resolve %s to the end of the period', (text, baseYear, expected) => {
      expect(dates(text, baseYear)).toEqual(expected);
    });

    it.each([
      '三年内完成', // nothing to reach: a duration, not the plan period
      '新引进人才5年内享受住房补贴',
      '对入驻企业，3年内免收租金100%',
      '对新落户企业，5年内给予每年10万元补贴',
      '对于骨干人才3年内享受政府津贴20万元',
      '每年培训500人次',
      '连续3年考核优秀的给予奖励',
      '用1-2年内完成改造50个',
      '3至5年内建成20个园区',
    ])('should find no deadline in %s', (text) => {
      expect(dates(text)).toEqual([]);
    });

    it('should keep the period as printed', () => {
      const [d] = extractDeadlines('围绕目标，5年内引进博士80名', { baseYear: 2023 });
      expect(d).toMatchObject({ text: '5年内', date: '2027-12-31' });
    });
  });

  describe('a bare year as the time limit ("2024年实现…")', () => {
    it.each([
      ['2024年实现90%政务服务事项全程网办', ['2024-12-31']],
      ['2025年基本建成统一开放的要素市场', ['2025-12-31']],
      ['推进“一网通办”，2024年完成系统整合', ['2024-12-31']],
      ['2026年全面建成数字政府', ['2026-12-31']],
      ['2023年达到省级标准', ['2023-12-31']],
    ])('should read %s', (text, expected) => {
      expect(dates(text)).toEqual(expected);
    });

    it.each([
      '该中心已于2021年建成', // a fact already reported
      '2021年完成投资35亿元', // a year before the plan's
      '2024年完成的项目纳入考核', // a relative clause
      '2024年营收增长', // no goal verb
    ])('should find no deadline in %s', (text) => {
      expect(dates(text)).toEqual([]);
    });
  });

  it('should keep the printed text and its span, spaces included', () => {
    const text = '推进建设，6 月底前，建立库';
    const [d] = extractDeadlines(text, { baseYear: 2023 });
    expect(d.text).toBe('6 月底前');
    expect(text.slice(d.span!.start, d.span!.end)).toBe(d.text);
  });

  it('should give a null date when no year can be resolved', () => {
    expect(dates('6月底前完成', null)).toEqual([null]);
    expect(dates('2022年底前完成', null)).toEqual(['2022-12-31']);
  });

  it('should list every occurrence, repeated ones included', () => {
    expect(dates('全年争取开展体检2万家次以上。全年争取增长率达20%以上。')).toEqual(['2023-12-31', '2023-12-31']);
  });

  it('should never throw and keep spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.option(fc.integer({ min: -3000, max: 30000 })), (s, y) => {
        for (const d of extractDeadlines(s, { baseYear: y ?? null })) {
          expect(d.span!.end).toBeLessThanOrEqual(s.length);
          expect(d.date === null || /^\d{4}-\d{2}-\d{2}$/.test(d.date)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
