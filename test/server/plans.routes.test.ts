import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_UPLOAD_MAX_BYTES } from '../../src/server/commands/plan-importer.ts';
import type { Region, Unit } from '../../src/server/db/schema.ts';
import { BREAKDOWN_COLUMNS } from '../../src/server/exports/plan-breakdown-xlsx.ts';
import { buildRegion, buildUnit, buildUser, loginAs, withoutCsrf, type AuthHeaders, type BuiltUser } from '../helpers/factories.ts';
import { createTestApp, ROOT, type TestApp } from '../helpers/test-app.ts';
import { SMALL_PLAN, multipart, seedBytes } from './plans-helpers.ts';

let t: TestApp;
let city: Region;
let county: Region;
let otherCity: Region;
const units: Record<string, Unit> = {};
let office: BuiltUser;
let officeH: AuthHeaders;
let leaderH: AuthHeaders;
let countyOfficeH: AuthHeaders;
let otherOfficeH: AuthHeaders;
let unitUserH: AuthHeaders;
let adminH: AuthHeaders;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildRegion(t.db, { name: '示范市' });
  county = await buildRegion(t.db, { parentId: city.id, name: '东城县' });
  otherCity = await buildRegion(t.db, { name: '别的市' });
  const unitSeeds: [string, string, string[]][] = [
    ['ndrc', '示范市发展和改革委员会', []],
    ['market', '示范市市场监督管理局', ['市监局']],
    ['hr', '示范市人力资源和社会保障局', []],
    ['police', '示范市公安局', []],
    ['justice', '示范市司法局', []],
    ['business', '示范市营商环境建设局', []],
    ['data', '示范市大数据中心', []],
  ];
  for (const [key, name, aliases] of unitSeeds) units[key] = await buildUnit(t.db, { regionId: city.id, name, aliases });
  units.foreign = await buildUnit(t.db, { regionId: otherCity.id, name: '别的市司法局' });
  office = await buildUser(t.db, { role: 'office', regionId: city.id });
  officeH = await loginAs(t.app, office);
  leaderH = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
  countyOfficeH = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: county.id }));
  otherOfficeH = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: otherCity.id }));
  unitUserH = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: units.market.id }));
  adminH = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
});
afterAll(async () => {
  await t?.close();
});

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string> | undefined, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as string }) });

