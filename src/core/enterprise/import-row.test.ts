import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from './credit-code.ts';
import { diffImported, isValidIdNumber, mapImportHeader, parseImportDate, parseImportNumber, parseImportTags, regionNameFromAuthority, validateImportRow, type RowContext } from './import-row.ts';

const HEADER = ['统一社会信用代码', '企业名称', '法定代表人', '所在区县', '登记机关', '成立日期', '注册资本（万元）', '行业代码', '地址', '从业人员', '营业收入（万元）', '资产总额（万元）', '资质/标签'];
const header = mapImportHeader(HEADER);
const ctx: RowContext = {
  today: '2026-12-03',
  regions: {
    byName: (name) => ({ 东城县: 'r-east', 西湖区: 'r-west' })[name] ?? null,
    byDivisionCode: (code) => (code === '340102' ? 'r-east' : null),
  },
};
const code = (region = '340102', body = '0000000AA') => `91${region}${body}${creditCodeCheckChar(`91${region}${body}`)}`;
const row = (overrides: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    统一社会信用代码: code(),
    企业名称: '示范恒达机械有限公司',
    法定代表人: '王伟',
    所在区县: '东城县',
    登记机关: '东城县市场监督管理局',
    成立日期: '2018/6/1',
    '注册资本（万元）': '1,000',
    行业代码: '3484',
    地址: '东城县人民路1号',
    从业人员: '120',
    '营业收入（万元）': '3500.5',
    '资产总额（万元）': '4000',
    '资质/标签': '高新技术企业（有效期至2027-12-31）、规上',
    ...overrides,
  };
  return HEADER.map((h) => base[h] ?? '');
};

describe(mapImportHeader.name, () => {
  it('should map aliases and units, and name the missing required columns', () => {
    expect(header.missing).toEqual([]);
    expect(header.columns.registeredCapital).toBe(6);
    const other = mapImportHeader(['社会信用代码', '名称', '住所', '从业人数(人)', '备注']);
    expect(other.columns).toMatchObject({ creditCode: 0, name: 1, address: 2, employees: 3 });
    expect(other.ignored).toEqual(['备注']);
    expect(mapImportHeader(['地址']).missing).toEqual(['creditCode', 'name']);
  });
});

describe(validateImportRow.name, () => {
  it('should turn a good row into values', () => {
    const { value, issues } = validateImportRow(row(), header, ctx);
    expect(issues).toEqual([]);
    expect(value).toMatchObject({
      creditCode: code(),
      regionId: 'r-east',
      establishedOn: '2018-06-01',
      registeredCapital: 1000,
      industryCode: 'C3484',
      employees: 120,
      revenue: 3500.5,
      tags: [{ tag: '高新技术企业', validTo: '2027-12-31' }, { tag: '规上', validTo: null }],
    });
  });

  it('should give one issue per bad cell with the column the user sees', () => {
    const bad = row({ 统一社会信用代码: code().slice(0, 17) + (code().endsWith('0') ? '1' : '0'), 成立日期: '2018-02-30', 行业代码: '9999', 从业人员: '十二', 所在区县: '北城区' });
    const { value, issues } = validateImportRow(bad, header, ctx);
    expect(value).toBeNull();
    expect(issues.map((i) => i.column)).toEqual(['统一社会信用代码', '所在区县', '成立日期', '从业人员', '行业代码']);
    expect(issues[0].message).toMatch(/校验位错误（应为 .）/);
  });

  it('should resolve the region from the 登记机关, then from the credit code', () => {
    expect(validateImportRow(row({ 所在区县: '', 登记机关: '西湖区市场监督管理局' }), header, ctx).value?.regionId).toBe('r-west');
    expect(validateImportRow(row({ 所在区县: '', 登记机关: '' }), header, ctx).value?.regionId).toBe('r-east');
    expect(validateImportRow(row({ 所在区县: '', 登记机关: '', 统一社会信用代码: code('110105') }), header, ctx).issues[0].field).toBe('region');
  });

  it('should refuse future dates and negative amounts', () => {
    const { issues } = validateImportRow(row({ 成立日期: '2027-01-01', '营业收入（万元）': '-5' }), header, ctx);
    expect(issues.map((i) => i.field)).toEqual(['establishedOn', 'revenue']);
  });

  it('property: any valid credit code with a name and a known region is accepted and stored upper-case', () => {
    const body = fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET.split('')), { minLength: 9, maxLength: 9 }).map((c) => c.join(''));
    fc.assert(
      fc.property(body, fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !/[,，]/.test(s)), (b, name) => {
        const c = code('340102', b);
        const { value, issues } = validateImportRow(row({ 统一社会信用代码: c.toLowerCase(), 企业名称: name, '资质/标签': '' }), header, ctx);
        expect(issues).toEqual([]);
        expect(value?.creditCode).toBe(c);
        expect(value?.name).toBe(name.trim());
      }),
    );
  });

  it('property: changing one character of a valid code is always refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.constantFrom(...CREDIT_CODE_ALPHABET.split('')), (pos, ch) => {
        const c = code();
        fc.pre(c[pos] !== ch);
        const changed = c.slice(0, pos) + ch + c.slice(pos + 1);
        expect(validateImportRow(row({ 统一社会信用代码: changed }), header, ctx).value).toBeNull();
      }),
    );
  });

  it('property: a row never throws, whatever its cells', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 0, maxLength: 15 }), (cells) => {
        const { value, issues } = validateImportRow(cells, header, ctx);
        expect(value === null).toBe(issues.length > 0);
      }),
    );
  });
});

describe('cell parsers', () => {
  it('should read the date layouts exports use', () => {
    for (const t of ['2018-06-01', '2018/6/1', '2018.6.1', '20180601', '2018年6月1日']) expect(parseImportDate(t), t).toBe('2018-06-01');
    for (const t of ['2018-13-01', '2019-02-29', '18-6-1', 'x']) expect(parseImportDate(t), t).toBeNull();
    expect(parseImportDate('2020-02-29')).toBe('2020-02-29');
  });

  it('should read numbers with separators and units', () => {
    expect(parseImportNumber('1,234.5')).toBe(1234.5);
    expect(parseImportNumber('35人')).toBe(35);
    expect(parseImportNumber('200万元')).toBe(200);
    expect(parseImportNumber('-1')).toBeNull();
    expect(parseImportNumber('1e5')).toBeNull();
  });

  it('should check ID numbers and derive the region from the 登记机关', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(regionNameFromAuthority('东城县市场监督管理局')).toBe('东城县');
    expect(parseImportTags('专精特新(2026-13-01)').bad).toEqual(['专精特新(2026-13-01)']);
  });
});

describe(diffImported.name, () => {
  it('should report new, unchanged and the changed fields; blanks never erase', () => {
    const first = validateImportRow(row(), header, ctx).value!;
    const present = () => true;
    expect(diffImported(undefined, first, present)).toBe('new');
    expect(diffImported(first, first, present)).toEqual([]);
    const next = validateImportRow(row({ 从业人员: '150', 地址: '' }), header, ctx).value!;
    expect(diffImported(first, next, present)).toEqual([{ field: 'employees', column: '从业人员', from: 120, to: 150 }]);
  });
});
