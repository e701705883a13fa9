import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, createWorkingCalendar } from '../../src/core/calendar/index.ts';
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

const at = (date: string) => new Date(`${date}T02:00:00Z`);

async function publishedTask(deadline: string) {
  const city = await buildRegion(t.db);
  const unit = await buildUnit(t.db, { regionId: city.id });
  const officeUser = await buildUser(t.db, { role: 'office', regionId: city.id });
  const liaisonUser = await buildUser(t.db, { role: 'unit', unitId: unit.id });
  const office = await loginAs(t.app, officeUser);
  const liaison = await loginAs(t.app, liaisonUser);
  const planId = await buildDraftPlan(t.db, city.id, [{ leads: [{ printed: '某局', unitId: unit.id }], deadlines: [deadline] }]);
  expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: office, payload: {} })).statusCode).toBe(200);
  const task = (await t.app.inject({ url: '/api/v1/tasks', headers: liaison })).json().items[0];
  expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/sign`, headers: liaison })).statusCode).toBe(200);
  return { city, office, liaison, officeUser, liaisonUser, taskId: task.id as string };
}

describe('lights on the working calendar', () => {
  it('should recompute a stale light on read, and again when a local holiday moves the deadline', async () => {
    const cal = createWorkingCalendar();
    let deadline = cal.addWorkingDays(officeToday(new Date()), 30);
    while (!cal.isWorkingDay(addDays(deadline, 1))) deadline = cal.addWorkingDays(deadline, 1);
    const s = await publishedTask(deadline);
    let codes = async () => (await t.app.inject({ url: `/api/v1/tasks/${s.taskId}`, headers: s.liaison })).json().reasons.map((r: { code: string }) => r.code);
    expect(await codes()).not.toContain('DEADLINE_OVERDUE');

    // The clock moves to the day after the deadline: the cached light is stale and is recomputed on read.
    const dayAfter = addDays(deadline, 1);
    t.clock.advance(at(dayAfter).getTime() - Date.now());
    // Sessions idle out over weeks: sign in again at the new time.
    s.liaison = await loginAs(t.app, s.liaisonUser);
    s.office = await loginAs(t.app, s.officeUser);
    codes = async () => (await t.app.inject({ url: `/api/v1/tasks/${s.taskId}`, headers: s.liaison })).json().reasons.map((r: { code: string }) => r.code);
    expect(await codes()).toContain('DEADLINE_OVERDUE');
    const listed = (await t.app.inject({ url: '/api/v1/tasks?light=red', headers: s.liaison })).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toEqual([s.taskId]);

    // The city declares the deadline and the day after local holidays: the deadline rolls past today.
    for (const date of [deadline, dayAfter]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/calendar-overrides', headers: s.office, payload: { regionId: s.city.id, date, kind: 'holiday', name: '防台风停工' } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const after = await codes();
    expect(after).not.toContain('DEADLINE_OVERDUE');
    expect(after).toContain('DEADLINE_DUE_SOON');
  });
});

describe('evidence limits', () => {
  it('should take a 2 MB file and refuse one over 10 MB', async () => {
    const s = await publishedTask(addDays(officeToday(new Date()), 90));
    const draft = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${s.taskId}/reports`, headers: s.liaison, payload: { summary: '草稿', progress: 10, submit: false } });
    expect(draft.statusCode, draft.body).toBe(201);
    const upload = (bytes: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/reports/${draft.json().id}/evidence`,
        headers: { ...s.liaison, 'content-type': 'multipart/form-data; boundary=B0undary' },
        payload: Buffer.concat([
          Buffer.from('--B0undary\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
          Buffer.alloc(bytes, 0x41),
          Buffer.from('\r\n--B0undary--\r\n'),
        ]),
      });
    const ok = await upload(2 * 1024 * 1024);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ name: 'scan.pdf', size: 2 * 1024 * 1024, mime: 'application/pdf' });
    const big = await upload(10 * 1024 * 1024 + 1);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('SUP_EVIDENCE_TOO_LARGE');
    const office = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${draft.json().id}/evidence`, headers: { ...s.office, 'content-type': 'multipart/form-data; boundary=B0undary' }, payload: '--B0undary\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nx\r\n--B0undary--\r\n' });
    expect(office.statusCode).toBe(403);
  });
});