async function importSmall(headers = officeH, text = SMALL_PLAN) {
  const res = await inject('POST', '/api/v1/plans', headers, { text, sourceName: '小方案.txt' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The detail as the review page sends it back (ids kept, unit names echoed). */
function toSaveBody(plan: any) {
  return {
    version: plan.version,
    title: plan.title,
    issuer: plan.issuer,
    regionName: plan.regionName,
    issuedOn: plan.issuedOn,
    baseYear: plan.baseYear,
    defaultUnits: plan.defaultUnits,
    goals: plan.goals,
    measures: plan.measures.map(({ policies: _p, ...m }: any) => m),
  };
}

function expectValidation(res: { statusCode: number; json(): any }, label: string) {
  expect(res.statusCode, label).toBe(400);
  expect(res.json().error.code, label).toBe('VALIDATION');
}

describe('POST /api/v1/plans/parse', () => {
  it('should refuse without a session (401) and without the CSRF header (403)', async () => {
    expect((await inject('POST', '/api/v1/plans/parse', undefined, { text: SMALL_PLAN })).statusCode).toBe(401);
    const res = await inject('POST', '/api/v1/plans/parse', withoutCsrf(officeH), { text: SMALL_PLAN });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_CSRF');
  });

  it('should answer 400 per invalid field', async () => {
    for (const payload of [{ text: '' }, { text: SMALL_PLAN, year: '2024' }, { text: SMALL_PLAN, year: 1800 }, { text: SMALL_PLAN, regionId: 'x' }, { text: SMALL_PLAN, extra: 1 }, { text: 5 }]) {
      expectValidation(await inject('POST', '/api/v1/plans/parse', officeH, payload), JSON.stringify(payload).slice(0, 60));
    }
    const none = await inject('POST', '/api/v1/plans/parse', officeH, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'PLAN_SOURCE_MISSING', message: '请上传方案文件或粘贴方案文本' });
  });

  it('should refuse leaders and unit users (403) and a region outside the subtree (404)', async () => {
    expect((await inject('POST', '/api/v1/plans/parse', leaderH, { text: SMALL_PLAN })).json().error.code).toBe('FORBIDDEN');
    expect((await inject('POST', '/api/v1/plans/parse', unitUserH, { text: SMALL_PLAN })).statusCode).toBe(403);
    const res = await inject('POST', '/api/v1/plans/parse', officeH, { text: SMALL_PLAN, regionId: otherCity.id });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details).toEqual({ field: 'regionId' });
    const admin = await inject('POST', '/api/v1/plans/parse', adminH, { text: SMALL_PLAN });
    expect(admin.json().error.code).toBe('PLAN_REGION_REQUIRED');
  });

  it('should preview a seed upload well under a second, with resolutions and nothing stored', async () => {
    const before = await t.db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const form = multipart({ year: '2022' }, { name: '000_a0dae0c289e22a56.txt', data: seedBytes('000_a0dae0c289e22a56.txt'), type: 'text/plain' });
    // The first document starts the worker thread (the pool is created lazily): not part of the parse time.
    expect((await inject('POST', '/api/v1/plans/parse', officeH, { text: SMALL_PLAN })).statusCode).toBe(200);
    const started = performance.now();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans/parse', headers: { ...officeH, ...form.headers }, payload: form.payload });
    const ms = performance.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.format).toBe('txt');
    expect(body.sourceName).toBe('000_a0dae0c289e22a56.txt');
    expect(body.plan.measures.length).toBeGreaterThan(20);
    expect(body.plan.baseYear).toBe(2022);
    expect(body.sourceText.length).toBeGreaterThan(5000);
    expect(body.resolutions.length).toBeGreaterThan(10);
    expect(body.resolutions.some((r: any) => r.match?.unitId === units.ndrc.id)).toBe(true);
    expect(ms).toBeLessThan(1000);
    const after = await t.db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('should map unreadable files to the PLAN_READ_* codes with the Chinese message', async () => {
    const png = multipart({}, { name: 'scan.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans/parse', headers: { ...officeH, ...png.headers }, payload: png.payload });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'PLAN_READ_UNSUPPORTED', message: '不支持的文件格式：请上传 .docx、.doc、.pdf、.html 或 .txt 文件。' });
    const badDocx = multipart({}, { name: 'plan.docx', data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/ broken zip')]) });
    const corrupt = await t.app.inject({ method: 'POST', url: '/api/v1/plans/parse', headers: { ...officeH, ...badDocx.headers }, payload: badDocx.payload });
    expect(corrupt.statusCode).toBe(422);
    expect(corrupt.json().error.code).toBe('PLAN_READ_CORRUPT');
  });

  it('should refuse a file over the upload limit with 413', async () => {
    const big = multipart({}, { name: 'big.txt', data: Buffer.alloc(PLAN_UPLOAD_MAX_BYTES + 10, 0x61) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans/parse', headers: { ...officeH, ...big.headers }, payload: big.payload });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PLAN_READ_TOO_LARGE');
  });
});

describe('POST /api/v1/plans', () => {
  it('should walk the ladder: 401, 400, 403, then 201 with resolved units and printed text kept', async () => {
    expect((await inject('POST', '/api/v1/plans', undefined, { text: SMALL_PLAN })).statusCode).toBe(401);
    expectValidation(await inject('POST', '/api/v1/plans', officeH, { text: SMALL_PLAN, sourceName: '' }), 'sourceName');
    expect((await inject('POST', '/api/v1/plans', leaderH, { text: SMALL_PLAN })).statusCode).toBe(403);
    const plan = await importSmall();
    expect(plan).toMatchObject({ status: 'draft', version: 1, regionId: city.id, sourceName: '小方案.txt', sourceFormat: 'paste', baseYear: 2024 });
    expect(plan.policies).toEqual({ update: true, delete: true, publish: true, resolveUnits: true });
    const [m1, m2, m3] = plan.measures;
    expect(m1.leadUnits).toEqual([{ printed: '市发改委', unitId: units.ndrc.id, unitName: '示范市发展和改革委员会' }]);
    expect(m1.cooperatingUnits).toEqual([
      { printed: '市监局', unitId: units.market.id, unitName: '示范市市场监督管理局' },
      { printed: '市人社局', unitId: units.hr.id, unitName: '示范市人力资源和社会保障局' },
    ]);
    expect(m2.leadUnits).toEqual([
      { printed: '市公安局', unitId: units.police.id, unitName: '示范市公安局' },
      { printed: '司法局', unitId: units.justice.id, unitName: '示范市司法局' },
    ]);
    expect(m3.leadUnits).toEqual([{ printed: '市营商环境服务中心', unitId: null, unitName: null }]);
    expect(m1.deadlines[0].date).toBe('2024-06-30');
    expect(m1.targets[0]).toMatchObject({ metric: '企业开办时间', op: '<=', value: 0.5, unit: '个工作日' });
    expect(plan.sourceText.slice(m1.span.start, m1.span.end)).toContain('推行企业开办一网通办');
  });

  it('should import an uploaded .docx (year from the query) into the same measures as the text', async () => {
    const text = seedBytes('003_cb3a23dda335a852.txt').toString('utf8');
    const doc = new Document({ sections: [{ children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line.trim())] })) }] });
    const form = multipart({}, { name: '巴州方案.docx', data: await Packer.toBuffer(doc) });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans?year=2022', headers: { ...officeH, ...form.headers }, payload: form.payload });
    expect(res.statusCode, res.body).toBe(201);
    const fromDocx = res.json();
    expect(fromDocx.sourceFormat).toBe('docx');
    expect(fromDocx.sourceName).toBe('巴州方案.docx');
    const fromText = (await inject('POST', '/api/v1/plans/parse', officeH, { text, year: 2022 })).json();
    expect(fromDocx.measures.map((m: any) => m.number)).toEqual(fromText.plan.measures.map((m: any) => m.id));
    expect(fromDocx.measures.map((m: any) => m.leadUnits.map((u: any) => u.printed))).toEqual(fromText.plan.measures.map((m: any) => m.leadUnits));
  });

  it('should write an audit row for the import in the plan region', async () => {
    const plan = await importSmall();
    const rows = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'region_id', 'after']).where('entity', '=', 'plan').where('entity_id', '=', plan.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'import', actor_id: office.id, region_id: city.id });
    expect((rows[0].after as any).measureCount).toBe(3);
  });
});

