import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  LEDGER_COLUMNS,
  LEDGER_KPI_COLUMNS,
  LEDGER_KPI_SHEET,
  LEDGER_SHEET,
  buildLedgerWorkbook,
  parseLedgerWorkbook,
  type LedgerData,
} from './ledger-xlsx.ts';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const K1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

const data: LedgerData = {
  title: '某市优化营商环境行动方案 台账',
  subtitle: '导出时间：2026-04-10',
  tasks: [
    {
      id: T1,
      planTitle: '某市优化营商环境行动方案',
      chapter: '一、提升政务服务效能',
      measureNumber: '1',
      measureText: '企业开办时间压缩至0.5个工作日',
      unitName: '市市场监管局',
      dueDate: '2026-06-30',
      status: '已签收',
      light: '黄灯',
      reasons: ['进度落后于时间进度'],
      progress: 40,
      latestPeriod: '2026-03',
      latestSummary: '已上线一网通办',
      cooperatingUnits: ['市政务服务中心'],
      reviewComment: '审核通过',
      evidence: ['一网通办截图.png', '系统对接说明.pdf'],
      kpis: [{ id: K1, metric: '企业开办时间', op: '<=', target: 0.5, unit: '个工作日', actual: 1 }],
    },
    {
      id: T2,
      planTitle: '某市优化营商环境行动方案',
      chapter: null,
      measureNumber: '2',
      measureText: '长期坚持',
      unitName: '市税务局',
      dueDate: null,
      status: '待签收',
      light: '灰灯',
      reasons: [],
      progress: 0,
      latestPeriod: null,
      latestSummary: null,
      cooperatingUnits: [],
      reviewComment: null,
      evidence: [],
      kpis: [],
    },
  ],
};

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook) {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('buildLedgerWorkbook', () => {
  it('should write one row per task and one per KPI, readable back with exceljs', async () => {
    const wb = await load(await buildLedgerWorkbook(data));
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([...LEDGER_COLUMNS]);
    expect(ws.rowCount).toBe(4);
    const r = ws.getRow(3);
    expect(r.getCell(21).value).toBe(T1);
    expect(r.getCell(5).value).toBe('市市场监管局');
    expect(r.getCell(7).value).toBe('2026-06-30');
    expect(r.getCell(9).value).toBe('黄灯');
    expect(r.getCell(11).value).toBe(40);
    expect(r.getCell(16).value).toBe('企业开办时间：1个工作日（目标≤0.5个工作日）');
    expect(r.getCell(1).value).toBe('某市优化营商环境行动方案');
    expect(r.getCell(6).value).toBe('市政务服务中心');
    expect(r.getCell(14).value).toBe('审核通过');
    expect(r.getCell(15).value).toBe('一网通办截图.png\n系统对接说明.pdf');
    expect(ws.getRow(4).getCell(7).value).toBe('长期');
    const ks = wb.getWorksheet(LEDGER_KPI_SHEET)!;
    expect((ks.getRow(1).values as unknown[]).slice(1)).toEqual([...LEDGER_KPI_COLUMNS]);
    expect((ks.getRow(2).values as unknown[]).slice(1, 9)).toEqual([T1, K1, '市市场监管局', '1', '企业开办时间', '≤0.5', '个工作日', 1]);
  });
});

describe('parseLedgerWorkbook', () => {
  it('should read back what a unit filled in, with its KPI values, and skip untouched rows', async () => {
    const wb = await load(await buildLedgerWorkbook(data));
    const r = wb.getWorksheet(LEDGER_SHEET)!.getRow(3);
    r.getCell(17).value = '2026年4月';
    r.getCell(18).value = 60;
    r.getCell(19).value = '完成系统对接';
    r.getCell(20).value = '否';
    wb.getWorksheet(LEDGER_KPI_SHEET)!.getRow(2).getCell(9).value = 0.8;
    const out = await parseLedgerWorkbook(await save(wb));
    expect(out.issues).toEqual([]);
    expect(out.rows).toEqual([
      { row: 3, taskId: T1, period: '2026-04', progress: 60, summary: '完成系统对接', isFinal: false, kpiValues: [{ kpiId: K1, actual: 0.8, row: 2 }] },
    ]);
  });

  it('should list every bad cell with sheet, row and column, and return no rows at all', async () => {
    const wb = await load(await buildLedgerWorkbook(data));
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    ws.getRow(3).getCell(18).value = 150;
    ws.getRow(3).getCell(19).value = '有进展';
    ws.getRow(4).getCell(19).value = '正常推进';
    ws.getRow(4).getCell(20).value = '完成';
    wb.getWorksheet(LEDGER_KPI_SHEET)!.getRow(2).getCell(9).value = '大约一半';
    const out = await parseLedgerWorkbook(await save(wb));
    expect(out.rows).toEqual([]);
    expect(out.issues).toEqual([
      { sheet: LEDGER_SHEET, row: 3, column: '本期进度(%)', message: '本期进度应为 0 到 100 之间的数字' },
      { sheet: LEDGER_SHEET, row: 4, column: '是否最终报告', message: '是否最终报告应填“是”或“否”' },
      { sheet: LEDGER_KPI_SHEET, row: 2, column: '本期实际值', message: '本期实际值应为数字' },
    ]);
  });

  it('should refuse a workbook in another layout and a file that is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(LEDGER_SHEET).addRow(['x']);
    expect((await parseLedgerWorkbook(await save(wb))).issues[0]).toMatchObject({ sheet: LEDGER_SHEET, row: 2, column: '方案' });
    expect((await parseLedgerWorkbook(Buffer.from('not a zip'))).issues[0].message).toContain('.xlsx');
  });

  it('should refuse a KPI value whose task row was left empty and a tampered task id', async () => {
    const wb = await load(await buildLedgerWorkbook(data));
    wb.getWorksheet(LEDGER_KPI_SHEET)!.getRow(2).getCell(9).value = 0.7;
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    ws.getRow(4).getCell(21).value = 'abc';
    ws.getRow(4).getCell(19).value = '推进中';
    const out = await parseLedgerWorkbook(await save(wb));
    expect(out.issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      [LEDGER_SHEET, 4, '任务ID'],
      [LEDGER_KPI_SHEET, 2, '本期实际值'],
    ]);
  });
});
