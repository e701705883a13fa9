import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  diffImported,
  mapImportHeader,
  validateImportRow,
  type CellIssue,
  type FieldChange,
  type HeaderMap,
  type ImportField,
  type ImportedEnterprise,
  type RegionLookup,
} from '../../../core/enterprise/import-row.ts';
import { classifySize } from '../../../core/enterprise/size-class.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { inThreadDocuments, type DocumentReader } from '../../readers/document-pool.ts';
import { SpreadsheetReadError } from '../../readers/spreadsheet-reader.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { divisionCodeOfRegion } from './enterprises.divisions.ts';
import { actorRef, listPolicies } from './enterprises.service.ts';

/** Where imported tags come from; a re-import replaces exactly these. */
export const IMPORT_TAG_SOURCE = '登记导入';
export const IMPORT_MAX_ROWS = 200_000;
/** How many rows of the report a response lists (refused first); the counts are always complete. */
export const REPORT_ROW_LIMIT = 500;
const BATCH = 5000;

export type RowStatus = 'new' | 'changed' | 'unchanged' | 'refused';

export interface ReportRow {
  rowNumber: number;
  creditCode: string | null;
  name: string | null;
  status: RowStatus;
  changes: FieldChange[];
  issues: Omit<CellIssue, 'field'>[];
}

export interface ImportReport {
  dryRun: boolean;
  format: 'xlsx' | 'csv';
  year: number;
  total: number;
  counts: Record<RowStatus, number>;
  ignoredColumns: string[];
  rows: ReportRow[];
  rowsTruncated: boolean;
}

export interface ImportOptions {
  dryRun: boolean;
  /** The year the 从业人员/营业收入/资产总额 columns are for (default: last year). */
  year?: number;
  fileName?: string;
  now: Date;
  /** Where the file is read (the server's worker pool); in-thread by default. */
  documents?: DocumentReader;
}

type Db = Kysely<Database> | Transaction<Database>;

/** 区县 names and GB/T 2260 codes of the regions the actor may import into (admin: all). */
async function regionLookup(db: Db, actor: Actor): Promise<RegionLookup> {
  let query = db.selectFrom('regions').select(['id', 'name', 'code', 'path', 'parent_id']);
  if (actor.role !== 'admin') query = query.where('path', 'like', `${actor.regionPath ?? '/-none-/'}%`);
  const regions = await query.orderBy('path').execute();
  const byName = new Map<string, string | null>();
  const byCode = new Map<string, string>();
  const codeOf = new Map<string, string | null>();
  for (const r of regions) {
    const code = divisionCodeOfRegion(r, r.parent_id ? codeOf.get(r.parent_id) : null);
    codeOf.set(r.id, code);
    if (code && !byCode.has(code)) byCode.set(code, r.id);
    for (const name of new Set([r.name, r.name.replace(/(人民政府|管理委员会|管委会)$/, '')])) byName.set(name, byName.has(name) && byName.get(name) !== r.id ? null : r.id);
  }
  return { byName: (name) => byName.get(name.trim()) ?? null, byDivisionCode: (code) => byCode.get(code) ?? null };
}

interface ExistingRow extends ImportedEnterprise {
  id: string;
  regionPath: string;
}

