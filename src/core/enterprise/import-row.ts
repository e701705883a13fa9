/**
 * One row of a registry import in the layout of a 市场监管 export: which column is which (header aliases), the row's
 * cells turned into values with an issue per bad cell, and the diff against what the registry holds. Pure: region
 * lookup is a function the caller passes.
 */
import { checkCreditCode, creditCodeRegion } from './credit-code.ts';
import { normalizeIndustryCode } from './industry-codes.ts';

export type ImportField =
  | 'creditCode'
  | 'name'
  | 'legalRepName'
  | 'legalRepPhone'
  | 'legalRepIdNumber'
  | 'region'
  | 'registrationAuthority'
  | 'establishedOn'
  | 'registeredCapital'
  | 'industryCode'
  | 'address'
  | 'employees'
  | 'revenue'
  | 'assets'
  | 'tags';

/** Header texts accepted for each field (after removing spaces and a unit in brackets), first the canonical one. */
export const IMPORT_HEADERS: Record<ImportField, string[]> = {
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码'],
  name: ['企业名称', '名称', '主体名称', '市场主体名称', '单位名称'],
  legalRepName: ['法定代表人', '法定代表人（负责人）', '法定代表人(负责人)', '负责人', '法人'],
  legalRepPhone: ['法定代表人电话', '联系电话', '电话'],
  legalRepIdNumber: ['法定代表人证件号码', '证件号码', '身份证号码'],
  region: ['所在区县', '区县', '所属区县', '所在地区', '行政区划'],
  registrationAuthority: ['登记机关', '登记机构'],
  establishedOn: ['成立日期', '成立时间', '注册日期'],
  registeredCapital: ['注册资本', '注册资金'],
  industryCode: ['行业代码', '国民经济行业代码', '行业门类代码'],
  address: ['地址', '住所', '经营场所', '住所（经营场所）'],
  employees: ['从业人员', '从业人数', '从业人员数', '年末从业人员'],
  revenue: ['营业收入', '营业总收入'],
  assets: ['资产总额', '资产总计'],
  tags: ['资质/标签', '资质', '标签', '资质标签', '企业标签'],
};

export const FIELD_LABELS: Record<ImportField, string> = Object.fromEntries(
  Object.entries(IMPORT_HEADERS).map(([field, names]) => [field, names[0]]),
) as Record<ImportField, string>;

const normalizeHeader = (h: string) =>
  h
    .replace(/\s+/g, '')
    .replace(/[（(](万元|人|元|万)[)）]$/, '')
    .trim();

export interface HeaderMap {
  columns: Partial<Record<ImportField, number>>;
  /** Required fields with no column. */
  missing: ImportField[];
  /** Header cells that match no field (ignored). */
  ignored: string[];
}

/** Maps a header row to fields; 统一社会信用代码 and 企业名称 are required, and one of 所在区县/登记机关 is expected. */
export function mapImportHeader(header: string[]): HeaderMap {
  const columns: Partial<Record<ImportField, number>> = {};
  const ignored: string[] = [];
  header.forEach((raw, index) => {
    const h = normalizeHeader(raw);
    if (!h) return;
    const field = (Object.keys(IMPORT_HEADERS) as ImportField[]).find((f) => IMPORT_HEADERS[f].some((alias) => normalizeHeader(alias) === h));
    if (field && columns[field] === undefined) columns[field] = index;
    else ignored.push(raw);
  });
  const missing = (['creditCode', 'name'] as ImportField[]).filter((f) => columns[f] === undefined);
  return { columns, missing, ignored };
}

export interface ImportedTag {
  tag: string;
  validTo: string | null;
}

/** The values of one valid row, as the registry stores them. */
export interface ImportedEnterprise {
  creditCode: string;
  name: string;
  legalRepName: string | null;
  legalRepPhone: string | null;
  legalRepIdNumber: string | null;
  regionId: string;
  registrationAuthority: string | null;
  establishedOn: string | null;
  /** 万元 */
  registeredCapital: number | null;
  industryCode: string | null;
  address: string | null;
  employees: number | null;
  revenue: number | null;
  assets: number | null;
  tags: ImportedTag[];
}

export interface CellIssue {
  field: ImportField;
  /** The header the user sees. */
  column: string;
  value: string;
  message: string;
}

