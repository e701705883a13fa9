import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOLD_UNIT_PLANS } from './gold-units.fixture.ts';
import { expandShorthand } from './shorthand.ts';

describe(expandShorthand.name, () => {
  it('should give a bare department the prefix of the nearest earlier entry', () => {
    const sut = expandShorthand(['州公安局', '司法局', '人社局', '自然资源局', '税务局', '各县市人民政府']);
    expect(sut.map((u) => u.expanded)).toEqual(['州公安局', '州司法局', '州人社局', '州自然资源局', '州税务局', '各县市人民政府']);
    expect(sut.map((u) => u.inherited)).toEqual([false, true, true, true, true, false]);
    expect(sut[2].canonical).toBe('州人力资源和社会保障局');
    expect(sut.map((u) => u.printed)).toEqual(['州公安局', '司法局', '人社局', '自然资源局', '税务局', '各县市人民政府']);
  });

  it('should follow the latest printed prefix', () => {
    const sut = expandShorthand(['市发改委', '财政局', '定西市农业农村局', '水务局']);
    expect(sut.map((u) => u.expanded)).toEqual(['市发改委', '市财政局', '定西市农业农村局', '定西市水务局']);
  });

  it('should neither pass on nor take a prefix embedded in a name', () => {
    const sut = expandShorthand(['州金融服务中心', '人民银行巴州中心支行', '财政局', '库尔勒市', '住建局']);
    expect(sut.map((u) => u.expanded)).toEqual(['州金融服务中心', '人民银行巴州中心支行', '州财政局', '库尔勒市', '州住建局']);
    expect(sut[1].region).toBe('巴州');
    expect(sut[1].inherited).toBe(false);
  });

  it('should leave collective placeholders and non-departments alone', () => {
    const sut = expandShorthand(['州政府办公室', '州直各有关部门', '各县市人民政府', '州域各金融机构']);
    expect(sut.every((u) => !u.inherited)).toBe(true);
  });

  it('should start from an initial region when given one', () => {
    expect(expandShorthand(['司法局'], { initialRegion: '州' })[0].expanded).toBe('州司法局');
    expect(expandShorthand(['司法局'])[0].expanded).toBe('司法局');
  });

  it('should expand the 巴州 plan the way its readers would', () => {
    const plan = GOLD_UNIT_PLANS.find((p) => p.plan === '003');
    const m1 = plan?.measures.find((m) => m.id === '1');
    expect(m1).toBeDefined();
    const sut = expandShorthand([...m1!.lead, ...m1!.cooperating]);
    expect(sut.map((u) => u.expanded)).toEqual([
      '州行政服务中心', '州市场监管局', '州党委网信办', '州公安局', '州司法局', '州人社局', '州自然资源局', '州税务局',
      '各县市人民政府',
    ]);
  });

  it('should keep length and order and never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('州公安局', '司法局', '各县区人民政府', '市')), { maxLength: 12 }), (list) => {
        const sut = expandShorthand(list);
        expect(sut.map((u) => u.printed)).toEqual(list);
        for (const u of sut) if (u.inherited) expect(u.expanded.endsWith(u.normalized.core)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
