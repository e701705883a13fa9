import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS } from './dictionary.ts';
import { GOLD_UNIT_PLANS } from './gold-units.fixture.ts';
import { buildUnitIndex, resolveUnits, type RegistryUnit } from './resolve.ts';

const BZ = '巴音郭楞蒙古自治州';
const bz = (id: string, name: string, aliases: string[] = []): RegistryUnit => ({ id, name, aliases, regionName: BZ });

/** Official names of the 巴州 units, as an office would register them, plus county units as distractors. */
const BAZHOU: RegistryUnit[] = [
  bz('fgw', `${BZ}发展和改革委员会`),
  bz('scjg', `${BZ}市场监督管理局`),
  bz('rsj', `${BZ}人力资源和社会保障局`),
  bz('zjj', `${BZ}住房和城乡建设局`),
  bz('zrzy', `${BZ}自然资源局`),
  bz('sw', `国家税务总局${BZ}税务局`),
  bz('gaj', `${BZ}公安局`),
  bz('sfj', `${BZ}司法局`),
  bz('czj', `${BZ}财政局`),
  bz('swj', `${BZ}商务局`),
  bz('gxj', `${BZ}工业和信息化局`),
  bz('jtj', `${BZ}交通运输局`),
  bz('sthj', `${BZ}生态环境局`),
  bz('wjw', `${BZ}卫生健康委员会`),
  bz('jyj', `${BZ}教育局`),
  bz('nync', `${BZ}农业农村局`),
  bz('wl', `${BZ}文化体育广播电视和旅游局`),
  bz('slj', `${BZ}水利局`),
  bz('xzfw', `${BZ}行政服务中心`),
  bz('zwgg', `${BZ}政务服务和公共资源交易中心`),
  bz('zfb', `${BZ}人民政府办公室`),
  bz('rh', `中国人民银行${BZ}中心支行`),
  bz('ybj', `${BZ}医疗保障局`),
  bz('mzj', `${BZ}民政局`),
  bz('fy', `${BZ}中级人民法院`),
  bz('zzb', `中共${BZ}委员会组织部`),
  bz('wxb', `中共${BZ}委员会网络安全和信息化委员会办公室`),
  bz('bb', `中共${BZ}委员会机构编制委员会办公室`),
  bz('jrj', `${BZ}地方金融监督管理局`),
  bz('gw', '国网新疆电力有限公司巴州供电公司'),
  bz('jgj', `国家金融监督管理总局巴音郭楞监管分局`),
  bz('gzw', `${BZ}国有资产监督管理委员会`),
  bz('lcj', `${BZ}林业和草原局`),
  bz('qxj', `${BZ}气象局`),
  bz('dsj', `${BZ}电子政务和大数据发展服务中心`),
  { id: 'klm', name: '库尔勒市人民政府', aliases: [], regionName: '库尔勒市' },
  { id: 'klm-gaj', name: '库尔勒市公安局', aliases: [], regionName: '库尔勒市' },
  { id: 'klm-sfj', name: '库尔勒市司法局', aliases: [], regionName: '库尔勒市' },
  { id: 'klm-zjj', name: '库尔勒市住房和城乡建设局', aliases: [], regionName: '库尔勒市' },
  { id: 'wlx', name: '尉犁县人民政府', aliases: [], regionName: '尉犁县' },
  { id: 'wlx-scjg', name: '尉犁县市场监督管理局', aliases: [], regionName: '尉犁县' },
];