describe('GET /api/v1/plans and /api/v1/plans/:id', () => {
  it('should walk the ladder and keep plans inside the region subtree', async () => {
    const plan = await importSmall();
    expect((await inject('GET', '/api/v1/plans', undefined)).statusCode).toBe(401);
    expectValidation(await inject('GET', '/api/v1/plans?status=open', officeH), 'status');
    expectValidation(await inject('GET', '/api/v1/plans?pageSize=0', officeH), 'pageSize');
    expect((await inject('GET', `/api/v1/plans/${plan.id}`, undefined)).statusCode).toBe(401);
    expectValidation(await inject('GET', '/api/v1/plans/not-a-uuid', officeH), 'id');
    expect((await inject('GET', `/api/v1/plans/${randomUUID()}`, officeH)).statusCode).toBe(404);

    const mine = (await inject('GET', '/api/v1/plans?q=示范市2024', officeH)).json();
    const item = mine.items.find((p: any) => p.id === plan.id);
    expect(item).toMatchObject({ title: plan.title, status: 'draft', measureCount: 3, regionName: '示范市' });
    expect((await inject('GET', `/api/v1/plans/${plan.id}`, leaderH)).json().policies.update).toBe(false);

    // An office of another city, a county office below, and a unit user (draft) do not see it.
    for (const headers of [otherOfficeH, countyOfficeH, unitUserH]) {
      expect((await inject('GET', `/api/v1/plans/${plan.id}`, headers)).json().error).toEqual({ code: 'NOT_FOUND', message: '记录不存在或无权访问', details: null });
      expect((await inject('GET', '/api/v1/plans?pageSize=200', headers)).json().items.some((p: any) => p.id === plan.id)).toBe(false);
    }
  });

  it('should let a unit user read a published plan of its region', async () => {
    const plan = await importSmall();
    await t.db.updateTable('plans').set({ status: 'published', published_at: new Date() }).where('id', '=', plan.id).execute();
    const res = await inject('GET', `/api/v1/plans/${plan.id}`, unitUserH);
    expect(res.statusCode).toBe(200);
    expect(res.json().policies).toEqual({ update: false, delete: false, publish: false, resolveUnits: false });
    expect((await inject('GET', '/api/v1/plans?status=published', unitUserH)).json().items.map((p: any) => p.id)).toContain(plan.id);
    expect((await inject('GET', `/api/v1/plans/${plan.id}`, otherOfficeH)).statusCode).toBe(404);
  });
});

