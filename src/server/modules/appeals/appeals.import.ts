import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { inThreadDocuments, type DocumentReader } from '../../readers/document-pool.ts';
import { SpreadsheetReadError } from '../../readers/spreadsheet-reader.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findEnterpriseByCreditCode, findSourceIds, listCategoriesForPath } from './appeals.queries.ts';
import { actorRef, createAppeal } from './appeals.service.ts';

/** Column headers accepted in a 12345 export (the first name is the one the template uses). */
export const IMPORT_COLUMNS = {
  sourceId: ['工单编号', '工单号', '编号'],
  enterpriseName: ['企业名称', '诉求人单位', '单位名称'],
  creditCode: ['统一社会信用代码', '信用代码'],
  contactName: ['联系人', '诉求人'],
  contactPhone: ['联系电话', '电话'],
  category: ['诉求类别', '类别', '分类'],
  title: ['诉求标题', '标题'],
  description: ['诉求内容', '内容', '问题描述'],
  receivedAt: ['受理时间', '来电时间', '登记时间'],
  location: ['地址', '发生地址'],
} as const;

type Field = keyof typeof IMPORT_COLUMNS;
export interface ImportRowError { row: number; field: string; message: string }

/**
 * Imports a batch exported from a 12345 platform (.xlsx/.csv through readSpreadsheet): every row is checked first;
 * any error refuses the whole file (APL_IMPORT_INVALID with the rows); otherwise all rows go in one transaction,
 * rows whose 工单编号 is already stored (or repeated in the file) are skipped.
 */
export async function importAppeals(db: Kysely<Database>, actor: Actor, file: Buffer, now: Date, sourceSystem = '12345', documents: DocumentReader = inThreadDocuments) {
  if (!(actor.role === 'office' || actor.role === 'admin') || !actor.regionPath || !actor.regionId) throw new AppError('FORBIDDEN');
  let sheet;
  try {
    sheet = await documents.readSpreadsheet(file, { maxRows: 20_000 });
  } catch (err) {
    if (err instanceof SpreadsheetReadError) throw new AppError('APL_IMPORT_UNREADABLE', undefined, { cause: err.code });
    throw err;
  }
  const index = {} as Record<Field, number>;
  for (const [field, names] of Object.entries(IMPORT_COLUMNS) as [Field, readonly string[]][]) index[field] = sheet.header.findIndex((h) => names.includes(h.trim()));
  const errors: ImportRowError[] = [];
  for (const f of ['sourceId', 'enterpriseName', 'description'] as const) if (index[f] < 0) errors.push({ row: sheet.headerRow, field: IMPORT_COLUMNS[f][0], message: '缺少该列' });
  if (errors.length) throw new AppError('APL_IMPORT_INVALID', undefined, { rows: errors });
  const categories = await listCategoriesForPath(db, actor.regionPath);
  const cell = (cells: string[], f: Field) => (index[f] >= 0 ? (cells[index[f]] ?? '').trim() : '');
  const seen = new Set<string>();
  const rows = [];
  for (const r of sheet.rows) {
    const sourceId = cell(r.cells, 'sourceId');
    const description = cell(r.cells, 'description');
    const enterpriseName = cell(r.cells, 'enterpriseName');
    const category = cell(r.cells, 'category');
    const receivedAt = cell(r.cells, 'receivedAt');
    const creditCode = cell(r.cells, 'creditCode');
    if (!sourceId) errors.push({ row: r.rowNumber, field: '工单编号', message: '不能为空' });
    if (!description) errors.push({ row: r.rowNumber, field: '诉求内容', message: '不能为空' });
    if (description.length > 4000) errors.push({ row: r.rowNumber, field: '诉求内容', message: '超过4000字' });
    if (!enterpriseName && !creditCode) errors.push({ row: r.rowNumber, field: '企业名称', message: '不能为空' });
    const cat = category ? categories.find((c) => c.name === category || c.code === category) : undefined;
    if (category && !cat) errors.push({ row: r.rowNumber, field: '诉求类别', message: `未知类别：${category}` });
    let at: Date | undefined;
    if (receivedAt) {
      const iso = /^\d{4}-\d{2}-\d{2}$/.test(receivedAt) ? `${receivedAt}T09:00:00+08:00` : receivedAt.replace(' ', 'T') + (/[+Z]/.test(receivedAt.slice(10)) ? '' : '+08:00');
      at = new Date(iso);
      if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime()) errors.push({ row: r.rowNumber, field: '受理时间', message: '不是有效的时间' });
    }
    const enterprise = creditCode ? await findEnterpriseByCreditCode(db, creditCode) : undefined;
    if (creditCode && (!enterprise || !enterprise.region_path.startsWith(actor.regionPath))) errors.push({ row: r.rowNumber, field: '统一社会信用代码', message: '企业库中没有该企业' });
    if (seen.has(sourceId)) continue;
    seen.add(sourceId);
    rows.push({ sourceId, description, enterpriseName, categoryId: cat?.id, receivedAt: at?.toISOString(), enterpriseId: enterprise?.id, title: cell(r.cells, 'title') || undefined, contactName: cell(r.cells, 'contactName') || undefined, contactPhone: cell(r.cells, 'contactPhone') || undefined, location: cell(r.cells, 'location') || undefined });
  }
  if (errors.length) throw new AppError('APL_IMPORT_INVALID', undefined, { rows: errors.slice(0, 200), total: errors.length });
  const existing = new Set((await findSourceIds(db, sourceSystem, rows.map((r) => r.sourceId))).map((r) => r.source_id));
  const fresh = rows.filter((r) => !existing.has(r.sourceId));
  await inTransaction(db, async (trx) => {
    for (const r of fresh) {
      await createAppeal(trx, actor, { ...r, enterpriseName: r.enterpriseName || undefined, sourceSystem, channel: 'import' }, now, { channel: 'import' });
    }
    await recordAudit(trx, { actor: actorRef(actor), action: 'import', entity: 'appeal', entityId: null, regionId: actor.regionId, at: now, after: { sourceSystem, imported: fresh.length, skipped: sheet.rows.length - fresh.length } });
  });
  return { imported: fresh.length, skipped: sheet.rows.length - fresh.length, rows: sheet.rows.length };
}
