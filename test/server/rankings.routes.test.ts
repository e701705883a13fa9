import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, createWorkingCalendar } from '../../src/core/calendar/index.ts';
import { effectiveDueDate, reportDueDates } from '../../src/core/supervision/index.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { BULLETIN_RANKING_HEADERS } from '../../src/server/exports/bulletin-docx.ts';
import { LEDGER_KPI_SHEET, LEDGER_SHEET } from '../../src/server/exports/ledger-xlsx.ts';
import { docxTables, readZipEntry } from '../../src/server/exports/zip-entry.ts';
import { officeToday } from '../../src/server/modules/supervision/supervision.clock.ts';
import { buildRegion, buildUnit, buildUser, loginAs, withoutCsrf, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { multipart } from './plans-helpers.ts';

/*
 * One city plan with tasks for unit A (city), B and C (county X), built row by row so that every count is known:
 *   A1 closed on time · A2 closed late · A3 overdue (red) · A4 overdue but an approved extension still runs · A5 open (KPI 50%)
 *   B1 closed on time (KPI 100%) · B2 open, signed · B3 overdue (red) · C1 open (one task: listed, not ranked)
 */
let t: TestApp;
let today: string;
let ids: Record<string, string>;
let planId: string;
let cityOffice: AuthHeaders;
let countyOffice: AuthHeaders;
let leader: AuthHeaders;
let unitB: AuthHeaders;
let unitA: AuthHeaders;

const START = (d: string) => addDays(d, -90);

async function insertTask(db: Kysely<Database>, v: {
  unitId: string;
  regionId: string;
  measureId: string;
  due: string | null;
  extended?: string | null;
  status?: 'assigned' | 'signed' | 'in_progress' | 'closed';
  completedOn?: string | null;
  onTime?: boolean | null;
  light?: 'green' | 'yellow' | 'red' | 'grey' | 'done';
}) {
  const { id } = await db
    .insertInto('tasks')
    .values({
      region_id: v.regionId,
      unit_id: v.unitId,
      plan_id: planId,
      measure_id: v.measureId,
      status: v.status ?? 'in_progress',
      start_on: START(today),
      due_date: v.due,
      extended_due_date: v.extended ?? null,
      // What the light computation stores (the rows are written as computed today).
      effective_due_date: v.due ? effectiveDueDate({ due: v.due, extendedTo: v.extended ?? null }, createWorkingCalendar()) : null,
      cycle: 'monthly',
      nth_working_day: 5,
      due_soon_days: 3,
      progress_lag_pct: 20,
      signed_at: v.status === 'assigned' ? null : new Date(),
      closed_at: v.status === 'closed' ? new Date(`${v.completedOn}T12:00:00+08:00`) : null,
      completed_on: v.completedOn ?? null,
      completed_on_time: v.onTime ?? null,
      light: v.light ?? (v.status === 'closed' ? 'done' : 'green'),
      reasons: JSON.stringify([{ code: 'ON_TRACK', severity: v.light ?? 'green', message: `测试原因-${v.light ?? 'green'}`, params: {} }]),
      light_computed_on: today,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ env: process.env.YS_DEBUG ? { YINGSHANG_LOG_LEVEL: 'error' } : {} });
  today = officeToday(new Date());
  const city = await buildRegion(t.db, { kind: 'city', name: '示范市' });
  const county = await buildRegion(t.db, { parentId: city.id, kind: 'county', name: '东县' });
  const a = await buildUnit(t.db, { regionId: city.id, name: '市市场监管局' });
  const b = await buildUnit(t.db, { regionId: county.id, name: '东县税务局' });
  const c = await buildUnit(t.db, { regionId: county.id, name: '东县档案馆' });
  cityOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  countyOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: county.id }));
  leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
  unitA = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: a.id }));
  unitB = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: b.id }));

  ({ id: planId } = await t.db
    .insertInto('plans')
    .values({
      region_id: city.id, title: '示范市优化营商环境行动方案', issuer: null, region_name: '示范市', issued_on: null, base_year: 2026, status: 'published', source_name: 't.txt', source_format: 'txt', source_text: '…',
      default_units: '[]', goals: '[]', issues: '[]', created_by: null, updated_at: new Date(), published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow());
  const names = ['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2', 'B3', 'C1'];
  const measures: Record<string, string> = {};
  for (const [i, n] of names.entries()) {
    const m = await t.db
      .insertInto('plan_measures')
      .values({
        plan_id: planId, seq: i + 1, number: String(i + 1), section: i < 5 ? '一、提升政务服务' : '二、优化税费服务', title: null, text: `任务${n}的内容`,
        lead_units: '[]', cooperating_units: '[]', deadlines: '[]', targets: '[]', span_start: null, span_end: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    measures[n] = m.id;
  }
  const A = { unitId: a.id, regionId: city.id };
  const B = { unitId: b.id, regionId: county.id };
  ids = {
    A1: await insertTask(t.db, { ...A, measureId: measures.A1, due: addDays(today, -5), status: 'closed', completedOn: addDays(today, -10), onTime: true }),
    A2: await insertTask(t.db, { ...A, measureId: measures.A2, due: addDays(today, -6), status: 'closed', completedOn: addDays(today, -3), onTime: false }),
    A3: await insertTask(t.db, { ...A, measureId: measures.A3, due: createWorkingCalendar().addWorkingDays(today, -2), light: 'red' }),
    A4: await insertTask(t.db, { ...A, measureId: measures.A4, due: addDays(today, -20), extended: addDays(today, 30), light: 'yellow' }),
    A5: await insertTask(t.db, { ...A, measureId: measures.A5, due: addDays(today, 60) }),
    B1: await insertTask(t.db, { ...B, measureId: measures.B1, due: addDays(today, -4), status: 'closed', completedOn: addDays(today, -8), onTime: true }),
    B2: await insertTask(t.db, { ...B, measureId: measures.B2, due: addDays(today, 10), status: 'signed', light: 'yellow' }),
    B3: await insertTask(t.db, { ...B, measureId: measures.B3, due: createWorkingCalendar().addWorkingDays(today, -1), light: 'red' }),
    C1: await insertTask(t.db, { unitId: c.id, regionId: county.id, measureId: measures.C1, due: addDays(today, 100) }),
  };
  await t.db.insertInto('task_kpis').values([
    { task_id: ids.A5, seq: 1, metric: '企业开办时间', op: '<=', target: 1, unit: '个工作日', actual: 2, attainment: 0.5 },
    { task_id: ids.B1, seq: 1, metric: '网办率', op: '>=', target: 90, unit: '%', actual: 95, attainment: 1 },
    { task_id: ids.B2, seq: 1, metric: '退税时间', op: '<=', target: 3, unit: '天', actual: null, attainment: null },
  ]).execute();
  // A3 delivered the first two monthly reports on time.
  const due = reportDueDates({ cycle: 'monthly', nthWorkingDay: 5, from: START(today), to: addDays(today, -2) }, createWorkingCalendar()).filter((d) => d.due < today);
  for (const d of due.slice(0, 2)) {
    await t.db.insertInto('reports').values({
      task_id: ids.A3, region_id: city.id, unit_id: a.id, period: d.key, period_label: d.label, due_on: d.due, status: 'accepted',
      summary: '按期推进', progress: 30, fill_seconds: 120, field_count: 3, submitted_at: new Date(`${d.due}T09:00:00+08:00`), on_time: true, updated_at: new Date(),
    }).execute();
  }
});

afterAll(async () => {
  await t?.close();
});

type Ranked = { unitName: string; rank: number | null; tasks: number; done: number; onTime: number; overdue: number; excluded: number; reportsOnTime: number; reportsDue: number; flagged: string | null; kpiAttainmentAvg: number | null; score: number | null };
const byName = (items: Ranked[]) => Object.fromEntries(items.map((i) => [i.unitName, i]));

describe('GET /api/v1/rankings', () => {
  it('should answer 401 without a session and 400 for a bad query', async () => {
    expect((await t.app.inject({ url: '/api/v1/rankings' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/rankings?by=planet', headers: cityOffice })).json().error.code).toBe('VALIDATION');
    expect((await t.app.inject({ url: '/api/v1/rankings?planId=nope', headers: cityOffice })).json().error.code).toBe('VALIDATION');
    expect((await t.app.inject({ url: '/api/v1/rankings?from=2026-13-45x', headers: cityOffice })).statusCode).toBe(400);
  });

  it('should count per unit, leave out running extensions, and flag a unit with one task instead of ranking it', async () => {
    const res = await t.app.inject({ url: `/api/v1/rankings?planId=${planId}`, headers: cityOffice });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const rows = byName(body.items);
    expect(rows['市市场监管局']).toMatchObject({ tasks: 4, done: 2, onTime: 1, overdue: 1, excluded: 1, kpiAttainmentAvg: 0.5, reportsOnTime: 2 });
    expect(rows['市市场监管局'].reportsDue).toBeGreaterThanOrEqual(2);
    expect(rows['东县税务局']).toMatchObject({ tasks: 3, done: 1, onTime: 1, overdue: 1, excluded: 0, kpiAttainmentAvg: 1, reportsOnTime: 0 });
    expect(rows['东县档案馆']).toMatchObject({ tasks: 1, rank: null, flagged: 'few-tasks' });
    expect(body.items.map((i: Ranked) => i.rank)).toEqual([1, 2, null]);
    expect(body.policies).toEqual({ updateWeights: true });
    expect(body.weights).toEqual({ completion: 30, onTime: 25, overdue: 15, reporting: 15, kpi: 15 });
  });

  it('should rank counties by region', async () => {
    const res = await t.app.inject({ url: `/api/v1/rankings?planId=${planId}&by=region`, headers: cityOffice });
    const rows = byName(res.json().items);
    expect(rows['示范市']).toMatchObject({ tasks: 4, done: 2 });
    expect(rows['东县']).toMatchObject({ tasks: 4, done: 1, overdue: 1 });
  });

  it('should show a county office and a unit of that county only the county, and let neither change weights', async () => {
    for (const headers of [countyOffice, unitB]) {
      const res = await t.app.inject({ url: `/api/v1/rankings?planId=${planId}`, headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: Ranked) => i.unitName).sort()).toEqual(['东县档案馆', '东县税务局']);
    }
    expect((await t.app.inject({ url: '/api/v1/rankings', headers: unitB })).json().policies.updateWeights).toBe(false);
  });
});

describe('PUT /api/v1/ranking-weights', () => {
  const put = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'PUT', url: '/api/v1/ranking-weights', headers, payload });
  const weights = { completion: 0, onTime: 0, overdue: 0, reporting: 0, kpi: 1 };

  it('should walk the ladder: 401, CSRF, 400 per field, 403 for leader and unit', async () => {
    expect((await put({}, { weights })).statusCode).toBe(401);
    expect((await put(withoutCsrf(cityOffice), { weights })).json().error.code).toBe('AUTH_CSRF');
    for (const bad of [{}, { weights: { ...weights, kpi: -1 } }, { weights: { ...weights, luck: 1 } }, { weights: { completion: 1 } }, { weights, minTasks: -1 }, { weights, regionId: 'x' }]) {
      expect((await put(cityOffice, bad)).json().error.code, JSON.stringify(bad)).toBe('VALIDATION');
    }
    expect((await put(leader, { weights })).statusCode).toBe(403);
    expect((await put(unitB, { weights })).statusCode).toBe(403);
  });

  it('should reorder the ranking by the new weights and audit the change', async () => {
    // Completion only: A (2 of 4) before B (1 of 3).
    expect((await put(cityOffice, { weights: { completion: 1, onTime: 0, overdue: 0, reporting: 0, kpi: 0 } })).statusCode).toBe(200);
    const before = (await t.app.inject({ url: `/api/v1/rankings?planId=${planId}`, headers: cityOffice })).json();
    expect(before.items.map((i: Ranked) => [i.unitName, i.score])).toEqual([
      ['市市场监管局', 50],
      ['东县税务局', 33.33],
      ['东县档案馆', 0],
    ]);
    const res = await put(cityOffice, { weights, minTasks: 1 });
    expect(res.statusCode).toBe(200);
    const after = (await t.app.inject({ url: `/api/v1/rankings?planId=${planId}`, headers: cityOffice })).json();
    expect(after.weights).toEqual(weights);
    expect(after.minTasks).toBe(1);
    // Only KPIs count now: B (100%) before A (50%); C has no KPI and nothing else weighs, so it cannot be scored.
    expect(after.items.map((i: Ranked) => [i.unitName, i.rank, i.flagged])).toEqual([
      ['东县税务局', 1, null],
      ['市市场监管局', 2, null],
      ['东县档案馆', null, 'no-score'],
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity', 'after']).where('entity', '=', 'ranking_weights').execute();
    expect(audit).toHaveLength(2);
    // Back to the defaults for the other tests.
    expect((await put(cityOffice, { weights: { completion: 30, onTime: 25, overdue: 15, reporting: 15, kpi: 15 }, minTasks: 3 })).statusCode).toBe(200);
  });
});

describe('GET /api/v1/dashboard', () => {
  it('should aggregate the tasks in scope', async () => {
    expect((await t.app.inject({ url: '/api/v1/dashboard' })).statusCode).toBe(401);
    const res = await t.app.inject({ url: `/api/v1/dashboard?planId=${planId}`, headers: cityOffice });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.totals).toMatchObject({ tasks: 9, done: 3, overdue: 2 });
    expect(d.byChapter).toEqual([
      { section: '一、提升政务服务', tasks: 5, done: 2, red: expect.any(Number) },
      { section: '二、优化税费服务', tasks: 4, done: 1, red: expect.any(Number) },
    ]);
    expect(d.byUnit.map((u: { unitName: string; tasks: number }) => [u.unitName, u.tasks])).toEqual([
      ['市市场监管局', 5],
      ['东县税务局', 3],
      ['东县档案馆', 1],
    ]);
    const last = d.completionOverTime.at(-1);
    expect(last).toMatchObject({ month: today.slice(0, 7), total: 9, done: 3 });
    expect(d.completionOverTime.length).toBeGreaterThanOrEqual(3);
    expect(d.overdueTrend.at(-1)).toEqual({ month: today.slice(0, 7), overdue: 2 });
    expect(d.kpiAttainment).toEqual([
      { bucket: 'met', count: 1 },
      { bucket: '80to100', count: 0 },
      { bucket: '50to80', count: 1 },
      { bucket: 'lt50', count: 0 },
      { bucket: 'none', count: 1 },
    ]);
    expect(d.redTasks.every((r: { light: string }) => r.light === 'red')).toBe(true);
    expect(d.redTasks.length).toBe(d.totals.red);
  });

  it('should show a unit its own tasks only', async () => {
    const d = (await t.app.inject({ url: '/api/v1/dashboard', headers: unitB })).json();
    expect(d.totals.tasks).toBe(3);
    expect(d.byUnit.map((u: { unitName: string }) => u.unitName)).toEqual(['东县税务局']);
  });

  it('should drill down from a chapter bar and from the overdue count to the tasks', async () => {
    const chapter = await t.app.inject({ url: `/api/v1/dashboard/tasks?planId=${planId}&section=${encodeURIComponent('二、优化税费服务')}`, headers: cityOffice });
    expect(chapter.json().total).toBe(4);
    const overdue = await t.app.inject({ url: `/api/v1/dashboard/tasks?planId=${planId}&overdue=true`, headers: cityOffice });
    expect(overdue.json().items.map((i: { id: string }) => i.id).sort()).toEqual([ids.A3, ids.B3].sort());
    const kpi = await t.app.inject({ url: `/api/v1/dashboard/tasks?kpiBucket=met`, headers: cityOffice });
    expect(kpi.json().items.map((i: { id: string }) => i.id)).toEqual([ids.B1]);
    expect((await t.app.inject({ url: `/api/v1/dashboard/tasks?kpiBucket=great`, headers: cityOffice })).statusCode).toBe(400);
    const county = await t.app.inject({ url: `/api/v1/dashboard/tasks?planId=${planId}`, headers: countyOffice });
    expect(county.json().total).toBe(4);
  });
});

describe('GET /api/v1/burden', () => {
  it('should list reports asked and filed per unit and month with the median fill time', async () => {
    expect((await t.app.inject({ url: '/api/v1/burden' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/burden?month=2026-13', headers: cityOffice })).statusCode).toBe(400);
    const res = await t.app.inject({ url: '/api/v1/burden', headers: cityOffice });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { unitName: string; month: string; reportsAsked: number; reportsFiled: number; fieldsAsked: number; medianFillSeconds: number | null }[];
    const filed = items.filter((i) => i.unitName === '市市场监管局' && i.reportsFiled > 0);
    expect(filed.reduce((s, i) => s + i.reportsFiled, 0)).toBeGreaterThanOrEqual(1);
    expect(filed[0].medianFillSeconds).toBe(120);
    const asked = items.filter((i) => i.unitName === '东县税务局').reduce((s, i) => s + i.reportsAsked, 0);
    expect(asked).toBeGreaterThan(0);
    // B2 has one KPI: its reports ask four fields, the other tasks' three.
    expect(items.filter((i) => i.unitName === '东县税务局').every((i) => i.fieldsAsked >= 3 * i.reportsAsked)).toBe(true);
    const mine = (await t.app.inject({ url: '/api/v1/burden', headers: unitB })).json().items as { unitName: string }[];
    expect(new Set(mine.map((i) => i.unitName))).toEqual(new Set(['东县税务局']));
  });
});

describe('GET /api/v1/plans/:id/bulletin.docx', () => {
  it('should be a .docx with the ranking table, for the office and leaders of the plan region only', async () => {
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}/bulletin.docx` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}/bulletin.docx?period=2026-3`, headers: cityOffice })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}/bulletin.docx`, headers: countyOffice })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}/bulletin.docx`, headers: unitB })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/plans/00000000-0000-4000-8000-000000000000/bulletin.docx`, headers: cityOffice })).statusCode).toBe(404);
    const res = await t.app.inject({ url: `/api/v1/plans/${planId}/bulletin.docx`, headers: leader });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const xml = readZipEntry(res.rawPayload, 'word/document.xml')!.toString('utf8');
    const [ranking, overdue] = docxTables(xml);
    expect(ranking[0]).toEqual([...BULLETIN_RANKING_HEADERS]);
    expect(ranking.slice(1).map((r) => r[0])).toEqual(['1', '2', '不排名']);
    expect(ranking.slice(1, 3).map((r) => r[1]).sort()).toEqual(['东县税务局', '市市场监管局']);
    expect(ranking[3].slice(1, 5)).toEqual(['东县档案馆', '1', '0', '0']);
    expect(overdue.slice(1).map((r) => r[1]).sort()).toEqual(['东县税务局', '市市场监管局']);
    expect(xml).toContain('示范市优化营商环境工作领导小组办公室');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'bulletin').execute();
    expect(audit.length).toBe(1);
  });
});

describe('ledger export and import', () => {
  async function workbook(headers: AuthHeaders) {
    const res = await t.app.inject({ url: `/api/v1/plans/${planId}/ledger.xlsx`, headers });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }
  const rowOf = (ws: ExcelJS.Worksheet, taskId: string) => {
    for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(21).value === taskId) return ws.getRow(r);
    throw new Error(`no row for ${taskId}`);
  };
  async function upload(headers: AuthHeaders, wb: ExcelJS.Workbook) {
    const data = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const form = multipart({}, { name: 'ledger.xlsx', data });
    return t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/ledger-import`, headers: { ...headers, ...form.headers }, payload: form.payload });
  }
  const reportCount = async () => Number((await t.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('should give the office every task and a unit its own rows', async () => {
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}/ledger.xlsx` })).statusCode).toBe(401);
    expect((await workbook(cityOffice)).getWorksheet(LEDGER_SHEET)!.rowCount).toBe(2 + 9);
    const mine = (await workbook(unitB)).getWorksheet(LEDGER_SHEET)!;
    expect(mine.rowCount).toBe(2 + 3);
    expect(rowOf(mine, ids.B3).getCell(9).value).toBe('红灯');
  });

  it('should import nothing when any row is wrong, and list each problem with its row', async () => {
    const wb = await workbook(unitB);
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    const b2 = rowOf(ws, ids.B2);
    b2.getCell(18).value = 40;
    b2.getCell(19).value = '完成系统对接';
    const b3 = rowOf(ws, ids.B3);
    b3.getCell(18).value = 60;
    b3.getCell(19).value = '加快推进';
    // A task of another unit pasted in: refused, and with it the whole file.
    const b1 = rowOf(ws, ids.B1);
    b1.getCell(21).value = ids.A5;
    b1.getCell(18).value = 10;
    b1.getCell(19).value = '冒填';
    const before = await reportCount();
    const res = await upload(unitB, wb);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('LEDGER_IMPORT_INVALID');
    expect(res.json().error.details.issues).toEqual([{ sheet: LEDGER_SHEET, row: b1.number, column: '任务ID', message: '无权填报该任务' }]);
    expect(await reportCount()).toBe(before);
  });

  it('should import every filled row as a submitted report in one go, with KPI values and an audit entry each', async () => {
    const wb = await workbook(unitB);
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    const b2 = rowOf(ws, ids.B2);
    b2.getCell(18).value = 40;
    b2.getCell(19).value = '完成系统对接';
    const b3 = rowOf(ws, ids.B3);
    b3.getCell(18).value = 60;
    b3.getCell(19).value = '加快推进';
    const ks = wb.getWorksheet(LEDGER_KPI_SHEET)!;
    const kpiRow = [2, 3].map((r) => ks.getRow(r)).find((r) => r.getCell(1).value === ids.B2)!;
    kpiRow.getCell(9).value = 4;
    const before = await reportCount();
    const res = await upload(unitB, wb);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    expect(await reportCount()).toBe(before + 2);
    const task = await t.db.selectFrom('tasks').select(['progress', 'status']).where('id', '=', ids.B2).executeTakeFirstOrThrow();
    expect(task).toEqual({ progress: 40, status: 'in_progress' });
    const kpi = await t.db.selectFrom('task_kpis').select(['actual']).where('task_id', '=', ids.B2).executeTakeFirstOrThrow();
    expect(kpi.actual).toBe(4);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'report').where('action', '=', 'import').execute();
    expect(audit).toHaveLength(2);
    // The same period again: already awaiting review.
    const { period } = await t.db.selectFrom('reports').select('period').where('task_id', '=', ids.B2).executeTakeFirstOrThrow();
    rowOf(ws, ids.B2).getCell(17).value = period;
    rowOf(ws, ids.B3).getCell(17).value = (await t.db.selectFrom('reports').select('period').where('task_id', '=', ids.B3).executeTakeFirstOrThrow()).period;
    const again = await upload(unitB, wb);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.issues.map((i: { column: string }) => i.column)).toEqual(['填报期次', '填报期次']);
  });

  it('should let the office import for any open task of its plan, and refuse a leader', async () => {
    const wb = await workbook(cityOffice);
    const row = rowOf(wb.getWorksheet(LEDGER_SHEET)!, ids.A5);
    row.getCell(18).value = 70;
    row.getCell(19).value = '营商办汇总各单位台账后导入';
    const refused = await upload(leader, wb);
    expect(refused.json().error.details.issues).toEqual([{ sheet: LEDGER_SHEET, row: row.number, column: '任务ID', message: '无权填报该任务' }]);
    const res = await upload(cityOffice, wb);
    expect(res.json()).toEqual({ imported: 1 });
    const report = await t.db.selectFrom('reports').select(['status', 'progress', 'summary']).where('task_id', '=', ids.A5).executeTakeFirstOrThrow();
    expect(report).toEqual({ status: 'submitted', progress: 70, summary: '营商办汇总各单位台账后导入' });
  });

  it('should refuse a unit without tasks in the plan and a file that is not a workbook', async () => {
    const other = await loginAs(t.app, await buildUser(t.db, { role: 'unit' }));
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}/ledger.xlsx`, headers: other })).statusCode).toBe(404);
    const form = multipart({}, { name: 'x.xlsx', data: 'not a zip' });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/ledger-import`, headers: { ...unitA, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].message).toContain('.xlsx');
  });
});

describe('GET /api/v1/review-inbox', () => {
  it('should list pending requests and tasks ready to close for the office that manages the plan', async () => {
    const b3 = await t.db.selectFrom('tasks').select(['region_id', 'unit_id']).where('id', '=', ids.B3).executeTakeFirstOrThrow();
    await t.db.insertInto('task_requests').values({ task_id: ids.B3, region_id: b3.region_id, unit_id: b3.unit_id, kind: 'extension', reason: '需协调省级系统', new_due_date: addDays(today, 20) }).execute();
    const c1 = await t.db.selectFrom('tasks').select(['region_id', 'unit_id']).where('id', '=', ids.C1).executeTakeFirstOrThrow();
    await t.db.insertInto('reports').values({
      task_id: ids.C1, region_id: c1.region_id, unit_id: c1.unit_id, period: 'final', period_label: '办结', due_on: null, status: 'accepted',
      summary: '已完成', progress: 100, is_final: true, submitted_at: new Date(), on_time: true, reviewed_at: new Date(), updated_at: new Date(),
    }).execute();
    expect((await t.app.inject({ url: '/api/v1/review-inbox' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/review-inbox', headers: unitB })).statusCode).toBe(403);
    const res = await t.app.inject({ url: '/api/v1/review-inbox', headers: cityOffice });
    expect(res.statusCode).toBe(200);
    const inbox = res.json();
    expect(inbox.requests).toEqual([expect.objectContaining({ kind: 'extension', reason: '需协调省级系统', newDueDate: addDays(today, 20), policies: { decide: true }, task: expect.objectContaining({ id: ids.B3, unitName: '东县税务局' }) })]);
    expect(inbox.toClose).toEqual([expect.objectContaining({ periodLabel: '办结', policies: { close: true }, task: expect.objectContaining({ id: ids.C1 }) })]);
    const leaderInbox = (await t.app.inject({ url: '/api/v1/review-inbox', headers: leader })).json();
    expect(leaderInbox.requests[0].policies).toEqual({ decide: false });
    // The county office does not manage the city's plan.
    expect((await t.app.inject({ url: '/api/v1/review-inbox', headers: countyOffice })).json()).toEqual({ requests: [], toClose: [] });
  });
});