describe('PUT /api/v1/plans/:id', () => {
  it('should answer 401, 400 per invalid field, 403 and 404 before saving', async () => {
    const plan = await importSmall();
    const body = toSaveBody(plan);
    const url = `/api/v1/plans/${plan.id}`;
    expect((await inject('PUT', url, undefined, body)).statusCode).toBe(401);
    const broken: [string, (b: any) => void][] = [
      ['version missing', (b) => delete b.version],
      ['version as text', (b) => (b.version = '1')],
      ['empty measure text', (b) => (b.measures[0].text = '')],
      ['unit id not a uuid', (b) => (b.measures[0].leadUnits[0].unitId = 'u1')],
      ['empty printed unit', (b) => (b.measures[0].leadUnits[0].printed = '')],
      ['target op', (b) => (b.measures[0].targets = [{ text: '≤1天', metric: '企业开办时间', op: '<', value: 1, unit: '天', by: null }])],
      ['target value', (b) => (b.measures[0].targets = [{ text: '≤1天', metric: '企业开办时间', op: '<=', value: '1', unit: '天', by: null }])],
      ['deadline date', (b) => (b.measures[0].deadlines = [{ text: '年底前', date: '2024-13-40' }])],
      ['unknown field', (b) => (b.status = 'published')],
      ['base year', (b) => (b.baseYear = 20240)],
    ];
    for (const [label, breakIt] of broken) {
      const copy = structuredClone(body);
      breakIt(copy);
      expectValidation(await inject('PUT', url, officeH, copy), label);
    }
    expect((await inject('PUT', url, leaderH, body)).json().error.code).toBe('FORBIDDEN');
    expect((await inject('PUT', url, otherOfficeH, body)).statusCode).toBe(404);
    expect((await inject('PUT', `/api/v1/plans/${randomUUID()}`, officeH, body)).statusCode).toBe(404);
    const foreign = structuredClone(body);
    foreign.measures[2].leadUnits[0].unitId = units.foreign.id;
    const res = await inject('PUT', url, officeH, foreign);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'PLAN_UNIT_UNKNOWN', details: { field: 'body.measures.2.leadUnits.0.unitId' } });
    expect((await inject('GET', url, officeH)).json().version).toBe(1);
  });

  it('should apply a unit fixed once for a printed name (全篇默认) to the same name inside the measures', async () => {
    const plan = await importSmall();
    const url = `/api/v1/plans/${plan.id}`;
    const body = toSaveBody(plan);
    body.measures[2].leadUnits[0] = { printed: '市营商环境服务中心', unitId: null, unitName: null };
    body.defaultUnits = [{ printed: '市营商环境服务中心', unitId: units.business.id, unitName: null }];
    const saved = await inject('PUT', url, officeH, body);
    expect(saved.statusCode, saved.body).toBe(200);
    const reloaded = (await inject('GET', url, officeH)).json();
    expect(reloaded.measures[2].leadUnits[0]).toEqual({ printed: '市营商环境服务中心', unitId: units.business.id, unitName: '示范市营商环境建设局' });
  });

  it('should save an edit (unit changed, measure split), survive a reload and refuse a stale version with 409', async () => {
    const plan = await importSmall();
    const url = `/api/v1/plans/${plan.id}`;
    const body = toSaveBody(plan);
    // The reviewer picks the suggested unit for the unresolved name, keeping the printed text.
    body.measures[2].leadUnits[0] = { printed: '市营商环境服务中心', unitId: units.business.id, unitName: '示范市营商环境建设局' };
    // ...and splits measure 2 in two, each half with one lead unit.
    const m2 = body.measures[1];
    const half = { ...structuredClone(m2), id: undefined, number: '2-2', text: '司法局负责的部分。', leadUnits: [m2.leadUnits[1]], span: null };
    m2.leadUnits = [m2.leadUnits[0]];
    body.measures.splice(2, 0, half);
    body.title = '示范市2024年优化营商环境行动方案（审核稿）';
    const saved = await inject('PUT', url, officeH, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(2);

    const reloaded = (await inject('GET', url, officeH)).json();
    expect(reloaded.title).toBe('示范市2024年优化营商环境行动方案（审核稿）');
    expect(reloaded.measures.map((m: any) => [m.seq, m.number])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '2-2'],
      [4, '3'],
    ]);
    expect(reloaded.measures[0].id).toBe(plan.measures[0].id);
    expect(reloaded.measures[1].id).toBe(plan.measures[1].id);
    expect(reloaded.measures[2].id).not.toBe(plan.measures[1].id);
    expect(reloaded.measures[3].leadUnits).toEqual([{ printed: '市营商环境服务中心', unitId: units.business.id, unitName: '示范市营商环境建设局' }]);
    expect(reloaded.measures[2].leadUnits).toEqual([{ printed: '司法局', unitId: units.justice.id, unitName: '示范市司法局' }]);

    const stale = await inject('PUT', url, officeH, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toEqual({ code: 'PLAN_VERSION_CONFLICT', message: '方案已被他人修改，请刷新后再保存', details: { currentVersion: 2 } });

    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', plan.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['import', 'update']);
    expect((audit[1].before as any).measureCount).toBe(3);
    expect((audit[1].after as any).measureCount).toBe(4);
    expect((audit[1].after as any).measures[3].leadUnits).toEqual([`市营商环境服务中心=${units.business.id}`]);
  });

  it('should refuse to edit or delete a plan that is no longer a draft', async () => {
    const plan = await importSmall();
    await t.db.updateTable('plans').set({ status: 'published' }).where('id', '=', plan.id).execute();
    const res = await inject('PUT', `/api/v1/plans/${plan.id}`, officeH, toSaveBody(plan));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PLAN_NOT_DRAFT');
    expect((await inject('DELETE', `/api/v1/plans/${plan.id}`, officeH)).json().error.code).toBe('PLAN_NOT_DRAFT');
  });
});

