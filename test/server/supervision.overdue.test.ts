import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, createWorkingCalendar } from '../../src/core/calendar/index.ts';
import { docxTables, readZipEntry } from '../../src/server/exports/zip-entry.ts';
import { officeToday } from '../../src/server/modules/supervision/supervision.clock.ts';
import { buildRegion, buildUnit, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** 10:00 office time on `date`. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);

describe('overdue on the working calendar, the same in every view', () => {
  it('should count a deadline on a rest day as overdue only after the next working day, in the light, rankings, dashboard and bulletin', async () => {
    const cal = createWorkingCalendar();
    // A deadline on a rest day at least a week ahead, followed by another rest day before work resumes.
    let deadline = addDays(officeToday(new Date()), 8);
    while (cal.isWorkingDay(deadline) || cal.isWorkingDay(addDays(deadline, 1))) deadline = addDays(deadline, 1);
    const restDay = addDays(deadline, 1);
    const effective = cal.addWorkingDays(deadline, 0);
    const afterEffective = addDays(effective, 1);

    const city = await buildRegion(t.db);
    const unit = await buildUnit(t.db, { regionId: city.id });
    const officeUser = await buildUser(t.db, { role: 'office', regionId: city.id });
    const liaisonUser = await buildUser(t.db, { role: 'unit', unitId: unit.id });
    let office = await loginAs(t.app, officeUser);
    const liaison = await loginAs(t.app, liaisonUser);
    const planId = await buildDraftPlan(t.db, city.id, [{ leads: [{ printed: '某局', unitId: unit.id }], deadlines: [deadline] }]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: office, payload: {} })).statusCode).toBe(200);
    const task = (await t.app.inject({ url: `/api/v1/tasks?planId=${planId}`, headers: office })).json().items[0];
    expect(task).toMatchObject({ dueDate: deadline, effectiveDueDate: effective });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/sign`, headers: liaison })).statusCode).toBe(200);

    const views = async (headers: AuthHeaders) => {
      const detail = (await t.app.inject({ url: `/api/v1/tasks/${task.id}`, headers })).json();
      const ranking = (await t.app.inject({ url: `/api/v1/rankings?planId=${planId}`, headers })).json();
      const dashboard = (await t.app.inject({ url: `/api/v1/dashboard?planId=${planId}`, headers })).json();
      const drill = (await t.app.inject({ url: `/api/v1/dashboard/tasks?planId=${planId}&overdue=true`, headers })).json();
      const bulletin = await t.app.inject({ url: `/api/v1/plans/${planId}/bulletin.docx?period=${officeToday(t.clock.now()).slice(0, 7)}`, headers });
      expect(bulletin.statusCode, bulletin.body).toBe(200);
      const xml = readZipEntry(bulletin.rawPayload, 'word/document.xml')!.toString('utf8');
      const [, overdueTable] = docxTables(xml);
      return {
        light: detail.reasons.some((r: { code: string }) => r.code === 'DEADLINE_OVERDUE'),
        ranking: ranking.items[0].overdue,
        dashboard: dashboard.totals.overdue,
        trend: dashboard.overdueTrend.at(-1).overdue,
        drill: drill.items.length,
        bulletin: (overdueTable ?? [[]]).length - 1,
      };
    };

    // The day after a deadline that fell on a rest day, while work has not resumed: not overdue anywhere.
    t.clock.advance(at(restDay).getTime() - t.clock.now().getTime());
    office = await loginAs(t.app, officeUser);
    expect(await views(office)).toEqual({ light: false, ranking: 0, dashboard: 0, trend: 0, drill: 0, bulletin: 0 });

    // The day after the working day the deadline moved to: overdue everywhere.
    t.clock.advance(at(afterEffective).getTime() - t.clock.now().getTime());
    office = await loginAs(t.app, officeUser);
    expect(await views(office)).toEqual({ light: true, ranking: 1, dashboard: 1, trend: 1, drill: 1, bulletin: 1 });
  });
});
