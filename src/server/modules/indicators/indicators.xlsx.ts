import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { inThreadDocuments, type DocumentReader } from '../../readers/document-pool.ts';
import { SpreadsheetReadError } from '../../readers/spreadsheet-reader.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { canManageSystem, canSeeRegion } from './indicators.permissions.ts';
import { listChildRegions, listNodesWithUnits } from './indicators.queries.ts';
import { loadTree } from './indicators.scoring.ts';
import { actorRef, assertPeriod, createSystem, getSystemOrThrow, storeValues, type NodeInput, type ValueInput, type ValueIssue } from './indicators.service.ts';

/** Columns of the tree sheet, in order (the export writes them, the import reads them by header). */
export const TREE_COLUMNS = ['编码', '上级编码', '名称', '权重', '汇总方式', '末级', '构成', '计量单位', '方向', '前沿方式', '最优值', '最差值', '变换', '数据来源', '自动计算来源', '周期', '责任单位'] as const;
const AGG = { weighted_mean: '加权平均', mean: '简单平均' } as const;
const DIR = { lower: '越小越好', higher: '越大越好' } as const;
const FRONTIER = { fixed: '固定', sample: '样本' } as const;
const TRANSFORM = { linear: '线性', nonlinear: '非线性' } as const;
const SOURCE = { manual: '填报', computed: '自动计算', import: '导入' } as const;
const CYCLE = { year: '年', quarter: '季', month: '月' } as const;
const invert = <T extends Record<string, string>>(m: T) => new Map(Object.entries(m).map(([k, v]) => [v, k as keyof T]));

