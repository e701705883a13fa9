import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar/index.ts';
import { officeToday } from '../../src/server/modules/supervision/supervision.clock.ts';
import { buildRegion, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('cooperating units (协办)', () => {
  it('should let a cooperating unit read the task, marked 协办, but not sign, report on or request on it', async () => {
    const city = await buildRegion(t.db);
    const lead = await buildUnit(t.db, { regionId: city.id });
    const coop = await buildUnit(t.db, { regionId: city.id });
    const other = await buildUnit(t.db, { regionId: city.id });
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    const leadLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: lead.id }));
    const coopLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: coop.id }));
    const otherLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: other.id }));
    const planId = await buildDraftPlan(t.db, city.id, [
      { leads: [{ printed: '牵头局', unitId: lead.id }], cooperating: [{ printed: '协办局', unitId: coop.id }], deadlines: [addDays(officeToday(new Date()), 120)] },
    ]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: office, payload: {} })).statusCode).toBe(200);

    const leadList = (await t.app.inject({ url: '/api/v1/tasks', headers: leadLiaison })).json();
    expect(leadList.items).toHaveLength(1);
    const taskId = leadList.items[0].id as string;
    expect(leadList.items[0]).toMatchObject({ cooperating: false, policies: { sign: true } });

    const coopList = await t.app.inject({ url: '/api/v1/tasks', headers: coopLiaison });
    expect(coopList.statusCode).toBe(200);
    expect(coopList.json()).toMatchObject({ total: 1, items: [{ id: taskId, cooperating: true, unit: { id: lead.id } }] });
    expect(coopList.json().items[0].policies).toMatchObject({ sign: false, report: false, requestExtension: false, requestTransfer: false, review: false, close: false });
    const detail = await t.app.inject({ url: `/api/v1/tasks/${taskId}`, headers: coopLiaison });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: taskId, cooperating: true });

    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/sign`, headers: coopLiaison })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/sign`, headers: leadLiaison })).statusCode).toBe(200);
    const report = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: coopLiaison, payload: { summary: '协办单位代报', progress: 10, submit: true } });
    expect(report.statusCode).toBe(403);
    const request = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/requests`, headers: coopLiaison, payload: { kind: 'extension', reason: '协办单位申请延期', newDueDate: addDays(officeToday(new Date()), 150) } });
    expect(request.statusCode).toBe(403);
    expect(await t.db.selectFrom('reports').select('id').where('task_id', '=', taskId).execute()).toEqual([]);

    // A unit that neither leads nor cooperates still sees nothing.
    expect((await t.app.inject({ url: '/api/v1/tasks', headers: otherLiaison })).json().total).toBe(0);
    expect((await t.app.inject({ url: `/api/v1/tasks/${taskId}`, headers: otherLiaison })).statusCode).toBe(404);
  });

  it('should keep the lead unit’s draft report and its evidence from a cooperating unit until it is submitted', async () => {
    const city = await buildRegion(t.db);
    const lead = await buildUnit(t.db, { regionId: city.id });
    const coop = await buildUnit(t.db, { regionId: city.id });
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    const leadLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: lead.id }));
    const coopLiaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: coop.id }));
    const planId = await buildDraftPlan(t.db, city.id, [
      { leads: [{ printed: '牵头局', unitId: lead.id }], cooperating: [{ printed: '协办局', unitId: coop.id }], deadlines: [addDays(officeToday(new Date()), 120)] },
    ]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: office, payload: {} })).statusCode).toBe(200);
    const taskId = (await t.app.inject({ url: '/api/v1/tasks', headers: leadLiaison })).json().items[0].id as string;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/sign`, headers: leadLiaison })).statusCode).toBe(200);

    const draft = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: leadLiaison, payload: { summary: '牵头单位草稿：尚未核实的数字', progress: 30, submit: false } });
    expect(draft.statusCode, draft.body).toBe(201);
    const reportId = draft.json().id as string;
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${reportId}/evidence`,
      headers: { ...leadLiaison, 'content-type': 'multipart/form-data; boundary=XyZ' },
      payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="草稿佐证.txt"\r\nContent-Type: text/plain\r\n\r\ndraft evidence\r\n--XyZ--\r\n`,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const evidenceId = upload.json().id as string;

    // The lead unit sees its own draft.
    expect((await t.app.inject({ url: `/api/v1/tasks/${taskId}`, headers: leadLiaison })).json().reports).toMatchObject([{ id: reportId, status: 'draft' }]);
    // The cooperating unit sees neither the draft nor its evidence: the draft answers 404 like a missing one.
    const coopDetail = await t.app.inject({ url: `/api/v1/tasks/${taskId}`, headers: coopLiaison });
    expect(coopDetail.statusCode).toBe(200);
    expect(coopDetail.json().reports).toEqual([]);
    expect(coopDetail.body).not.toContain('尚未核实');
    expect((await t.app.inject({ url: `/api/v1/evidence/${evidenceId}`, headers: coopLiaison })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${reportId}`, headers: coopLiaison, payload: { summary: '改' } })).statusCode).toBe(404);
    const coopUpload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${reportId}/evidence`,
      headers: { ...coopLiaison, 'content-type': 'multipart/form-data; boundary=XyZ' },
      payload: `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n`,
    });
    expect(coopUpload.statusCode).toBe(404);

    // Once submitted, the cooperating unit reads the report and downloads its evidence.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${reportId}`, headers: leadLiaison, payload: { submit: true } })).statusCode).toBe(200);
    const after = (await t.app.inject({ url: `/api/v1/tasks/${taskId}`, headers: coopLiaison })).json();
    expect(after.reports).toMatchObject([{ id: reportId, status: 'submitted', evidence: [{ id: evidenceId }] }]);
    const download = await t.app.inject({ url: `/api/v1/evidence/${evidenceId}`, headers: coopLiaison });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('draft evidence');
    expect(download.headers['cache-control']).toBe('no-store');
  });
});