describe(resolveUnits.name, () => {
  it('should resolve shorthand and aliases of the 巴州 plan to the 州 units', () => {
    const printed = ['州行政服务中心', '市场监管局', '州党委网信办', '州公安局', '司法局', '人社局', '自然资源局', '税务局', '各县市人民政府'];
    const sut = resolveUnits(printed, BAZHOU, { planRegion: BZ });
    expect(sut.map((r) => r.match)).toEqual([
      { unitId: 'xzfw', how: 'dictionary' },
      { unitId: 'scjg', how: 'shorthand' },
      { unitId: 'wxb', how: 'dictionary' },
      { unitId: 'gaj', how: 'dictionary' },
      { unitId: 'sfj', how: 'shorthand' },
      { unitId: 'rsj', how: 'shorthand' },
      { unitId: 'zrzy', how: 'shorthand' },
      { unitId: 'sw', how: 'shorthand' },
      null,
    ]);
    expect(sut[4]).toMatchObject({ printed: '司法局', expanded: '州司法局', canonical: '州司法局' });
    expect(sut[8].collective).toBe(true);
  });

  it('should resolve names with the place inside them', () => {
    const sut = resolveUnits(['人民银行巴州中心支行', '银保监局巴音郭楞监管分局', '国网新疆巴州供电公司', '库尔勒市', '尉犁县人民政府', '州文旅局'], BAZHOU, { planRegion: BZ });
    expect(sut.map((r) => r.match?.unitId)).toEqual(['rh', 'jgj', 'gw', 'klm', 'wlx', 'wl']);
  });

  it('should resolve every 巴州 seed name to a 州 unit or the unit the name itself places', () => {
    const plan = GOLD_UNIT_PLANS.find((p) => p.plan === '003')!;
    const county = new Set(['klm', 'klm-gaj', 'klm-sfj', 'klm-zjj', 'wlx', 'wlx-scjg']);
    let total = 0;
    let matched = 0;
    const index = buildUnitIndex(BAZHOU);
    for (const m of plan.measures) {
      const sut = resolveUnits([...m.lead, ...m.cooperating], index, { planRegion: BZ });
      for (const r of sut) {
        if (r.collective) continue;
        total++;
        if (!r.match) continue;
        matched++;
        const countyNamed = r.printed.startsWith('库尔勒市') || r.printed.startsWith('尉犁县');
        expect(county.has(r.match.unitId), `${r.printed} -> ${r.match.unitId}`).toBe(countyNamed);
      }
    }
    // Unmatched by design: 临空经济服务中心, 通管办 and 州政务服务办 are not in this registry.
    expect(matched / total).toBeGreaterThan(0.95);
  });

  it('should prefer exact names and registry aliases', () => {
    const registry: RegistryUnit[] = [
      { id: 'a', name: '市发改委', aliases: [] },
      { id: 'b', name: '定西市营商环境建设局', aliases: ['市营商办'], regionName: '定西市' },
    ];
    const sut = resolveUnits(['市发改委', '市营商办', ' 市发改委等 '], registry, { planRegion: '定西市' });
    expect(sut.map((r) => r.match)).toEqual([
      { unitId: 'a', how: 'exact' },
      { unitId: 'b', how: 'alias' },
      { unitId: 'a', how: 'exact' },
    ]);
  });

  it('should try a bracketed alternate when the main name fails', () => {
    const registry: RegistryUnit[] = [{ id: 'dsj', name: '定西市大数据管理局', aliases: [], regionName: '定西市' }];
    expect(resolveUnits(['市政府办公室〔市大数据管理局〕'], registry, { planRegion: '定西市' })[0].match).toEqual({ unitId: 'dsj', how: 'dictionary' });
  });

  it('should pick the plan region among cities and refuse to guess without one', () => {
    const registry: RegistryUnit[] = [
      { id: 'dx', name: '定西市发展和改革委员会', aliases: [], regionName: '定西市' },
      { id: 'qz', name: '衢州市发展和改革委员会', aliases: [], regionName: '衢州市' },
    ];
    expect(resolveUnits(['市发改委'], registry, { planRegion: '衢州市' })[0].match).toEqual({ unitId: 'qz', how: 'dictionary' });
    const sut = resolveUnits(['市发改委'], registry)[0];
    expect(sut.match).toBeNull();
    expect(sut.suggestions.map((s) => [s.unitId, s.reason])).toEqual([
      ['dx', 'same-department'],
      ['qz', 'same-department'],
    ]);
    expect(resolveUnits(['定西市发改委'], registry)[0].match).toEqual({ unitId: 'dx', how: 'dictionary' });
  });

  it('should not match a unit of another region, but suggest it', () => {
    const sut = resolveUnits(['县司法局', '兰州新区经济发展局'], [
      { id: 'z', name: `${BZ}司法局`, aliases: [], regionName: BZ },
      { id: 'lz', name: '兰州市经济发展局', aliases: [], regionName: '兰州市' },
    ], { planRegion: BZ });
    expect(sut.map((r) => r.match)).toEqual([null, null]);
    expect(sut[0].suggestions[0]).toMatchObject({ unitId: 'z', reason: 'same-department', region: 'different' });
    expect(sut[1].suggestions[0]).toMatchObject({ unitId: 'lz', region: 'different' });
  });

  it('should rank related departments and similar names above the cut-off and drop the rest', () => {
    const sut = resolveUnits(['州政务服务办', '州市场监督局', '临空经济服务中心'], BAZHOU, { planRegion: BZ });
    expect(sut[0].match).toBeNull();
    expect(sut[0].suggestions.map((s) => s.unitId)).toEqual(expect.arrayContaining(['xzfw', 'zwgg']));
    expect(sut[0].suggestions.every((s) => s.reason === 'related-department')).toBe(true);
    expect(sut[1].match).toBeNull();
    expect(sut[1].suggestions[0]).toMatchObject({ unitId: 'scjg', reason: 'similar-name', region: 'same' });
    expect(sut[2].suggestions).toEqual([]);
    for (const r of sut) {
      expect(r.suggestions.length).toBeLessThanOrEqual(5);
      const scores = r.suggestions.map((s) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(scores.every((s) => s >= 0.55 && s <= 1)).toBe(true);
    }
  });

  it('should be deterministic and not depend on registry order', () => {
    const names = ['州政务服务办', '州市场监督局', '县公安局', '发改委'];
    const a = resolveUnits(names, BAZHOU);
    const b = resolveUnits(names, [...BAZHOU].reverse());
    expect(b).toEqual(a);
  });

  it('should never throw on any input', () => {
    const index = buildUnitIndex(BAZHOU);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }), fc.option(fc.string({ maxLength: 8 })), (names, region) => {
        const sut = resolveUnits(names, index, { planRegion: region });
        expect(sut).toHaveLength(names.length);
      }),
      { numRuns: 200 },
    );
  });

  it('should resolve 100 names against 2,000 units well under 50 ms', () => {
    const places = Array.from({ length: 60 }, (_, i) => `${String.fromCodePoint(0x4e00 + i * 37, 0x4e00 + i * 53)}县`);
    const registry: RegistryUnit[] = [];
    for (const place of places) {
      for (const e of DEPARTMENTS.slice(0, 34)) registry.push({ id: `${place}:${e.canonical}`, name: place + e.canonical, aliases: e.aliases.slice(0, 1).map((a) => place + a), regionName: place });
    }
    registry.length = 2000;
    const printed = Array.from({ length: 100 }, (_, i) => {
      const e = DEPARTMENTS[(i * 7) % 60];
      const alias = e.aliases[0] ?? e.canonical;
      return i % 3 === 0 ? `县${alias}` : i % 3 === 1 ? alias : `${alias}分中心`;
    });
    const t0 = performance.now();
    const index = buildUnitIndex(registry);
    const buildMs = performance.now() - t0;
    resolveUnits(printed, index, { planRegion: places[3] });
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      resolveUnits(printed, index, { planRegion: places[3] });
      runs.push(performance.now() - t0);
    }
    const best = Math.min(...runs);
    console.info(`resolveUnits: 100 names x ${registry.length} units, best of 5: ${best.toFixed(1)} ms (index built in ${buildMs.toFixed(1)} ms)`);
    // Loose on purpose (shared CI cores); the figure is printed above.
    expect(best).toBeLessThan(250);
  });
});
