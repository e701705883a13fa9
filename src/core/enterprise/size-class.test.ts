import { describe, expect, it } from 'vitest';
import { classifySize, sizeRowFor, type SizeFigures } from './size-class.ts';
import { SIZE_STANDARDS, sizeStandardOn, type SizeStandard } from './size-standards.ts';

/**
 * The 300号 table as anchors-cn.md §3.2 prints it, typed here independently of size-standards.ts so that the data is
 * checked against the source, with one industry code per row. [ceiling (any below), medium (all ≥), small (all ≥)].
 */
type M = 'employees' | 'revenue' | 'assets';
const TABLE: { row: string; code: string; ceiling: [M, number][]; medium: [M, number][]; small: [M, number][] }[] = [
  { row: '农、林、牧、渔业', code: 'A0141', ceiling: [['revenue', 20000]], medium: [['revenue', 500]], small: [['revenue', 50]] },
  { row: '工业', code: 'C3311', ceiling: [['employees', 1000], ['revenue', 40000]], medium: [['employees', 300], ['revenue', 2000]], small: [['employees', 20], ['revenue', 300]] },
  { row: '工业', code: 'B0610', ceiling: [['employees', 1000], ['revenue', 40000]], medium: [['employees', 300], ['revenue', 2000]], small: [['employees', 20], ['revenue', 300]] },
  { row: '工业', code: 'D4411', ceiling: [['employees', 1000], ['revenue', 40000]], medium: [['employees', 300], ['revenue', 2000]], small: [['employees', 20], ['revenue', 300]] },
  { row: '建筑业', code: 'E4710', ceiling: [['revenue', 80000], ['assets', 80000]], medium: [['revenue', 6000], ['assets', 5000]], small: [['revenue', 300], ['assets', 300]] },
  { row: '批发业', code: 'F5137', ceiling: [['employees', 200], ['revenue', 40000]], medium: [['employees', 20], ['revenue', 5000]], small: [['employees', 5], ['revenue', 1000]] },
  { row: '零售业', code: 'F5211', ceiling: [['employees', 300], ['revenue', 20000]], medium: [['employees', 50], ['revenue', 500]], small: [['employees', 10], ['revenue', 100]] },
  { row: '交通运输业', code: 'G5430', ceiling: [['employees', 1000], ['revenue', 30000]], medium: [['employees', 300], ['revenue', 3000]], small: [['employees', 20], ['revenue', 200]] },
  { row: '仓储业', code: 'G5920', ceiling: [['employees', 200], ['revenue', 30000]], medium: [['employees', 100], ['revenue', 1000]], small: [['employees', 20], ['revenue', 100]] },
  { row: '邮政业', code: 'G6020', ceiling: [['employees', 1000], ['revenue', 30000]], medium: [['employees', 300], ['revenue', 2000]], small: [['employees', 20], ['revenue', 100]] },
  { row: '住宿业', code: 'H6110', ceiling: [['employees', 300], ['revenue', 10000]], medium: [['employees', 100], ['revenue', 2000]], small: [['employees', 10], ['revenue', 100]] },
  { row: '餐饮业', code: 'H6210', ceiling: [['employees', 300], ['revenue', 10000]], medium: [['employees', 100], ['revenue', 2000]], small: [['employees', 10], ['revenue', 100]] },
  { row: '信息传输业', code: 'I6450', ceiling: [['employees', 2000], ['revenue', 100000]], medium: [['employees', 100], ['revenue', 1000]], small: [['employees', 10], ['revenue', 100]] },
  { row: '软件和信息技术服务业', code: 'I6513', ceiling: [['employees', 300], ['revenue', 10000]], medium: [['employees', 100], ['revenue', 1000]], small: [['employees', 10], ['revenue', 50]] },
  { row: '房地产开发经营', code: 'K7010', ceiling: [['revenue', 200000], ['assets', 10000]], medium: [['revenue', 1000], ['assets', 5000]], small: [['revenue', 100], ['assets', 2000]] },
  { row: '物业管理', code: 'K7020', ceiling: [['employees', 1000], ['revenue', 5000]], medium: [['employees', 300], ['revenue', 1000]], small: [['employees', 100], ['revenue', 500]] },
  { row: '租赁和商务服务业', code: 'L7212', ceiling: [['employees', 300], ['assets', 120000]], medium: [['employees', 100], ['assets', 8000]], small: [['employees', 10], ['assets', 100]] },
  { row: '其他未列明行业', code: 'M7320', ceiling: [['employees', 300]], medium: [['employees', 100]], small: [['employees', 10]] },
  { row: '其他未列明行业', code: 'K7030', ceiling: [['employees', 300]], medium: [['employees', 100]], small: [['employees', 10]] },
];