export interface RegionLookup {
  /** A region of the caller's scope by 区县 name (or a 登记机关 with its suffix removed); null when none or ambiguous. */
  byName(name: string): string | null;
  /** A region by the GB/T 2260 code in positions 3–8 of the credit code; null when none. */
  byDivisionCode(code: string): string | null;
}

export interface RowContext {
  /** ISO date: dates after it are refused. */
  today: string;
  regions: RegionLookup;
}

const AUTHORITY_SUFFIX = /(市场监督管理局|市场监管局|工商行政管理局|工商局|行政审批局|市场监督管理分局|分局)$/;

/** 登记机关 → the 区县 it serves: `东城县市场监督管理局` → `东城县`. */
export function regionNameFromAuthority(authority: string): string {
  return authority.replace(AUTHORITY_SUFFIX, '').trim();
}

/**
 * Parses a date as exports write it: `2018-06-01`, `2018/6/1`, `2018.6.1`, `20180601`, `2018年6月1日`.
 * @returns ISO `YYYY-MM-DD`, or null when not a real calendar date
 */
export function parseImportDate(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Parses an amount or count: `1,234.5`, `1234.5万元`, `35人`.
 * @returns the number, or null when not a finite non-negative number
 */
export function parseImportNumber(text: string): number | null {
  const t = text.replace(/[,，\s]/g, '').replace(/(万元|万|元|人)$/, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码 (GB 11643-1999): 17 digits and a check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

const CREDIT_CODE_MESSAGES = {
  length: '统一社会信用代码应为18位',
  character: '统一社会信用代码含有不允许的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）',
  check: '统一社会信用代码校验位错误',
} as const;

/** Tags as `高新技术企业、专精特新（有效期至2027-12-31）`. */
export function parseImportTags(text: string): { tags: ImportedTag[]; bad: string[] } {
  const tags: ImportedTag[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[,，、;；/|\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)[（(](?:有效期)?至?([^)）]+)[)）]$/.exec(part);
    if (m) {
      const validTo = parseImportDate(m[2]);
      if (!validTo || !m[1].trim()) bad.push(part);
      else tags.push({ tag: m[1].trim(), validTo });
    } else if (part.length > 50) bad.push(part);
    else tags.push({ tag: part, validTo: null });
  }
  const seen = new Set<string>();
  return { tags: tags.filter((t) => !seen.has(t.tag) && seen.add(t.tag)), bad };
}

/**
 * Validates one data row.
 * @returns the values when every cell is acceptable, and one issue per refused cell (a row with issues is refused whole)
 */
export function validateImportRow(cells: string[], header: HeaderMap, ctx: RowContext): { value: ImportedEnterprise | null; issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const cell = (f: ImportField) => {
    const i = header.columns[f];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const issue = (field: ImportField, message: string) => issues.push({ field, column: FIELD_LABELS[field], value: cell(field), message });
  const optional = (f: ImportField) => cell(f) || null;

  let creditCode = '';
  const rawCode = cell('creditCode');
  if (!rawCode) issue('creditCode', '缺少统一社会信用代码');
  else {
    const check = checkCreditCode(rawCode);
    if (check.ok) creditCode = check.normalized;
    else issue('creditCode', check.problem === 'check' ? `${CREDIT_CODE_MESSAGES.check}（应为 ${check.expected}）` : CREDIT_CODE_MESSAGES[check.problem!]);
  }

  const name = cell('name');
  if (!name) issue('name', '缺少企业名称');
  else if (name.length > 200) issue('name', '企业名称过长（最多200字）');

  const authority = optional('registrationAuthority');
  let regionId: string | null = null;
  const regionName = cell('region');
  if (regionName) {
    regionId = ctx.regions.byName(regionName);
    if (!regionId) issue('region', `所在区县“${regionName}”不在本辖区的区划中`);
  } else if (authority) {
    regionId = ctx.regions.byName(regionNameFromAuthority(authority));
    if (!regionId && creditCode) regionId = ctx.regions.byDivisionCode(creditCodeRegion(creditCode));
    if (!regionId) issue('registrationAuthority', `无法由登记机关“${authority}”确定所在区县`);
  } else if (creditCode) {
    regionId = ctx.regions.byDivisionCode(creditCodeRegion(creditCode));
    if (!regionId) issue('region', '缺少所在区县，且信用代码中的区划码不在本辖区');
  } else issue('region', '缺少所在区县');

  let establishedOn: string | null = null;
  if (cell('establishedOn')) {
    establishedOn = parseImportDate(cell('establishedOn'));
    if (!establishedOn) issue('establishedOn', '成立日期格式不正确（如 2018-06-01）');
    else if (establishedOn > ctx.today) issue('establishedOn', '成立日期晚于今天');
    else if (establishedOn < '1949-10-01') issue('establishedOn', '成立日期早于1949-10-01');
  }

  const amount = (f: ImportField, label: string, integer = false): number | null => {
    const text = cell(f);
    if (!text) return null;
    const n = parseImportNumber(text);
    if (n === null) issue(f, `${label}应为不小于0的数字`);
    else if (integer && !Number.isInteger(n)) issue(f, `${label}应为整数`);
    else if (n > 1e12) issue(f, `${label}数值过大`);
    return n;
  };
  const registeredCapital = amount('registeredCapital', '注册资本（万元）');
  const employees = amount('employees', '从业人员', true);
  const revenue = amount('revenue', '营业收入（万元）');
  const assets = amount('assets', '资产总额（万元）');

  let industryCode: string | null = null;
  if (cell('industryCode')) {
    industryCode = normalizeIndustryCode(cell('industryCode'));
    if (!industryCode) issue('industryCode', '行业代码不在 GB/T 4754-2017《国民经济行业分类》中');
  }

  const phone = optional('legalRepPhone');
  if (phone && !/^[0-9+\-() ]{5,20}$/.test(phone)) issue('legalRepPhone', '电话号码格式不正确');
  const idNumber = optional('legalRepIdNumber')?.toUpperCase() ?? null;
  if (idNumber && !isValidIdNumber(idNumber)) issue('legalRepIdNumber', '居民身份证号码格式或校验位不正确');

  const { tags, bad } = parseImportTags(cell('tags'));
  if (bad.length) issue('tags', `无法识别的标签：${bad.join('、')}`);

  if (issues.length) return { value: null, issues };
  return {
    value: {
      creditCode,
      name,
      legalRepName: optional('legalRepName'),
      legalRepPhone: phone,
      legalRepIdNumber: idNumber,
      regionId: regionId!,
      registrationAuthority: authority,
      establishedOn,
      registeredCapital,
      industryCode,
      address: optional('address'),
      employees,
      revenue,
      assets,
      tags,
    },
    issues,
  };
}

export interface FieldChange {
  field: ImportField;
  column: string;
  from: unknown;
  to: unknown;
}

const DIFF_FIELDS: ImportField[] = [
  'name',
  'legalRepName',
  'legalRepPhone',
  'legalRepIdNumber',
  'region',
  'registrationAuthority',
  'establishedOn',
  'registeredCapital',
  'industryCode',
  'address',
  'employees',
  'revenue',
  'assets',
  'tags',
];

const valueOf = (e: ImportedEnterprise, f: ImportField): unknown =>
  f === 'region' ? e.regionId : f === 'tags' ? e.tags.map((t) => `${t.tag}${t.validTo ? `@${t.validTo}` : ''}`).sort().join('、') : (e as unknown as Record<string, unknown>)[f];

/**
 * What a re-import would change. A column absent from the file (`present` false) never changes a value; an empty cell
 * in a present column leaves the stored value too (exports leave cells blank for "unknown"), except that tags listed
 * replace the stored import tags.
 * @returns `new` without `existing`, else the changed fields (empty: unchanged)
 */
export function diffImported(existing: ImportedEnterprise | undefined, next: ImportedEnterprise, present: (f: ImportField) => boolean): 'new' | FieldChange[] {
  if (!existing) return 'new';
  const changes: FieldChange[] = [];
  for (const f of DIFF_FIELDS) {
    if (f !== 'region' && !present(f)) continue;
    const to = valueOf(next, f);
    if (to === null || to === '' || (f === 'tags' && to === '')) continue;
    const from = valueOf(existing, f);
    if (from !== to) changes.push({ field: f, column: FIELD_LABELS[f], from, to });
  }
  return changes;
}
