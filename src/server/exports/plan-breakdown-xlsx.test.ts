import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/plan/index.ts';
import { BREAKDOWN_COLUMNS, BREAKDOWN_SHEET, buildBreakdownWorkbook } from './plan-breakdown-xlsx.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const sut = buildBreakdownWorkbook;

describe('buildBreakdownWorkbook', () => {
  it('should write one row per measure under a frozen header, readable back with exceljs', async () => {
    const text = readFileSync(join(root, 'test/fixtures/plans/restart-numbering.txt'), 'utf8');
    const { plan } = parsePlan(text);
    const buf = await sut(plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(BREAKDOWN_SHEET)!;
    expect(ws).toBeDefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(1).getCell(1).value).toBe(plan.title);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([...BREAKDOWN_COLUMNS]);
    const rows = plan.measures.map((_, i) => ws.getRow(3 + i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(plan.measures.map((m) => m.id));
    const second = rows[1];
    expect(second.getCell(3).value).toBe(plan.measures[1].text);
    expect(second.getCell(4).value).toBe('县市场监管局');
    expect(second.getCell(5).value).toBe('县税务局、县公安局');
    expect(String(second.getCell(6).value)).toContain('2024-06-30');
    expect(second.getCell(3).alignment).toMatchObject({ wrapText: true });
  });

  it('should write a header-only sheet for a plan without measures', async () => {
    const { plan } = parsePlan('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sut(plan)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(BREAKDOWN_SHEET)!.rowCount).toBe(1);
  });
});