describe('DELETE /api/v1/plans/:id', () => {
  it('should walk the ladder, delete the draft with its measures and audit it', async () => {
    const plan = await importSmall();
    const url = `/api/v1/plans/${plan.id}`;
    expect((await inject('DELETE', url, undefined)).statusCode).toBe(401);
    expectValidation(await inject('DELETE', '/api/v1/plans/nope', officeH), 'id');
    expect((await inject('DELETE', url, leaderH)).statusCode).toBe(403);
    expect((await inject('DELETE', url, otherOfficeH)).statusCode).toBe(404);
    expect((await inject('DELETE', url, officeH)).statusCode).toBe(204);
    expect((await inject('GET', url, officeH)).statusCode).toBe(404);
    const left = await t.db.selectFrom('plan_measures').select('id').where('plan_id', '=', plan.id).execute();
    expect(left).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', plan.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['import', 'delete']);
  });
});

describe('POST /api/v1/plans/:id/resolve-units', () => {
  it('should return matches (alias, dictionary, shorthand) and ranked suggestions per printed name', async () => {
    const plan = await importSmall();
    const url = `/api/v1/plans/${plan.id}/resolve-units`;
    expect((await inject('POST', url, undefined, {})).statusCode).toBe(401);
    expectValidation(await inject('POST', '/api/v1/plans/x/resolve-units', officeH, {}), 'id');
    expect((await inject('POST', url, otherOfficeH, {})).statusCode).toBe(404);
    const res = await inject('POST', url, officeH, {});
    expect(res.statusCode).toBe(200);
    const byPrinted = new Map(res.json().items.map((i: any) => [i.printed, i]));
    expect(byPrinted.get('市监局')).toMatchObject({ match: { unitId: units.market.id, how: 'alias', unitName: '示范市市场监督管理局' } });
    expect(byPrinted.get('市发改委')).toMatchObject({ match: { unitId: units.ndrc.id, how: 'dictionary' } });
    expect(byPrinted.get('司法局')).toMatchObject({ expanded: '市司法局', match: { unitId: units.justice.id, how: 'shorthand' } });
    const open: any = byPrinted.get('市营商环境服务中心');
    expect(open.match).toBeNull();
    expect(open.suggestions[0]).toMatchObject({ unitId: units.business.id, unitName: '示范市营商环境建设局', regionName: '示范市' });
    expect(open.suggestions.every((s: any, i: number, all: any[]) => i === 0 || all[i - 1].score >= s.score)).toBe(true);
    // Units of other regions are never offered.
    expect(res.json().items.flatMap((i: any) => [i.match?.unitId, ...i.suggestions.map((s: any) => s.unitId)])).not.toContain(units.foreign.id);
  });

  it('should pick up a unit created through the units API on the next resolution', async () => {
    const plan = await importSmall();
    const created = await inject('POST', '/api/v1/units', officeH, { name: '示范市营商环境服务中心', kind: 'department', regionId: city.id });
    expect(created.statusCode, created.body).toBe(201);
    const items = (await inject('POST', `/api/v1/plans/${plan.id}/resolve-units`, officeH, {})).json().items;
    expect(items.find((i: any) => i.printed === '市营商环境服务中心').match.unitId).toBe(created.json().id);
    await inject('DELETE', `/api/v1/units/${created.json().id}`, officeH);
  });
});

