import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../src/core/calendar/index.ts';
import { reportDueDates } from '../../src/core/supervision/index.ts';
import { runSupervisionScan } from '../../src/server/modules/supervision/scan.service.ts';
import { officeToday } from '../../src/server/modules/supervision/supervision.clock.ts';
import { buildRegion, buildUnit, buildUser, loginAs, withoutCsrf, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
let s: { office: AuthHeaders; leader: AuthHeaders; liaison: AuthHeaders; stranger: AuthHeaders; taskId: string; reportId: string; requestId: string; escalationId: string; cityId: string; unitId: string };

beforeAll(async () => {
  t = await createTestApp();
  const city = await buildRegion(t.db);
  const unit = await buildUnit(t.db, { regionId: city.id });
  const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  const leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
  const liaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: unit.id }));
  const stranger = await loginAs(t.app, await buildUser(t.db, { role: 'office' }));
  const year = new Date().getUTCFullYear() + 1;
  const planId = await buildDraftPlan(t.db, city.id, [{ leads: [{ printed: '某局', unitId: unit.id }], deadlines: [`${year}-12-31`] }]);
  await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: office, payload: {} });
  const taskId = (await t.app.inject({ url: '/api/v1/tasks', headers: liaison })).json().items[0].id;
  await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/sign`, headers: liaison });
  const reportId = (await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison, payload: { summary: '草稿', progress: 5, submit: false } })).json().id;
  const requestId = (await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/requests`, headers: liaison, payload: { kind: 'extension', reason: '需要', newDueDate: `${year + 1}-03-31` } })).json().id;
  const cal = createWorkingCalendar();
  const today = officeToday(new Date());
  const [first] = reportDueDates({ cycle: 'monthly', nthWorkingDay: 5, from: today, to: `${year}-12-31` }, cal);
  await runSupervisionScan(t.db, new Date(`${cal.addWorkingDays(first.due, 2)}T02:00:00Z`));
  const escalationId = (await t.db.selectFrom('escalations').select('id').where('task_id', '=', taskId).executeTakeFirstOrThrow()).id;
  s = { office, leader, liaison, stranger, taskId, reportId, requestId, escalationId, cityId: city.id, unitId: unit.id };
});
afterAll(async () => {
  await t?.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Route {
  method: Method;
  url: (id: string) => string;
  id: () => string;
  body?: object;
  bad?: object[];
  /** Who may see the record but not do this (403). */
  forbidden?: () => AuthHeaders;
  ok: () => AuthHeaders;
  okStatus: number;
}

const routes: Route[] = [
  { method: 'POST', url: (id) => `/api/v1/tasks/${id}/instructions`, id: () => s.taskId, body: { text: '请加快进度' }, bad: [{}, { text: '' }, { text: 'x', extra: 1 }], forbidden: () => s.liaison, ok: () => s.leader, okStatus: 201 },
  { method: 'PATCH', url: (id) => `/api/v1/reports/${id}`, id: () => s.reportId, body: { summary: '更新', progress: 20 }, bad: [{}, { progress: -1 }, { summary: 1 }], forbidden: () => s.office, ok: () => s.liaison, okStatus: 200 },
  { method: 'POST', url: (id) => `/api/v1/task-requests/${id}/decision`, id: () => s.requestId, body: { decision: 'approve', comment: '同意' }, bad: [{}, { decision: 'maybe' }], forbidden: () => s.leader, ok: () => s.office, okStatus: 200 },
  { method: 'POST', url: (id) => `/api/v1/escalations/${id}/response`, id: () => s.escalationId, body: { response: '已整改' }, bad: [{}, { response: '  ' }], forbidden: () => s.office, ok: () => s.liaison, okStatus: 200 },
  { method: 'POST', url: (id) => `/api/v1/tasks/${id}/requests`, id: () => s.taskId, body: { kind: 'transfer', reason: '职能划转', toUnitId: '' }, bad: [{}, { kind: 'holiday', reason: 'x' }, { kind: 'extension', reason: 'x', newDueDate: '2026-13-40' }], forbidden: () => s.office, ok: () => s.liaison, okStatus: 400 },
  { method: 'PUT', url: () => '/api/v1/supervision-settings', id: () => s.cityId, body: { regionId: '', cycle: 'quarterly', nthWorkingDay: 3, dueSoonDays: 5, progressLagPct: 25, remindBeforeDays: 2, escalationResponseDays: 5 }, bad: [{}, { cycle: 'monthly' }], forbidden: () => s.leader, ok: () => s.office, okStatus: 200 },
];

describe('supervision status ladders', () => {
  for (const route of routes) {
    it(`should walk 401, 400, 403, 404 and success on ${route.method} ${route.url(':id')}`, async () => {
      const send = (headers: Record<string, string>, id: string, body?: object) =>
        t.app.inject({ method: route.method, url: route.url(id), headers, ...(body ? { payload: body } : {}) });
      const body = route.body && 'toUnitId' in route.body ? { ...route.body, toUnitId: randomUUID() } : route.body && 'regionId' in route.body ? { ...route.body, regionId: route.id() } : route.body;
      expect((await send({}, route.id(), body)).statusCode).toBe(401);
      expect((await send(withoutCsrf(route.ok()), route.id(), body)).json().error.code).toBe('AUTH_CSRF');
      for (const bad of route.bad ?? []) expect((await send(route.ok(), route.id(), bad)).statusCode, JSON.stringify(bad)).toBe(400);
      if (route.url('x') !== route.url('y')) expect((await send(route.ok(), 'not-a-uuid', body)).statusCode).toBe(400);
      if (route.forbidden) expect((await send(route.forbidden(), route.id(), body)).statusCode).toBe(403);
      expect((await send(s.stranger, route.id(), body)).statusCode).toBe(404);
      if (route.url('x') !== route.url('y')) expect((await send(route.ok(), randomUUID(), body)).statusCode).toBe(404);
      const ok = await send(route.ok(), route.id(), body);
      expect(ok.statusCode, ok.body).toBe(route.okStatus);
    });
  }

  it('should let the unit answer an escalation once, and show the answer', async () => {
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/escalations/${s.escalationId}/response`, headers: s.liaison, payload: { response: '再次' } });
    expect(again.json().error.code).toBe('SUP_ESCALATION_ANSWERED');
    const detail = (await t.app.inject({ url: `/api/v1/tasks/${s.taskId}`, headers: s.office })).json();
    expect(detail.escalations[0]).toMatchObject({ response: '已整改', number: expect.stringMatching(/^督办〔\d{4}〕第\d+号$/) });
    const settings = await t.app.inject({ url: `/api/v1/supervision-settings?regionId=${s.cityId}`, headers: s.leader });
    expect(settings.json()).toMatchObject({ cycle: 'quarterly', nthWorkingDay: 3, policies: { update: false } });
    expect((await t.app.inject({ url: `/api/v1/supervision-settings?regionId=${s.cityId}`, headers: s.stranger })).statusCode).toBe(404);
  });

  it('should describe every supervision route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const paths = ['/api/v1/plans/{id}/publish', '/api/v1/tasks', '/api/v1/tasks/{id}', '/api/v1/tasks/{id}/sign', '/api/v1/tasks/{id}/reports', '/api/v1/reports/{id}', '/api/v1/reports/{id}/review', '/api/v1/reports/{id}/evidence', '/api/v1/reviews', '/api/v1/tasks/{id}/requests', '/api/v1/task-requests/{id}/decision', '/api/v1/tasks/{id}/close', '/api/v1/tasks/{id}/instructions', '/api/v1/escalations/{id}/response', '/api/v1/notifications', '/api/v1/calendar-overrides', '/api/v1/units/{id}/webhook', '/api/v1/supervision-settings'];
    for (const path of paths) expect(doc.paths, path).toHaveProperty([path]);
    expect(doc.paths['/api/v1/reports/{id}/review'].post.requestBody.content['application/json'].schema.properties.decision.enum).toEqual(['accept', 'return']);
  });
});
