import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS } from './dictionary.ts';
import { foldUnitText } from './fold.ts';
import { GOLD_UNIT_PLANS } from './gold-units.fixture.ts';
import { createDepartmentLookup, DEFAULT_LOOKUP } from './lookup.ts';
import { normalizeUnitName } from './normalize.ts';

const goldNames = [
  ...new Set(GOLD_UNIT_PLANS.flatMap((p) => p.measures.flatMap((m) => [...m.lead, ...m.cooperating]))),
];

describe('DEPARTMENTS', () => {
  it('should have at least 50 entries with unique canonical names and no alias claimed twice', () => {
    expect(DEPARTMENTS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(DEPARTMENTS.map((e) => e.canonical)).size).toBe(DEPARTMENTS.length);
    expect(DEFAULT_LOOKUP.conflicts).toEqual([]);
  });

  it('should only name existing entries as related', () => {
    for (const e of DEPARTMENTS) for (const r of e.related ?? []) expect(DEFAULT_LOOKUP.byCanonical(r), r).toBeDefined();
  });

  it('should equate the aliases the brief and the seed plans use', () => {
    const same = (a: string, b: string) => expect(DEFAULT_LOOKUP.find(a)?.canonical, `${a} = ${b}`).toBe(DEFAULT_LOOKUP.find(b)?.canonical);
    same('发改委', '发展和改革委员会');
    same('发展改革委', '发改委');
    same('市场监管局', '市场监督管理局');
    same('人社局', '人力资源和社会保障局');
    same('人力社保局', '人社局');
    same('住建局', '住房和城乡建设局');
    same('自然资源局', '自然资源和规划局');
    same('资源规划局', '自然资源局');
    same('工信局', '经信局');
    same('卫健委', '卫生健康委员会');
    same('文旅局', '文化和旅游局');
    same('应急局', '应急管理局');
    same('水务局', '水利局');
    same('政管局', '政务服务管理局');
    same('人行', '人民银行');
    same('金融办', '地方金融监督管理局');
    same('公积金中心', '住房公积金管理中心');
    same('医保局', '医疗保障局');
    same('城管局', '综合执法局');
  });

  it('should report an alias claimed by two entries when extended', () => {
    const lookup = createDepartmentLookup([...DEPARTMENTS, { canonical: '发展改革局', aliases: ['发改委'] }]);
    expect(lookup.conflicts).toContain('发改委');
    expect(lookup.find('发改委')?.canonical).toBe('发展和改革委员会');
  });
});

describe(foldUnitText.name, () => {
  it('should fold brackets, full-width characters and whitespace', () => {
    expect(foldUnitText(' 市政府办公室〔市大数据管理局〕 ')).toBe('市政府办公室(市大数据管理局)');
    expect(foldUnitText('州　发改委（牵头）')).toBe('州发改委(牵头)');
    expect(foldUnitText('１２３４５热线')).toBe('12345热线');
  });
});