export async function exportTreeXlsx(db: Kysely<Database>, actor: Actor, systemId: string) {
  const s = await getSystemOrThrow(db, actor, systemId);
  const nodes = await listNodesWithUnits(db, s.id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标体系');
  ws.addRow([...TREE_COLUMNS]).font = { bold: true };
  for (const n of nodes) {
    ws.addRow([
      n.key, n.parent_key ?? '', n.name, n.weight, AGG[n.aggregation], n.is_leaf ? '是' : '否', n.component ?? '', n.unit_label,
      n.direction ? DIR[n.direction] : '', n.frontier_mode ? FRONTIER[n.frontier_mode] : '', n.best ?? '', n.worst ?? '', TRANSFORM[n.transform],
      SOURCE[n.data_source], n.provider ?? '', CYCLE[n.cycle], n.unit_name ?? '',
    ]);
  }
  ws.columns.forEach((c, i) => (c.width = i === 2 ? 28 : 12));
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${s.name}-v${s.version}.xlsx` };
}

async function sheetOrThrow(file: Buffer, code: 'IND_TREE_INVALID' | 'IND_VALUES_INVALID', documents: DocumentReader) {
  try {
    return await documents.readSpreadsheet(file, { maxRows: 50_000 });
  } catch (err) {
    if (err instanceof SpreadsheetReadError) throw new AppError(code, err.message, { issues: [{ row: 0, column: '', message: err.message }] });
    throw err;
  }
}

/** A tree from the export layout; issues carry the Excel row. Creates a new system (or version with basedOnId). */
export async function importTreeXlsx(db: Kysely<Database>, actor: Actor, file: Buffer, fields: Record<string, string>, documents: DocumentReader = inThreadDocuments) {
  const sheet = await sheetOrThrow(file, 'IND_TREE_INVALID', documents);
  const col = new Map(sheet.header.map((h, i) => [h, i]));
  const missing = TREE_COLUMNS.slice(0, 6).filter((c) => !col.has(c));
  if (missing.length) throw new AppError('IND_TREE_INVALID', undefined, { issues: missing.map((c) => ({ row: sheet.headerRow, key: '', code: 'MISSING_COLUMN', message: `缺少列：${c}` })) });
  const get = (cells: string[], c: (typeof TREE_COLUMNS)[number]) => (col.has(c) ? (cells[col.get(c)!] ?? '').trim() : '');
  const num = (s: string) => (s === '' ? null : Number(s));
  const [aggs, dirs, frs, trs, srcs, cys] = [invert(AGG), invert(DIR), invert(FRONTIER), invert(TRANSFORM), invert(SOURCE), invert(CYCLE)];
  const issues: Array<{ row: number; key: string; code: string; message: string }> = [];
  const rowOf = new Map<string, number>();
  const nodes: NodeInput[] = sheet.rows.map((r) => {
    const c = r.cells;
    const key = get(c, '编码');
    rowOf.set(key, r.rowNumber);
    const isLeaf = get(c, '末级') === '是';
    const n: NodeInput = {
      key,
      parentKey: get(c, '上级编码') || null,
      name: get(c, '名称'),
      weight: num(get(c, '权重')) ?? 1,
      aggregation: aggs.get(get(c, '汇总方式')) ?? 'weighted_mean',
      isLeaf,
      component: get(c, '构成') || null,
      unitLabel: get(c, '计量单位'),
      direction: isLeaf ? (dirs.get(get(c, '方向')) ?? null) : null,
      frontierMode: isLeaf ? (frs.get(get(c, '前沿方式')) ?? 'fixed') : null,
      best: num(get(c, '最优值')),
      worst: num(get(c, '最差值')),
      transform: trs.get(get(c, '变换')) ?? 'linear',
      dataSource: srcs.get(get(c, '数据来源')) ?? 'manual',
      provider: get(c, '自动计算来源') || null,
      cycle: cys.get(get(c, '周期')) ?? 'year',
      unitHint: get(c, '责任单位') || null,
    };
    if (!key || !/^[A-Za-z0-9_.-]+$/.test(key)) issues.push({ row: r.rowNumber, key, code: 'BAD_KEY', message: '编码须为字母、数字、点、下划线或连字符' });
    if (!n.name) issues.push({ row: r.rowNumber, key, code: 'BAD_NAME', message: '名称不能为空' });
    if (isLeaf && !n.direction) issues.push({ row: r.rowNumber, key, code: 'BAD_DIRECTION', message: '方向须为“越小越好”或“越大越好”' });
    for (const v of [n.weight, n.best, n.worst]) if (v !== null && v !== undefined && !Number.isFinite(v)) issues.push({ row: r.rowNumber, key, code: 'BAD_NUMBER', message: '权重、最优值、最差值须为数字' });
    return n;
  });
  if (issues.length) throw new AppError('IND_TREE_INVALID', undefined, { issues });
  try {
    return await createSystem(db, actor, { name: fields.name || undefined, regionId: fields.regionId || undefined, basedOnId: fields.basedOnId || undefined, nodes });
  } catch (err) {
    if (err instanceof AppError && err.code === 'IND_TREE_INVALID') {
      const d = err.details as { issues: Array<{ key: string }> };
      throw new AppError('IND_TREE_INVALID', undefined, { issues: d.issues.map((i) => ({ ...i, row: rowOf.get(i.key) ?? null })) });
    }
    throw err;
  }
}

/** Columns of a value import: 地区 (name or code), 指标编码, 数值, 佐证 (optional). */
export const VALUE_COLUMNS = ['地区', '指标编码', '数值', '佐证'] as const;

/** A whole period from .xlsx/.csv, all rows or none; issues name the Excel row and column. */
export async function importValuesXlsx(db: Kysely<Database>, actor: Actor, systemId: string, period: string, file: Buffer, now: Date, documents: DocumentReader = inThreadDocuments) {
  assertPeriod(period, 'body.period');
  const s = await getSystemOrThrow(db, actor, systemId);
  if (!canManageSystem(actor, { regionPath: s.region_path })) throw new AppError('FORBIDDEN');
  const sheet = await sheetOrThrow(file, 'IND_VALUES_INVALID', documents);
  const col = new Map(sheet.header.map((h, i) => [h, i]));
  const missing = VALUE_COLUMNS.slice(0, 3).filter((c) => !col.has(c));
  if (missing.length) throw new AppError('IND_VALUES_INVALID', undefined, { issues: missing.map((c) => ({ row: sheet.headerRow, column: c, message: `缺少列：${c}` })) });
  const [{ tree }, regions] = await Promise.all([loadTree(db, s.id), listChildRegions(db, s.region_id)]);
  const regionBy = new Map<string, (typeof regions)[number]>();
  for (const r of regions) {
    regionBy.set(r.name, r);
    if (r.code) regionBy.set(r.code, r);
  }
  const issues: ValueIssue[] = [];
  const values: ValueInput[] = [];
  const seen = new Set<string>();
  for (const r of sheet.rows) {
    const cell = (c: string) => (col.has(c) ? (r.cells[col.get(c)!] ?? '').trim() : '');
    const region = regionBy.get(cell('地区'));
    const key = cell('指标编码');
    const raw = cell('数值').replace(/[,，]/g, '');
    const value = Number(raw);
    if (!region || !canSeeRegion(actor, region.path)) issues.push({ row: r.rowNumber, column: '地区', message: `地区“${cell('地区')}”不在本体系的评价范围` });
    const n = tree.index.get(key);
    if (n === undefined || tree.leafOf[n] < 0) issues.push({ row: r.rowNumber, column: '指标编码', message: `“${key}”不是本体系的末级指标` });
    if (raw === '' || !Number.isFinite(value)) issues.push({ row: r.rowNumber, column: '数值', message: `“${cell('数值')}”不是数字` });
    if (region && n !== undefined) {
      const k = `${region.id}|${key}`;
      if (seen.has(k)) issues.push({ row: r.rowNumber, column: '指标编码', message: '同一地区同一指标重复出现' });
      seen.add(k);
      values.push({ regionId: region.id, nodeKey: key, value, evidence: cell('佐证') });
    }
  }
  if (issues.length) throw new AppError('IND_VALUES_INVALID', undefined, { issues });
  await storeValues(db, actorRef(actor), s, period, values, 'import', now);
  return { imported: values.length };
}
