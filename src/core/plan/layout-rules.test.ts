import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse-plan.ts';
import { extractTargets } from './targets.ts';
import { extractUnits } from './units.ts';
import { readFlatTable } from './table.ts';

const keys = (s: string) => extractTargets(s, { baseYear: 2024 }).map((t) => `${t.op}|${t.value}|${t.unit}`);

describe('targets: caps, scopes and permissions are not targets', () => {
  it.each([
    '单户贷款额度最高不超过300万元。',
    '符合条件的企业可申请延期1-2个月缴纳社保费。',
    '首贷户贷款最高可达1000万元，期限最长3年。',
    '给予最高不超过20万元的一次性补助。',
    '对500万元及以下的贷款实行快速审批。',
  ])('should read no target in %s', (s) => expect(keys(s)).toEqual([]));

  it('should keep commitments next to them', () => {
    expect(keys('全市中小微企业贷款余额达到350亿元以上。')).toEqual(['>=|350|亿元']);
    expect(keys('审批时间最长不超过5个工作日。')).toEqual(['<=|5|个工作日']);
  });
});

describe('units: markers, framing and notes', () => {
  it('should count every per-paragraph bracket and drop marker words', () => {
    const u = extractUnits('甲。（省发展改革委指导，各市州人民政府负责落实）\n乙。（省市场监管局、省商务厅参与）\n丙。（省政务服务中心）\n丁。');
    expect(u.leadUnits).toEqual(['省发展改革委', '各市州人民政府', '省政务服务中心']);
    expect(u.cooperatingUnits).toEqual(['省市场监管局', '省商务厅']);
  });
  it('should read 按职责分工牵头 as framing of the lead units', () => {
    const u = extractUnits('推进。（市发展改革委、市商务局按职责分工牵头，市财政局、市税务局等配合）');
    expect(u.leadUnits).toEqual(['市发展改革委', '市商务局']);
    expect(u.cooperatingUnits).toEqual(['市财政局', '市税务局']);
  });
  it('should read 列第一的为牵头单位 and 下同 as notes, the first unit leading', () => {
    const u = extractUnits('推进。（市发展改革委、市商务局、市财政局，列第一的为牵头单位，下同）');
    expect(u).toMatchObject({ leadUnits: ['市发展改革委'], cooperatingUnits: ['市商务局', '市财政局'], firstLeads: 'carries' });
  });
  it('should carry 下同 on to later bare lists', () => {
    const { plan } = parsePlan('一、任务\n1.甲事项。（市发展改革委、市商务局，列第一的为牵头单位，下同）\n2.乙事项。（市财政局、市税务局）\n3.丙事项。（市司法局牵头，市公安局配合）', { baseYear: 2024 });
    expect(plan.measures.map((m) => [m.leadUnits, m.cooperatingUnits])).toEqual([
      [['市发展改革委'], ['市商务局']],
      [['市财政局'], ['市税务局']],
      [['市司法局'], ['市公安局']],
    ]);
  });
});

describe('plan title', () => {
  it('should take the plan name from a notice headline wrapped over two lines', () => {
    const { plan } = parsePlan('青山市人民政府办公室关于印发《青山市优化营商环境\n三年行动方案》的通知\n各县区：\n现印发给你们。\n一、任务\n1.甲。（市商务局负责）\n2.乙。（市财政局负责）\n3.丙。（市税务局负责）');
    expect(plan.title).toBe('青山市优化营商环境三年行动方案');
  });
  it('should prefer the plan title line after the notice, joined over two lines', () => {
    const { plan } = parsePlan('国务院办公厅关于印发降低制度性交易成本\n实施方案的通知\n各省：\n现印发给你们。\n国务院办公厅\n2024年1月2日\n进一步优化营商环境\n降低市场主体制度性交易成本实施方案\n一、任务\n1.甲。（商务部负责）\n2.乙。（财政部负责）\n3.丙。（税务总局负责）');
    expect(plan.title).toBe('进一步优化营商环境降低市场主体制度性交易成本实施方案');
    expect(plan.issuer).toBe('国务院办公厅');
    expect(plan.region).toBeNull();
  });
});

describe('tables flattened one cell per line', () => {
  const doc = '关于印发任务表的通知\n一、提高认识。各单位要高度重视。\n二、压实责任。全年督查不少于4次。\n序号\n任务\n工作内容\n牵头单位\n配合单位\n完成时限\n1\n优化企业开办\n企业开办时间压缩至0.5个工作日以内。\n市市场监管局\n市公安局、市税务局\n2025年3月底前\n2\n强化信用修复\n信用修复申请3个工作日内办结。\n市发展改革委\n2025年9月底前\n';
  it('should read the header and each numbered row, with an empty cell missing', () => {
    const t = readFlatTable(doc)!;
    expect(t.columns).toEqual(['no', 'name', 'content', 'lead', 'coop', 'time']);
    expect(t.rows.map((r) => r.cells.map((c) => c.kind))).toEqual([
      ['name', 'content', 'lead', 'coop', 'time'],
      ['name', 'content', 'lead', 'time'],
    ]);
  });
  it('should make each row a measure and not the notice paragraphs above', () => {
    const { plan } = parsePlan(doc, { baseYear: 2025 });
    expect(plan.measures.map((m) => [m.id, m.title, m.leadUnits, m.cooperatingUnits, m.deadlines.map((d) => d.date)])).toEqual([
      ['1', '优化企业开办', ['市市场监管局'], ['市公安局', '市税务局'], ['2025-03-31']],
      ['2', '强化信用修复', ['市发展改革委'], [], ['2025-09-30']],
    ]);
    expect(plan.measures[0].targets.map((t) => `${t.op}|${t.value}|${t.unit}`)).toEqual(['<=|0.5|个工作日']);
    const m = plan.measures[0];
    expect(doc.slice(m.span!.start, m.span!.end)).toContain('优化企业开办');
  });
  it('should not take a 序号 line without a unit column for a table', () => {
    expect(readFlatTable('序号\n名称\n内容\n1\n甲\n乙\n2\n丙\n丁')).toBeNull();
  });
});