describe('exports', () => {
  it('should stream the 任务分解表 with a Chinese file name, registry names for resolved units', async () => {
    const plan = await importSmall();
    const url = `/api/v1/plans/${plan.id}/breakdown.xlsx`;
    expect((await inject('GET', url, undefined)).statusCode).toBe(401);
    expect((await inject('GET', url, otherOfficeH)).statusCode).toBe(404);
    const res = await inject('GET', url, leaderH);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain('filename="breakdown.xlsx"');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('示范市2024年优化营商环境行动方案-任务分解表.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows.findIndex((r) => r[0] === BREAKDOWN_COLUMNS[0]);
    expect(rows[header]).toEqual([...BREAKDOWN_COLUMNS]);
    const body = rows.slice(header + 1);
    expect(body).toHaveLength(3);
    expect(body[0][3]).toBe('示范市发展和改革委员会');
    expect(body[0][4]).toContain('示范市市场监督管理局');
    expect(body[2][3]).toBe('市营商环境服务中心');
    expect(body[0][6]).toContain('企业开办时间');
  });

  it('should export plan.json that validates against the plan-format schema', async () => {
    const plan = await importSmall();
    const res = await inject('GET', `/api/v1/plans/${plan.id}/plan.json`, officeH);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const json = res.json();
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/plan-format/plan.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    const validate = ajv.compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.measures[0]).toMatchObject({ id: '1', leadUnits: ['市发改委'], leadUnitIds: [units.ndrc.id] });
    // The same check must be able to fail.
    expect(validate({ ...json, measures: [{ ...json.measures[0], leadUnits: [{ printed: 'x' }] }] })).toBe(false);
  });
});