const ON = '2026-06-30';
const figures = (pairs: [M, number][]): SizeFigures => {
  const f: SizeFigures = { employees: 0, revenue: 0, assets: 0 };
  for (const [m, v] of pairs) f[m] = v;
  return f;
};
const classOf = (code: string, f: SizeFigures) => {
  const result = classifySize(code, f, ON);
  if (!result.ok) throw new Error(result.rule);
  return result.sizeClass;
};

describe(classifySize.name, () => {
  for (const t of TABLE) {
    describe(`${t.row} (${t.code})`, () => {
      it('should map the code to the row', () => {
        expect(sizeRowFor(t.code, SIZE_STANDARDS[0]).name).toBe(t.row);
      });

      it('should be large at the ceiling and not one unit below it on any measure', () => {
        expect(classOf(t.code, figures(t.ceiling))).toBe('large');
        expect(classOf(t.code, figures(t.ceiling.map(([m, v]) => [m, v + 1])))).toBe('large');
        for (const [m] of t.ceiling) {
          const below = figures(t.ceiling.map(([mm, v]) => [mm, mm === m ? v - 1 : v]));
          expect(classOf(t.code, below), `${m} below ceiling`).not.toBe('large');
        }
      });

      it('should be medium at the medium thresholds and small one unit below any of them', () => {
        expect(classOf(t.code, figures(t.medium))).toBe('medium');
        for (const [m] of t.medium) {
          const below = figures(t.medium.map(([mm, v]) => [mm, mm === m ? v - 1 : v]));
          // Below a medium threshold on one measure while still at or above every small threshold.
          const smallMin = new Map(t.small);
          if ((below[m] as number) >= (smallMin.get(m) ?? 0)) expect(classOf(t.code, below), `${m} below medium`).toBe('small');
        }
      });

      it('should be small at the small thresholds and micro one unit below any of them', () => {
        expect(classOf(t.code, figures(t.small))).toBe('small');
        for (const [m] of t.small) {
          const below = figures(t.small.map(([mm, v]) => [mm, mm === m ? v - 1 : v]));
          expect(classOf(t.code, below), `${m} below small`).toBe('micro');
        }
      });
    });
  }

  it('should name the standard, the row and the thresholds in the rule', () => {
    const result = classifySize('C3311', { employees: 300, revenue: 2000, assets: null }, ON);
    expect(result).toMatchObject({ ok: true, sizeClass: 'medium', standard: '工信部联企业〔2011〕300号', row: 'industry' });
    expect(result.rule).toBe('工信部联企业〔2011〕300号 工业：从业人员≥300人且营业收入≥2000万元 → 中型');
    expect(classifySize('C3311', { employees: 19, revenue: 5000, assets: null }, ON).rule).toBe('工信部联企业〔2011〕300号 工业：从业人员<20人或营业收入<300万元 → 微型');
  });

  it('should refuse without an industry, with missing figures, and for 金融业', () => {
    expect(classifySize(null, { employees: 10, revenue: 10, assets: 10 }, ON)).toMatchObject({ ok: false, problem: 'no-industry' });
    expect(classifySize('C3311', { employees: 10, revenue: null, assets: null }, ON)).toMatchObject({ ok: false, problem: 'missing-figures', missing: ['revenue'] });
    expect(classifySize('E4710', { employees: null, revenue: 100, assets: null }, ON)).toMatchObject({ ok: false, problem: 'missing-figures', missing: ['assets'] });
    expect(classifySize('J6621', { employees: 10, revenue: 10, assets: 10 }, ON)).toMatchObject({ ok: false, problem: 'not-applicable' });
    // Only employees are needed for 其他未列明行业.
    expect(classifySize('M7320', { employees: 150, revenue: null, assets: null }, ON)).toMatchObject({ ok: true, sizeClass: 'medium' });
  });

  it('should pick the standard in force on the date asked about', () => {
    const later: SizeStandard = { ...SIZE_STANDARDS[0], id: '测试修订版', effectiveFrom: '2030-01-01', rows: SIZE_STANDARDS[0].rows.map((r) => (r.key === 'other' ? { ...r, medium: [{ measure: 'employees', value: 200 }] } : r)) };
    const standards = [SIZE_STANDARDS[0], later];
    expect(sizeStandardOn('2029-12-31', standards)?.id).toBe('工信部联企业〔2011〕300号');
    expect(sizeStandardOn('2030-01-01', standards)?.id).toBe('测试修订版');
    expect(sizeStandardOn('2010-01-01', standards)).toBeUndefined();
    const f = { employees: 150, revenue: null, assets: null };
    expect(classifySize('M7320', f, '2029-12-31', standards)).toMatchObject({ ok: true, sizeClass: 'medium' });
    expect(classifySize('M7320', f, '2030-01-01', standards)).toMatchObject({ ok: true, sizeClass: 'small', standard: '测试修订版' });
    expect(classifySize('M7320', f, '2010-01-01', standards)).toMatchObject({ ok: false, problem: 'no-standard' });
  });
});
