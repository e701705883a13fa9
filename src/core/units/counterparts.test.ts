import { describe, expect, it } from 'vitest';
import { propagateUnitChoices } from './choices.ts';
import { resolveUnits, type RegistryUnit } from './resolve.ts';

const u = (id: string, name: string, regionName: string): RegistryUnit => ({ id, name, aliases: [], regionName });
const REG: RegistryUnit[] = [
  u('gov', '定西市人民政府', '定西市'),
  u('anding', '安定区人民政府', '安定区'),
  u('lintao', '临洮县人民政府', '临洮县'),
  u('weiyuan', '渭源县人民政府', '渭源县'),
  u('kuerle', '库尔勒市人民政府', '库尔勒市'),
  u('eco', '定西市生态环境局', '定西市'),
  u('com', '定西市商务局', '定西市'),
  u('com2', '兰州市商务局', '兰州市'),
  u('tax', '国家税务总局定西市税务局', '定西市'),
];
const sug = (p: string) => resolveUnits([p], REG, { planRegion: '定西市' })[0].suggestions;

describe('resolveUnits suggestions', () => {
  it('should propose national and provincial bodies as their local counterparts', () => {
    expect(sug('生态环境部').map((s) => [s.unitId, s.reason])).toEqual([['eco', 'local-counterpart']]);
    expect(sug('省商务厅').map((s) => s.unitId)).toEqual(['com']);
    expect(sug('国家税务总局').map((s) => s.unitId)).toEqual(['tax']);
  });
  it('should not suggest any government for a generic place name', () => {
    expect(sug('试点城市政府')).toEqual([]);
  });
  it('should not rank the same department of another place at 80%', () => {
    for (const s of sug('临夏县人民政府')) expect(s.score).toBeLessThan(0.7);
    expect(sug('临夏县人民政府').length).toBeLessThanOrEqual(2);
  });
});

describe('propagateUnitChoices', () => {
  it('should fix the same printed name everywhere once chosen, unless chosen two ways', () => {
    const out = propagateUnitChoices([
      [{ printed: '试点城市政府', unitId: 'gov' }, { printed: 'A局', unitId: 'a1' }],
      [{ printed: '试点城市政府', unitId: null }, { printed: 'A局', unitId: null }],
      [{ printed: 'A局', unitId: 'a2' }, { printed: 'B局', unitId: null }],
    ]);
    expect(out.map((l) => l.map((r) => r.unitId))).toEqual([['gov', 'a1'], ['gov', null], ['a2', null]]);
  });
});