async function loadExisting(db: Db, codes: string[], year: number): Promise<Map<string, ExistingRow>> {
  const out = new Map<string, ExistingRow>();
  for (let i = 0; i < codes.length; i += BATCH) {
    const chunk = codes.slice(i, i + BATCH);
    const rows = await db
      .selectFrom('enterprises as e')
      .innerJoin('regions as r', 'r.id', 'e.region_id')
      .leftJoin('enterprise_figures as f', (j) => j.onRef('f.enterprise_id', '=', 'e.id').on('f.year', '=', year))
      .select([
        'e.id',
        'e.credit_code',
        'e.name',
        'e.legal_rep_name',
        'e.legal_rep_phone',
        'e.legal_rep_id_number',
        'e.region_id',
        'r.path as region_path',
        'e.registration_authority',
        sql<string | null>`to_char(e.established_on, 'YYYY-MM-DD')`.as('established_on'),
        'e.registered_capital',
        'e.industry_code',
        'e.address',
        'f.employees',
        'f.revenue',
        'f.assets',
        sql<string[]>`array(select t.tag || coalesce('@' || to_char(t.valid_to, 'YYYY-MM-DD'), '') from enterprise_tags t where t.enterprise_id = e.id and t.source = ${IMPORT_TAG_SOURCE})`.as('tags'),
      ])
      .where('e.credit_code', 'in', chunk)
      .execute();
    const num = (v: string | number | null) => (v === null ? null : Number(v));
    for (const r of rows) {
      out.set(r.credit_code, {
        id: r.id,
        regionPath: r.region_path,
        creditCode: r.credit_code,
        name: r.name,
        legalRepName: r.legal_rep_name,
        legalRepPhone: r.legal_rep_phone,
        legalRepIdNumber: r.legal_rep_id_number,
        regionId: r.region_id,
        registrationAuthority: r.registration_authority,
        establishedOn: r.established_on,
        registeredCapital: num(r.registered_capital),
        industryCode: r.industry_code,
        address: r.address,
        employees: r.employees,
        revenue: num(r.revenue),
        assets: num(r.assets),
        tags: r.tags.map((t) => {
          const [tag, validTo] = t.split('@');
          return { tag, validTo: validTo ?? null };
        }),
      });
    }
  }
  return out;
}

function readHeaderOrThrow(header: string[]): HeaderMap {
  const map = mapImportHeader(header);
  if (map.missing.length) throw new AppError('ENT_IMPORT_HEADER', undefined, { missing: map.missing, header });
  return map;
}

/**
 * Imports a 市场监管-layout registry (.xlsx/.csv): validates every row, diffs it against the registry by 统一社会信用代码,
 * and (not dry) upserts all rows in one transaction, or nothing when any row is refused.
 * @throws AppError FORBIDDEN (not admin/office), ENT_IMPORT_UNREADABLE, ENT_IMPORT_HEADER, ENT_IMPORT_INVALID
 */
export async function importEnterprises(db: Kysely<Database>, actor: Actor, file: Buffer, options: ImportOptions): Promise<ImportReport> {
  if (!listPolicies(actor).import) throw new AppError('FORBIDDEN');
  let sheet;
  try {
    sheet = await (options.documents ?? inThreadDocuments).readSpreadsheet(file, { maxRows: IMPORT_MAX_ROWS });
  } catch (err) {
    if (err instanceof SpreadsheetReadError) throw new AppError('ENT_IMPORT_UNREADABLE', err.message, { reason: err.code, ...err.details });
    throw err;
  }
  const header = readHeaderOrThrow(sheet.header);
  const today = officeToday(options.now);
  const year = options.year ?? Number(today.slice(0, 4)) - 1;
  const regions = await regionLookup(db, actor);
  const present = (f: ImportField) => header.columns[f] !== undefined || (f === 'region' && header.columns.registrationAuthority !== undefined);

  const validated = sheet.rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells, ...validateImportRow(r.cells, header, { today, regions }) }));
  const seen = new Map<string, number>();
  for (const v of validated) {
    if (!v.value) continue;
    const first = seen.get(v.value.creditCode);
    if (first !== undefined) {
      v.issues.push({ field: 'creditCode', column: '统一社会信用代码', value: v.value.creditCode, message: `与第 ${first} 行的统一社会信用代码重复` });
      v.value = null;
    } else seen.set(v.value.creditCode, v.rowNumber);
  }
  const existing = await loadExisting(db, [...seen.keys()], year);

  const counts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0, refused: 0 };
  const report: ReportRow[] = [];
  const writes: { value: ImportedEnterprise; before: ExistingRow | undefined; changes: FieldChange[] | 'new' }[] = [];
  const cellAt = (cells: string[], f: ImportField) => (header.columns[f] === undefined ? null : cells[header.columns[f]!] || null);
  for (const v of validated) {
    let status: RowStatus;
    let changes: FieldChange[] = [];
    if (!v.value) status = 'refused';
    else {
      const before = existing.get(v.value.creditCode);
      if (before && actor.role !== 'admin' && !before.regionPath.startsWith(actor.regionPath ?? '/-none-/')) {
        v.issues.push({ field: 'creditCode', column: '统一社会信用代码', value: v.value.creditCode, message: '该企业登记在本辖区以外，无权更新' });
        status = 'refused';
      } else {
        const diff = diffImported(before, v.value, present);
        status = diff === 'new' ? 'new' : diff.length ? 'changed' : 'unchanged';
        changes = diff === 'new' ? [] : diff;
        if (status !== 'unchanged') writes.push({ value: v.value, before, changes: diff });
      }
    }
    counts[status]++;
    report.push({
      rowNumber: v.rowNumber,
      creditCode: v.value?.creditCode ?? cellAt(v.cells, 'creditCode'),
      name: v.value?.name ?? cellAt(v.cells, 'name'),
      status,
      changes,
      issues: v.issues.map(({ field: _field, ...rest }) => rest),
    });
  }
  const order: Record<RowStatus, number> = { refused: 0, changed: 1, new: 2, unchanged: 3 };
  const listed = [...report].sort((a, b) => order[a.status] - order[b.status] || a.rowNumber - b.rowNumber).slice(0, REPORT_ROW_LIMIT);
  const result: ImportReport = {
    dryRun: options.dryRun,
    format: sheet.format,
    year,
    total: report.length,
    counts,
    ignoredColumns: header.ignored,
    rows: listed,
    rowsTruncated: report.length > listed.length,
  };
  if (options.dryRun) return result;
  if (counts.refused > 0) throw new AppError('ENT_IMPORT_INVALID', undefined, result);
  if (writes.length === 0) return result;

  const sha256 = createHash('sha256').update(file).digest('hex');
  await db.transaction().execute(async (trx) => {
    await writeImport(trx, writes, { year, today, source: `市场监管登记导入${options.fileName ? `（${options.fileName}）` : ''}`, now: options.now, present });
    await recordAudit(trx, {
      actor: actorRef(actor),
      action: 'import',
      entity: 'enterprise',
      entityId: null,
      regionId: actor.regionId,
      after: {
        fileName: options.fileName ?? null,
        sha256,
        year,
        counts,
        created: writes.filter((w) => w.changes === 'new').map((w) => w.value.creditCode),
        updated: writes.filter((w) => w.changes !== 'new').map((w) => ({ creditCode: w.value.creditCode, fields: (w.changes as FieldChange[]).map((c) => c.field) })),
      },
    });
  });
  return result;
}

