import { describe, expect, it } from 'vitest';
import { extractUnits, splitUnits } from './units.ts';

const sut = extractUnits;
const roles = (t: string) => {
  const u = sut(t);
  return [u.leadUnits, u.cooperatingUnits];
};

describe('extractUnits', () => {
  it('should read 牵头单位 and 配合单位 lists in one bracket, keeping shorthand as printed', () => {
    expect(roles('内容。(牵头单位:州行政服务中心、市场监管局;配合单位:州党委网信办,州公安局、司法局,各县市人民政府)')).toEqual([
      ['州行政服务中心', '市场监管局'],
      ['州党委网信办', '州公安局', '司法局', '各县市人民政府'],
    ]);
  });

  it('should read a bare list closed by 按职责分工负责 or 负责 as lead units', () => {
    expect(roles('内容。(市国资委〔衢控集团〕、市财政局,智造新城管委会等相关部门按职责分工负责)')).toEqual([
      ['市国资委〔衢控集团〕', '市财政局', '智造新城管委会'],
      [],
    ]);
    expect(roles('内容。(市市场监管局负责)')).toEqual([['市市场监管局'], []]);
  });

  it('should read （X牵头，Y参与） and （X牵头，Y配合）', () => {
    expect(roles('内容。（自然资源部牵头，国家发展改革委、住房城乡建设部参与）')).toEqual([['自然资源部'], ['国家发展改革委', '住房城乡建设部']]);
    expect(roles('内容。（县发展改革委牵头，县直各有关部门配合）')).toEqual([['县发展改革委'], ['县直各有关部门']]);
  });

  it('should read label lines outside brackets and stop at the next label', () => {
    expect(roles('内容。\n牵头单位：县市场监管局\n配合单位：县税务局、县公安局\n完成时限：6月底前')).toEqual([['县市场监管局'], ['县税务局', '县公安局']]);
    expect(roles('内容。责任单位：市发改委，市商务局。')).toEqual([['市发改委', '市商务局'], []]);
  });

  it('should take the default-unit sentence apart from the measure units', () => {
    const u = sut('(责任单位:市政管局,各县区人民政府。以下措施均需各县区人民政府、定西高新区管委会落实,不再一一列出)');
    expect(u.leadUnits).toEqual(['市政管局', '各县区人民政府']);
    expect(u.defaultUnits).toEqual(['各县区人民政府', '定西高新区管委会']);
  });

  it('should not take ordinary brackets for units', () => {
    expect(sut('工程建设项目(不包括特殊工程和交通、水利、能源等领域的重大工程)全流程审批。').found).toBe(false);
    expect(sut('申报材料压减至2份(含)以内。').found).toBe(false);
    expect(sut('建设经济开发区(工业集中区、工业园区)。推进改革。').found).toBe(false);
  });

  it('should take a label word inside a unit name as part of the name', () => {
    expect(roles('内容。（牵头单位：县商务局，配合单位：各专班牵头单位，各乡镇、街道）')).toEqual([
      ['县商务局'],
      ['各专班牵头单位', '各乡镇', '街道'],
    ]);
  });

  it('should not list a time limit printed in the unit clause as a unit', () => {
    expect(roles('内容。（牵头单位：县住建局；责任单位：县自然资源局，各乡镇，9月底前完成）')).toEqual([
      ['县住建局', '县自然资源局', '各乡镇'],
      [],
    ]);
    expect(roles('内容。（责任单位：县数据局，年底前到位）')).toEqual([['县数据局'], []]);
  });

  it('should cut a unit at 等 when a generic group of units follows', () => {
    expect(roles('内容。\n责任单位：县卫健委、县医保局等县直有关部门')).toEqual([['县卫健委', '县医保局'], []]);
    expect(roles('内容。（责任单位：区教育局等区级相关单位）')).toEqual([['区教育局'], []]);
  });

  it('should strip a 〔〕 clause bracket but keep the bracket of the last unit', () => {
    expect(roles('内容。〔牵头单位：县行政审批局，责任单位：县直有关部门，各镇（街道）〕')).toEqual([
      ['县行政审批局', '县直有关部门', '各镇（街道）'],
      [],
    ]);
  });

  it('should accept a bare list of unit names only when it closes the measure', () => {
    expect(roles('内容。（市发改委、市商务局）')).toEqual([['市发改委', '市商务局'], []]);
    expect(sut('支持（市发改委、市商务局）开展工作。').found).toBe(false);
  });
});

describe('splitUnits', () => {
  it('should split at 和/及 only between two unit names', () => {
    expect(splitUnits('市场监管总局和国家税务总局')).toEqual(['市场监管总局', '国家税务总局']);
    expect(splitUnits('县司法局及县直各执法部门')).toEqual(['县司法局', '县直各执法部门']);
    expect(splitUnits('人力资源和社会保障局')).toEqual(['人力资源和社会保障局']);
    expect(splitUnits('住房和城乡建设局、发展和改革委员会')).toEqual(['住房和城乡建设局', '发展和改革委员会']);
  });

  it('should drop framing words and keep aliases in brackets', () => {
    expect(splitUnits('市政府办公室〔市大数据管理局〕、市文旅局等')).toEqual(['市政府办公室〔市大数据管理局〕', '市文旅局']);
    expect(splitUnits('市高等教育机构、县职业技术学校')).toEqual(['市高等教育机构', '县职业技术学校']);
  });
});