describe(normalizeUnitName.name, () => {
  const cases: [string, string | null, string, string][] = [
    // printed, region, core, canonical core
    ['州发改委', '州', '发改委', '发展和改革委员会'],
    ['市发展改革委', '市', '发展改革委', '发展和改革委员会'],
    ['市市场监管局', '市', '市场监管局', '市场监督管理局'],
    ['市场监管局', null, '市场监管局', '市场监督管理局'],
    ['市政管局', '市', '政管局', '政务服务管理局'],
    ['市纪委市监委', '市', '纪委市监委', '纪委监委'],
    ['市委组织部', '市', '委组织部', '党委组织部'],
    ['州党委组织部', '州', '党委组织部', '党委组织部'],
    ['州县行政服务中心', '州县', '行政服务中心', '政务服务中心'],
    ['定西高新区管委会', '定西高新区', '管委会', '管理委员会'],
    ['人民银行巴州中心支行', '巴州', '人民银行', '人民银行'],
    ['人民银行定西市中心支行', '定西市', '人民银行', '人民银行'],
    ['国网衢州供电公司', '衢州', '供电公司', '供电公司'],
    ['国网新疆巴州供电公司', '新疆巴州', '供电公司', '供电公司'],
    ['银保监局巴音郭楞监管分局', '巴音郭楞', '金融监管分局', '金融监管分局'],
    ['定西银保监分局', '定西', '金融监管分局', '金融监管分局'],
    ['衢州海关', '衢州', '海关', '海关'],
    ['团市委', '市', '共青团委员会', '共青团委员会'],
    ['尉犁县人民政府', '尉犁县', '人民政府', '人民政府'],
    ['库尔勒市', '库尔勒市', '人民政府', '人民政府'],
    ['兰州新区经济发展局', '兰州新区', '经济发展局', '经济发展局'],
    ['定西市农业农村局', '定西市', '农业农村局', '农业农村局'],
    ['巴音郭楞蒙古自治州发展和改革委员会', '巴音郭楞蒙古自治州', '发展和改革委员会', '发展和改革委员会'],
    ['国家税务总局定西市税务局', '定西市', '税务局', '税务局'],
    ['临空经济服务中心', null, '临空经济服务中心', '临空经济服务中心'],
    ['市民服务中心', null, '市民服务中心', '政务服务中心'],
    ['市监管办', '市', '监管办', '监管办'],
  ];
  it.each(cases)('should split %s into region %s and core %s (%s)', (printed, region, core, canonical) => {
    const sut = normalizeUnitName(printed);
    expect([sut.region, sut.core, sut.canonicalCore]).toEqual([region, core, canonical]);
  });

  it('should keep a trailing bracketed name as an alternate', () => {
    const sut = normalizeUnitName('市政府办公室〔市大数据管理局〕');
    expect(sut.text).toBe('市政府办公室');
    expect(sut.alternates).toEqual(['市大数据管理局']);
    expect(normalizeUnitName('市国资委〔城投集团〕').canonicalCore).toBe('国有资产监督管理委员会');
  });

  it('should strip framing words, trailing 等 and enclosing brackets', () => {
    expect(normalizeUnitName('责任单位：市发改委').text).toBe('市发改委');
    expect(normalizeUnitName('（市发改委牵头）').text).toBe('市发改委');
    expect(normalizeUnitName('市直有关部门按职责分工负责').text).toBe('市直有关部门');
    expect(normalizeUnitName('市财政局等').text).toBe('市财政局');
    expect(normalizeUnitName('市财政局等部门').text).toBe('市财政局');
    expect(normalizeUnitName('配合单位:州司法局、').text).toBe('州司法局');
  });

  it('should mark collective placeholders', () => {
    for (const name of ['各县区人民政府', '各县市人民政府', '州直各有关部门', '市直有关部门', '中央及省属在定有关单位', '州域各金融机构']) {
      expect(normalizeUnitName(name).collective, name).toBe(true);
    }
    expect(normalizeUnitName('州直各有关部门').region).toBe('州');
    expect(normalizeUnitName('区域合作办').collective).toBe(false);
  });

  it('should recognise every department printed in the seed plans except the listed local ones', () => {
    const unknown = goldNames.filter((n) => {
      const sut = normalizeUnitName(n);
      return !sut.collective && sut.entry === null;
    });
    expect(unknown.sort()).toEqual(['临空经济服务中心', '市监管办', '智慧新城管委会', '智造新城管委会'].sort());
  });

  it('should be idempotent on its own output', () => {
    const names = fc.oneof(
      fc.constantFrom(...goldNames),
      fc.string({ maxLength: 30 }),
      fc.stringMatching(/^[市州县区省各等（）〔〕()\s、负责牵头委局办中心场政府人民银行国网供电公司发改]{0,16}$/u),
    );
    fc.assert(
      fc.property(names, (name) => {
        const once = normalizeUnitName(name);
        const twice = normalizeUnitName(once.text);
        expect(twice.text).toBe(once.text);
        expect([twice.region, twice.core, twice.canonicalCore]).toEqual([once.region, once.core, once.canonicalCore]);
      }),
      { numRuns: 500 },
    );
  });

  it('should never throw, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 50 })), (name) => {
        const sut = normalizeUnitName(name);
        expect(typeof sut.text).toBe('string');
      }),
      { numRuns: 500 },
    );
    expect(normalizeUnitName(undefined as unknown as string).text).toBe('');
    expect(normalizeUnitName('').core).toBe('');
  });
});