async function writeImport(
  trx: Transaction<Database>,
  writes: { value: ImportedEnterprise; before: ExistingRow | undefined; changes: FieldChange[] | 'new' }[],
  ctx: { year: number; today: string; source: string; now: Date; present: (f: ImportField) => boolean },
): Promise<void> {
  for (let i = 0; i < writes.length; i += BATCH) {
    const chunk = writes.slice(i, i + BATCH);
    const rows = chunk.map(({ value: v, before }) => {
      const figures = { employees: v.employees ?? before?.employees ?? null, revenue: v.revenue ?? before?.revenue ?? null, assets: v.assets ?? before?.assets ?? null };
      const industry = v.industryCode ?? before?.industryCode ?? null;
      const size = classifySize(industry, figures, ctx.today);
      return {
        region_id: v.regionId,
        credit_code: v.creditCode,
        name: v.name,
        legal_rep_name: v.legalRepName,
        legal_rep_phone: v.legalRepPhone,
        legal_rep_id_number: v.legalRepIdNumber,
        registration_authority: v.registrationAuthority,
        established_on: v.establishedOn,
        registered_capital: v.registeredCapital,
        industry_code: v.industryCode,
        address: v.address,
        size_class: size.ok ? size.sizeClass : null,
        size_rule: size.rule,
      };
    });
    const json = JSON.stringify(rows);
    const saved = await sql<{ id: string; credit_code: string; inserted: boolean }>`
      insert into enterprises (region_id, credit_code, name, legal_rep_name, legal_rep_phone, legal_rep_id_number, registration_authority,
        established_on, registered_capital, industry_code, address, size_class, size_rule, updated_at)
      select x.region_id, x.credit_code, x.name, x.legal_rep_name, x.legal_rep_phone, x.legal_rep_id_number, x.registration_authority,
        x.established_on, x.registered_capital, x.industry_code, x.address, x.size_class, x.size_rule, ${ctx.now}
      from jsonb_to_recordset(${json}::jsonb) as x(region_id uuid, credit_code text, name text, legal_rep_name text, legal_rep_phone text,
        legal_rep_id_number text, registration_authority text, established_on date, registered_capital numeric, industry_code text,
        address text, size_class text, size_rule text)
      on conflict (credit_code) do update set
        region_id = excluded.region_id,
        name = excluded.name,
        legal_rep_name = coalesce(excluded.legal_rep_name, enterprises.legal_rep_name),
        legal_rep_phone = coalesce(excluded.legal_rep_phone, enterprises.legal_rep_phone),
        legal_rep_id_number = coalesce(excluded.legal_rep_id_number, enterprises.legal_rep_id_number),
        registration_authority = coalesce(excluded.registration_authority, enterprises.registration_authority),
        established_on = coalesce(excluded.established_on, enterprises.established_on),
        registered_capital = coalesce(excluded.registered_capital, enterprises.registered_capital),
        industry_code = coalesce(excluded.industry_code, enterprises.industry_code),
        address = coalesce(excluded.address, enterprises.address),
        size_class = coalesce(excluded.size_class, enterprises.size_class),
        size_rule = case when excluded.size_class is null and enterprises.size_class is not null then enterprises.size_rule else excluded.size_rule end,
        version = enterprises.version + 1,
        updated_at = excluded.updated_at
      returning id, credit_code, (xmax = 0) as inserted`.execute(trx);
    const idByCode = new Map(saved.rows.map((r) => [r.credit_code, r.id]));

    const figures = chunk
      .filter(({ value: v }) => v.employees !== null || v.revenue !== null || v.assets !== null)
      .map(({ value: v }) => ({ enterprise_id: idByCode.get(v.creditCode)!, employees: v.employees, revenue: v.revenue, assets: v.assets }));
    if (figures.length) {
      await sql`
        insert into enterprise_figures (enterprise_id, year, employees, revenue, assets, source, as_of)
        select x.enterprise_id, ${ctx.year}, x.employees, x.revenue, x.assets, ${ctx.source}, ${ctx.today}::date
        from jsonb_to_recordset(${JSON.stringify(figures)}::jsonb) as x(enterprise_id uuid, employees integer, revenue numeric, assets numeric)
        on conflict (enterprise_id, year) do update set
          employees = coalesce(excluded.employees, enterprise_figures.employees),
          revenue = coalesce(excluded.revenue, enterprise_figures.revenue),
          assets = coalesce(excluded.assets, enterprise_figures.assets),
          source = excluded.source,
          as_of = excluded.as_of`.execute(trx);
    }

    if (ctx.present('tags')) {
      const tagged = chunk.filter(({ value: v }) => v.tags.length > 0);
      if (tagged.length) {
        await trx
          .deleteFrom('enterprise_tags')
          .where('source', '=', IMPORT_TAG_SOURCE)
          .where('enterprise_id', 'in', tagged.map(({ value: v }) => idByCode.get(v.creditCode)!))
          .execute();
        const tags = tagged.flatMap(({ value: v }) => v.tags.map((t) => ({ enterprise_id: idByCode.get(v.creditCode)!, tag: t.tag, valid_to: t.validTo })));
        await sql`
          insert into enterprise_tags (enterprise_id, tag, valid_from, valid_to, source)
          select x.enterprise_id, x.tag, null, x.valid_to, ${IMPORT_TAG_SOURCE}
          from jsonb_to_recordset(${JSON.stringify(tags)}::jsonb) as x(enterprise_id uuid, tag text, valid_to date)`.execute(trx);
      }
    }

    const events = chunk.map(({ value: v, changes }) => ({
      enterprise_id: idByCode.get(v.creditCode)!,
      kind: changes === 'new' ? 'registry.imported' : 'registry.updated',
      title: changes === 'new' ? '登记信息导入企业库' : `登记信息更新：${changes.map((c) => c.column).join('、')}`,
      detail: changes === 'new' ? { source: ctx.source } : { source: ctx.source, changes },
    }));
    await sql`
      insert into enterprise_events (enterprise_id, at, kind, title, detail)
      select x.enterprise_id, ${ctx.now}, x.kind, x.title, x.detail
      from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(enterprise_id uuid, kind text, title text, detail jsonb)`.execute(trx);
  }
}
