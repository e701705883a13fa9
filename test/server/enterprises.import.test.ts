import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/enterprise/credit-code.ts';
import { buildRegion, buildUser, loginAs, makeCreditCode, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const HEADER = ['统一社会信用代码', '企业名称', '法定代表人', '所在区县', '登记机关', '成立日期', '注册资本（万元）', '行业代码', '地址', '从业人员', '营业收入（万元）', '资产总额（万元）', '资质/标签'];

function csv(rows: string[][]): Buffer {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return Buffer.from([HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'), 'utf8');
}

function multipart(file: Buffer, fileName: string) {
  const boundary = `----ys${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function world() {
  const city = await buildRegion(t.db, { name: `市-${randomUUID().slice(0, 6)}` });
  const east = await buildRegion(t.db, { parentId: city.id, name: `东城县${randomUUID().slice(0, 4)}` });
  const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  return { city, east, office };
}

const good = (code: string, name: string, county: string, employees = '120') => [code, name, '王伟', county, `${county}市场监督管理局`, '2018-06-01', '1000', '3484', `${county}人民路1号`, employees, '3500', '4000', '高新技术企业（有效期至2027-12-31）、规上'];

async function post(headers: AuthHeaders, file: Buffer, query = '', fileName = 'registry.csv') {
  const m = multipart(file, fileName);
  return t.app.inject({ method: 'POST', url: `/api/v1/enterprises/import${query}`, payload: m.payload, headers: { ...headers, ...m.headers } });
}

describe('POST /api/v1/enterprises/import', () => {
  it('should answer 401, 403 for leaders and units, 400 without a file or with a bad header', async () => {
    const w = await world();
    expect((await post({ cookie: '', 'x-csrf-token': '' }, csv([]))).statusCode).toBe(401);
    const leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: w.city.id }));
    expect((await post(leader, csv([good(makeCreditCode(), 'x', w.east.name)]))).statusCode).toBe(403);
    const noFile = await t.app.inject({ method: 'POST', url: '/api/v1/enterprises/import', headers: w.office, payload: {} });
    expect(noFile.statusCode).toBe(400);
    const badHeader = await post(w.office, Buffer.from('名称,地址\n甲,乙\n'));
    expect(badHeader.statusCode).toBe(400);
    expect(badHeader.json().error).toMatchObject({ code: 'ENT_IMPORT_HEADER', details: { missing: ['creditCode'] } });
    const unreadable = await post(w.office, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '', 'x.xlsx');
    expect(unreadable.json().error.code).toBe('ENT_IMPORT_UNREADABLE');
  });

  it('should report per row and cell on a dry run and write nothing; a real run with bad rows leaves nothing behind', async () => {
    const w = await world();
    const codes = [makeCreditCode(), makeCreditCode(), makeCreditCode()];
    const wrongCheck = codes[2].slice(0, 17) + (codes[2][17] === '0' ? '1' : '0');
    const file = csv([
      good(codes[0], '甲机械有限公司', w.east.name),
      good(codes[1], '乙商贸有限公司', w.east.name),
      good(wrongCheck, '丙科技有限公司', w.east.name),
      good(codes[0], '甲机械重复行', w.east.name),
      [...good(makeCreditCode(), '丁公司', '不存在县').slice(0, 7), '9999', '', '十二', '', '', ''],
    ]);
    const dry = await post(w.office, file, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report.counts).toEqual({ new: 2, changed: 0, unchanged: 0, refused: 3 });
    const refused = report.rows.filter((r: { status: string }) => r.status === 'refused');
    expect(refused.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([4, 5, 6]);
    expect(refused[0].issues[0]).toMatchObject({ column: '统一社会信用代码', message: expect.stringContaining(`应为 ${creditCodeCheckChar(wrongCheck.slice(0, 17))}`) });
    expect(refused[1].issues[0].message).toContain('与第 2 行');
    expect(refused[2].issues.map((i: { column: string }) => i.column)).toEqual(['所在区县', '从业人员', '行业代码']);

    const real = await post(w.office, file);
    expect(real.statusCode).toBe(400);
    expect(real.json().error).toMatchObject({ code: 'ENT_IMPORT_INVALID', details: { counts: { refused: 3 } } });
    const stored = await t.db.selectFrom('enterprises').select('id').where('credit_code', 'in', codes).execute();
    expect(stored).toEqual([]);
  });

  it('should upsert by credit code: re-importing next month updates, never duplicates, and keeps the timeline and audit', async () => {
    const w = await world();
    const codes = [makeCreditCode(), makeCreditCode()];
    const first = await post(w.office, csv([good(codes[0], '甲机械有限公司', w.east.name), good(codes[1], '乙软件有限公司', w.east.name, '8')]));
    expect(first.statusCode).toBe(200);
    expect(first.json().counts).toEqual({ new: 2, changed: 0, unchanged: 0, refused: 0 });
    const rows = await t.db.selectFrom('enterprises').select(['id', 'credit_code', 'region_id', 'industry_code', 'size_class', 'size_rule', 'version']).where('credit_code', 'in', codes).orderBy('credit_code').execute();
    expect(rows).toHaveLength(2);
    const jia = rows.find((r) => r.credit_code === codes[0])!;
    expect(jia).toMatchObject({ region_id: w.east.id, industry_code: 'C3484', size_class: 'small' });
    expect(jia.size_rule).toContain('工业');

    const next = csv([good(codes[0], '甲机械有限公司', w.east.name, '350'), good(codes[1], '乙软件有限公司', w.east.name, '8')]);
    const dry = await post(w.office, next, '?dryRun=true');
    expect(dry.json().counts).toEqual({ new: 0, changed: 1, unchanged: 1, refused: 0 });
    expect(dry.json().rows[0].changes).toEqual([{ field: 'employees', column: '从业人员', from: 120, to: 350 }]);
    expect((await post(w.office, next)).statusCode).toBe(200);
    const after = await t.db.selectFrom('enterprises').select(['id', 'size_class', 'version']).where('credit_code', 'in', codes).execute();
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.id === jia.id)).toMatchObject({ size_class: 'medium', version: 2 });
    const events = await t.db.selectFrom('enterprise_events').select('kind').where('enterprise_id', '=', jia.id).orderBy('at').execute();
    expect(events.map((e) => e.kind)).toEqual(['registry.imported', 'registry.updated']);
    const tags = await t.db.selectFrom('enterprise_tags').select('tag').where('enterprise_id', '=', jia.id).orderBy('tag').execute();
    expect(tags.map((x) => x.tag)).toEqual(['规上', '高新技术企业']);
    const audits = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('action', '=', 'import').where('actor_name', 'like', 'office-%').execute();
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('should read .xlsx and resolve the county from the 登记机关 alone', async () => {
    const w = await world();
    const code = makeCreditCode();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(['统一社会信用代码', '企业名称', '登记机关', '成立日期', '行业代码']);
    ws.addRow([code, '戊建设有限公司', `${w.east.name}市场监督管理局`, new Date(Date.UTC(2015, 2, 9)), '4710']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await post(w.office, file, '', 'registry.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.db.selectFrom('enterprises').select(['region_id', 'industry_code']).where('credit_code', '=', code).executeTakeFirstOrThrow();
    expect(row).toEqual({ region_id: w.east.id, industry_code: 'E4710' });
  });

  it('should refuse rows of enterprises registered outside the office subtree', async () => {
    const w = await world();
    const other = await world();
    const code = makeCreditCode();
    expect((await post(other.office, csv([good(code, '己公司', other.east.name)]))).statusCode).toBe(200);
    const res = await post(w.office, csv([good(code, '己公司', w.east.name)]), '?dryRun=true');
    expect(res.json().rows[0]).toMatchObject({ status: 'refused', issues: [{ message: '该企业登记在本辖区以外，无权更新' }] });
  });
});
