import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, buildUnit, buildUser, loginAs, withoutCsrf, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const year = new Date().getUTCFullYear() + 1;

async function setup() {
  const city = await buildRegion(t.db);
  const county = await buildRegion(t.db, { parentId: city.id });
  const lead = await buildUnit(t.db, { regionId: city.id, name: `市场监管局-${randomUUID().slice(0, 6)}` });
  const other = await buildUnit(t.db, { regionId: county.id });
  const helper = await buildUnit(t.db, { regionId: city.id });
  const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  const leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
  const liaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: lead.id }));
  const otherLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: other.id }));
  const planId = await buildDraftPlan(
    t.db,
    city.id,
    [
      {
        leads: [{ printed: '市市场监管局', unitId: lead.id }],
        cooperating: [{ printed: '协办单位', unitId: helper.id }],
        deadlines: [`${year}-03-31`, `${year}-06-30`],
        targets: [{ metric: '办件满意率', op: '>=', value: 95, unit: '%' }],
      },
      { leads: [{ printed: '县单位', unitId: other.id }], deadlines: [`${year}-09-30`] },
    ],
    { baseYear: year },
  );
  return { city, county, lead, other, helper, office, leader, liaison, otherLiaison, planId };
}

const post = (url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers });

describe('supervision loop', () => {
  it('should publish, sign, report, return, report again, accept the final report and close', async () => {
    const s = await setup();
    const published = await post(`/api/v1/plans/${s.planId}/publish`, s.office, { cycle: 'monthly', nthWorkingDay: 5 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ planId: s.planId, tasksCreated: 2, kpisCreated: 1 });
    expect((await post(`/api/v1/plans/${s.planId}/publish`, s.office, {})).json().error.code).toBe('SUP_PLAN_NOT_DRAFT');
    const plan = await t.db.selectFrom('plans').select(['status']).where('id', '=', s.planId).executeTakeFirstOrThrow();
    expect(plan.status).toBe('published');

    const mine = await get('/api/v1/tasks?mine=true', s.liaison);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBe(1);
    const task = mine.json().items[0];
    expect(task).toMatchObject({ status: 'assigned', light: 'grey', dueDate: `${year}-06-30`, unit: { id: s.lead.id }, policies: { sign: true, report: false, close: false } });
    expect(task.reasons[0].code).toBe('TASK_NOT_SIGNED');
    expect(task.cooperatingUnits).toEqual([{ printed: '协办单位', unitId: s.helper.id, name: s.helper.name }]);
    expect(task.milestones).toEqual([{ name: `${year}-03-31前`, due: `${year}-03-31` }]);
    expect(task.kpis).toHaveLength(1);

    const signed = await post(`/api/v1/tasks/${task.id}/sign`, s.liaison);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', policies: { sign: false, report: true } });
    expect(signed.json().light).not.toBe('grey');
    expect((await post(`/api/v1/tasks/${task.id}/sign`, s.liaison)).json().error.code).toBe('SUP_TASK_ALREADY_SIGNED');

    const first = await post(`/api/v1/tasks/${task.id}/reports`, s.liaison, { summary: '已完成调研', progress: 30, kpiValues: [{ kpiId: task.kpis[0].id, actual: 90 }], submit: true, fillSeconds: 120 });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'submitted', progress: 30, fillSeconds: 120, onTime: true, kpiValues: [{ kpiId: task.kpis[0].id, actual: 90 }] });

    const queue = await get('/api/v1/reviews', s.office);
    expect(queue.json().items.map((i: { report: { id: string } }) => i.report.id)).toContain(first.json().id);
    const returned = await post(`/api/v1/reports/${first.json().id}/review`, s.office, { decision: 'return', comment: '请补充佐证材料' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充佐证材料' });

    const draft = await post(`/api/v1/tasks/${task.id}/reports`, s.liaison, { summary: '补充', progress: 100, isFinal: true, submit: false });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', period: first.json().period });
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${draft.json().id}/evidence`,
      headers: { ...s.liaison, 'content-type': 'multipart/form-data; boundary=XyZ' },
      payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="照片.txt"\r\nContent-Type: text/plain\r\n\r\nevidence bytes\r\n--XyZ--\r\n`,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({ name: '照片.txt', size: 14 });
    const download = await get(`/api/v1/evidence/${upload.json().id}`, s.office);
    expect(download.body).toBe('evidence bytes');
    expect((await get(`/api/v1/evidence/${upload.json().id}`, s.otherLiaison)).statusCode).toBe(404);

    const submitted = await t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${draft.json().id}`, headers: s.liaison, payload: { submit: true, fillSeconds: 60 } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', isFinal: true, fillSeconds: 60, evidence: [{ name: '照片.txt' }] });

    expect((await post(`/api/v1/tasks/${task.id}/close`, s.office)).json().error.code).toBe('SUP_NO_ACCEPTED_FINAL_REPORT');
    const accepted = await post(`/api/v1/reports/${draft.json().id}/review`, s.office, { decision: 'accept', comment: '同意' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', reviewer: expect.any(String) });

    const instruction = await post(`/api/v1/tasks/${task.id}/instructions`, s.leader, { text: '抓紧落实，务求实效' });
    expect(instruction.statusCode, instruction.body).toBe(201);

    const closed = await post(`/api/v1/tasks/${task.id}/close`, s.office);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', light: 'done', progress: 100, completedOnTime: true });
    expect((await post(`/api/v1/tasks/${task.id}/close`, s.office)).json().error.code).toBe('SUP_TASK_CLOSED');

    const detail = await get(`/api/v1/tasks/${task.id}`, s.liaison);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().reports.map((r: { status: string }) => r.status)).toEqual(['accepted', 'returned']);
    expect(detail.json().instructions).toMatchObject([{ text: '抓紧落实，务求实效' }]);

    const notes = await get('/api/v1/notifications', s.liaison);
    const kinds = notes.json().items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['task_assigned', 'report_returned', 'report_accepted', 'instruction', 'task_closed']));
    expect((await post(`/api/v1/notifications/${notes.json().items[0].id}/read`, s.liaison)).statusCode).toBe(204);
    expect((await post(`/api/v1/notifications/${notes.json().items[0].id}/read`, s.office)).statusCode).toBe(404);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', 'in', ['plan', 'task', 'report', 'report_evidence']).where('region_id', 'in', [s.city.id]).execute();
    const actions = audit.map((a) => `${a.entity}:${a.action}`);
    expect(actions).toEqual(expect.arrayContaining(['plan:publish', 'task:sign', 'report:create', 'report:submit', 'report:return', 'report:accept', 'report:update', 'report_evidence:upload', 'task:instruct', 'task:close']));
  });

  it('should block publishing while a lead unit is unresolved, listing it', async () => {
    const city = await buildRegion(t.db);
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    const unit = await buildUnit(t.db, { regionId: city.id });
    const planId = await buildDraftPlan(t.db, city.id, [
      { number: '1', leads: [{ printed: '某局', unitId: unit.id }] },
      { number: '2', leads: [{ printed: '不存在的局', unitId: null }] },
      { number: '3', leads: [] },
    ]);
    const res = await post(`/api/v1/plans/${planId}/publish`, office, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SUP_UNRESOLVED_UNITS');
    expect(res.json().error.details.items).toEqual([
      expect.objectContaining({ number: '2', printed: '不存在的局' }),
      expect.objectContaining({ number: '3', printed: null }),
    ]);
    expect(await t.db.selectFrom('tasks').select('id').where('plan_id', '=', planId).execute()).toEqual([]);
    expect((await t.db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('should move the due date on an approved extension and the task on an approved transfer', async () => {
    const s = await setup();
    await post(`/api/v1/plans/${s.planId}/publish`, s.office, {});
    const task = (await get('/api/v1/tasks', s.liaison)).json().items[0];
    const ext = await post(`/api/v1/tasks/${task.id}/requests`, s.liaison, { kind: 'extension', reason: '需协调', newDueDate: `${year}-12-31` });
    expect(ext.statusCode, ext.body).toBe(201);
    expect((await post(`/api/v1/tasks/${task.id}/requests`, s.liaison, { kind: 'extension', reason: '再次', newDueDate: `${year}-12-30` })).json().error.code).toBe('SUP_REQUEST_PENDING');
    expect((await post(`/api/v1/tasks/${task.id}/requests`, s.liaison, { kind: 'extension', reason: '早于', newDueDate: `${year}-01-01` })).json().error.code).toBe('SUP_REQUEST_INVALID');
    expect((await post(`/api/v1/task-requests/${ext.json().id}/decision`, s.liaison, { decision: 'approve' })).statusCode).toBe(403);
    expect((await post(`/api/v1/task-requests/${ext.json().id}/decision`, s.office, { decision: 'refuse' })).json().error.code).toBe('SUP_COMMENT_REQUIRED');
    const approved = await post(`/api/v1/task-requests/${ext.json().id}/decision`, s.office, { decision: 'approve', comment: '同意' });
    expect(approved.json()).toMatchObject({ status: 'approved', policies: { decide: false } });
    const after = (await get(`/api/v1/tasks/${task.id}`, s.liaison)).json();
    expect(after).toMatchObject({ dueDate: `${year}-12-31`, plannedDueDate: `${year}-06-30`, extended: true });

    const transfer = await post(`/api/v1/tasks/${task.id}/requests`, s.liaison, { kind: 'transfer', reason: '职能调整', toUnitId: s.helper.id });
    expect(transfer.statusCode, transfer.body).toBe(201);
    await post(`/api/v1/task-requests/${transfer.json().id}/decision`, s.office, { decision: 'approve', comment: '同意调整' });
    const moved = (await get(`/api/v1/tasks/${task.id}`, s.office)).json();
    expect(moved).toMatchObject({ unit: { id: s.helper.id }, status: 'assigned', light: 'grey' });
    expect((await get(`/api/v1/tasks/${task.id}`, s.liaison)).statusCode).toBe(404);
  });
});

describe('supervision permissions', () => {
  it('should keep units to their own tasks and county offices to their county', async () => {
    const s = await setup();
    await post(`/api/v1/plans/${s.planId}/publish`, s.office, {});
    const all = (await get('/api/v1/tasks', s.office)).json().items as { id: string; unit: { id: string } }[];
    const mineTask = all.find((x) => x.unit.id === s.lead.id)!;
    const countyTask = all.find((x) => x.unit.id === s.other.id)!;

    // A unit neither sees, reports on, nor reviews another unit's task.
    expect((await get('/api/v1/tasks', s.otherLiaison)).json().items.map((x: { id: string }) => x.id)).toEqual([countyTask.id]);
    expect((await get(`/api/v1/tasks/${mineTask.id}`, s.otherLiaison)).statusCode).toBe(404);
    expect((await post(`/api/v1/tasks/${mineTask.id}/sign`, s.otherLiaison)).statusCode).toBe(404);
    expect((await post(`/api/v1/tasks/${mineTask.id}/reports`, s.otherLiaison, { summary: 'x', progress: 1, submit: true })).statusCode).toBe(404);
    await post(`/api/v1/tasks/${mineTask.id}/sign`, s.liaison);
    const report = await post(`/api/v1/tasks/${mineTask.id}/reports`, s.liaison, { summary: 'x', progress: 10, submit: true });
    expect((await post(`/api/v1/reports/${report.json().id}/review`, s.otherLiaison, { decision: 'accept' })).statusCode).toBe(404);
    expect((await post(`/api/v1/reports/${report.json().id}/review`, s.liaison, { decision: 'accept' })).statusCode).toBe(403);
    // The office cannot report on a unit's behalf.
    expect((await post(`/api/v1/tasks/${mineTask.id}/reports`, s.office, { summary: 'x', progress: 1, submit: true })).statusCode).toBe(403);

    // County office: sees its county's task, not the city unit's; another county sees neither.
    const countyOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: s.county.id }));
    expect((await get('/api/v1/tasks', countyOffice)).json().items.map((x: { id: string }) => x.id)).toEqual([countyTask.id]);
    expect((await get(`/api/v1/tasks/${mineTask.id}`, countyOffice)).statusCode).toBe(404);
    // It reads the county task but the city plan is reviewed by the city office.
    expect((await get(`/api/v1/tasks/${countyTask.id}`, countyOffice)).json().policies.review).toBe(false);
    const otherCounty = await buildRegion(t.db, { parentId: s.city.id });
    const otherOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: otherCounty.id }));
    expect((await get('/api/v1/tasks', otherOffice)).json().total).toBe(0);
    expect((await get(`/api/v1/tasks/${countyTask.id}`, otherOffice)).statusCode).toBe(404);
    expect((await post(`/api/v1/plans/${s.planId}/publish`, otherOffice, {})).statusCode).toBe(404);
    expect((await get('/api/v1/reviews', otherOffice)).json().total).toBe(0);
  });
});

describe('status ladders', () => {
  it('should answer 401, 403 CSRF, 400, 403/404 and success on publish and report routes', async () => {
    const s = await setup();
    const url = `/api/v1/plans/${s.planId}/publish`;
    expect((await post(url, {}, {})).statusCode).toBe(401);
    expect((await post(url, withoutCsrf(s.office as AuthHeaders), {})).json().error.code).toBe('AUTH_CSRF');
    for (const payload of [{ cycle: 'daily' }, { nthWorkingDay: 0 }, { nthWorkingDay: 11 }, { dueSoonDays: -1 }, { extra: 1 }]) {
      const res = await post(url, s.office, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect((await post('/api/v1/plans/not-a-uuid/publish', s.office, {})).statusCode).toBe(400);
    expect((await post(url, s.leader, {})).statusCode).toBe(403);
    expect((await post(url, s.liaison, {})).statusCode).toBe(404);
    expect((await post(`/api/v1/plans/${randomUUID()}/publish`, s.office, {})).json().error).toMatchObject({ code: 'NOT_FOUND', message: '记录不存在或无权访问' });
    expect((await post(url, s.office, {})).statusCode).toBe(200);

    const task = (await get('/api/v1/tasks', s.liaison)).json().items[0];
    const reportUrl = `/api/v1/tasks/${task.id}/reports`;
    expect((await post(reportUrl, {}, { summary: 'x', progress: 1, submit: true })).statusCode).toBe(401);
    for (const payload of [{ summary: 'x', progress: 101, submit: true }, { summary: 'x', progress: 1 }, { summary: 'x', progress: 1, submit: true, kpiValues: [{ kpiId: 'x', actual: 1 }] }, { summary: 'x', progress: 1, submit: true, period: '' }]) {
      const res = await post(reportUrl, s.liaison, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await post(reportUrl, s.liaison, { summary: 'x', progress: 1, submit: true })).json().error.code).toBe('SUP_TASK_NOT_SIGNED');
    await post(`/api/v1/tasks/${task.id}/sign`, s.liaison);
    expect((await post(reportUrl, s.liaison, { summary: 'x', progress: 1, submit: true, period: '1999-01' })).json().error.code).toBe('SUP_PERIOD_UNKNOWN');
    expect((await post(reportUrl, s.liaison, { summary: 'x', progress: 1, submit: true, kpiValues: [{ kpiId: randomUUID(), actual: 1 }] })).json().error.code).toBe('SUP_KPI_UNKNOWN');
    expect((await post(`/api/v1/tasks/${randomUUID()}/reports`, s.liaison, { summary: 'x', progress: 1, submit: true })).statusCode).toBe(404);
    const ok = await post(reportUrl, s.liaison, { summary: 'x', progress: 1, submit: true });
    expect(ok.statusCode).toBe(201);
    expect((await post(reportUrl, s.liaison, { summary: 'y', progress: 2, submit: true, period: ok.json().period })).json().error.code).toBe('SUP_PERIOD_OPEN');

    const reviewUrl = `/api/v1/reports/${ok.json().id}/review`;
    expect((await post(reviewUrl, {}, { decision: 'accept' })).statusCode).toBe(401);
    expect((await post(reviewUrl, s.office, { decision: 'maybe' })).statusCode).toBe(400);
    expect((await post(reviewUrl, s.office, { decision: 'return' })).json().error.code).toBe('SUP_COMMENT_REQUIRED');
    expect((await post(reviewUrl, s.leader, { decision: 'accept' })).statusCode).toBe(403);
    expect((await post(`/api/v1/reports/${randomUUID()}/review`, s.office, { decision: 'accept' })).statusCode).toBe(404);
    expect((await post(reviewUrl, s.office, { decision: 'accept' })).statusCode).toBe(200);
    expect((await post(reviewUrl, s.office, { decision: 'accept' })).json().error.code).toBe('SUP_REPORT_NOT_SUBMITTED');

    const taskList = '/api/v1/tasks';
    expect((await get(taskList, {})).statusCode).toBe(401);
    expect((await get(`${taskList}?light=purple`, s.office)).statusCode).toBe(400);
    expect((await get(`${taskList}?planId=${s.planId}&light=${task.light}`, s.office)).statusCode).toBe(200);
  });

  it('should manage calendar overrides and webhooks with scope checks', async () => {
    const s = await setup();
    const body = { date: `${year}-05-06`, kind: 'holiday', name: '防台风' };
    expect((await post('/api/v1/calendar-overrides', {}, body)).statusCode).toBe(401);
    expect((await post('/api/v1/calendar-overrides', s.office, { ...body, kind: 'rest' })).statusCode).toBe(400);
    expect((await post('/api/v1/calendar-overrides', s.liaison, body)).statusCode).toBe(403);
    const created = await post('/api/v1/calendar-overrides', s.office, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ date: body.date, kind: 'holiday', region: { id: s.city.id }, policies: { delete: true } });
    expect((await post('/api/v1/calendar-overrides', s.office, body)).json().error.code).toBe('SUP_CALENDAR_OVERRIDE_EXISTS');
    const countyOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: s.county.id }));
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/calendar-overrides/${created.json().id}`, headers: countyOffice })).statusCode).toBe(404);
    expect((await post('/api/v1/calendar-overrides', countyOffice, { ...body, regionId: s.city.id })).statusCode).toBe(404);
    expect((await get(`/api/v1/calendar-overrides?year=${year}`, s.office)).json().items.map((o: { id: string }) => o.id)).toContain(created.json().id);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/calendar-overrides/${created.json().id}`, headers: s.office })).statusCode).toBe(204);

    const hookUrl = `/api/v1/units/${s.lead.id}/webhook`;
    const put = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'PUT', url: hookUrl, headers, payload });
    expect((await put({}, { url: 'https://example.invalid/hook' })).statusCode).toBe(401);
    expect((await put(s.liaison, { url: 'ftp://x' })).statusCode).toBe(400);
    expect((await put(s.otherLiaison, { url: 'https://example.invalid/hook' })).statusCode).toBe(404);
    expect((await put(s.leader, { url: 'https://example.invalid/hook' })).statusCode).toBe(403);
    const saved = await put(s.liaison, { url: 'https://example.invalid/robot/send?access_token=SECRET', secret: 'topsecret1' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ enabled: true, hasSecret: true });
    expect(saved.body).not.toContain('topsecret1');
    const audit = await t.db.selectFrom('audit_log').select(['after']).where('entity', '=', 'unit_webhook').where('entity_id', '=', s.lead.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('SECRET');
    expect(JSON.stringify(audit.after)).not.toContain('topsecret1');
  });
});
