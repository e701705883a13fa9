import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, createWorkingCalendar } from '../../src/core/calendar/index.ts';
import { reportDueDates } from '../../src/core/supervision/index.ts';
import { startJobs } from '../../src/server/jobs/registry.ts';
import { supervisionScanTask } from '../../src/server/jobs/supervision-scan.task.ts';
import { deliverWebhooks, runSupervisionScan } from '../../src/server/modules/supervision/scan.service.ts';
import { officeToday } from '../../src/server/modules/supervision/supervision.clock.ts';
import { buildRegion, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
let receiver: Server;
const received: { body: Record<string, unknown>; headers: IncomingMessage['headers'] }[] = [];
let failNext = 0;
beforeAll(async () => {
  // The receiver listens on 127.0.0.1: private webhook addresses must be allowed (they are refused by default).
  t = await createTestApp({ env: { YINGSHANG_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  receiver = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
        return;
      }
      received.push({ body: JSON.parse(data), headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  await t?.close();
});

/** An instant at 10:00 office time on `date`. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const silent = { info: () => {}, warn: () => {} };

describe('supervision scan (fake clock)', () => {
  it('should send exactly one reminder and one escalation as the clock passes a report due date, through pg-boss too', async () => {
    const city = await buildRegion(t.db);
    const unit = await buildUnit(t.db, { regionId: city.id });
    const liaisonUser = await buildUser(t.db, { role: 'unit', unitId: unit.id });
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    const leaderUser = await buildUser(t.db, { role: 'leader', regionId: city.id });
    const liaison = await loginAs(t.app, liaisonUser);
    const today = officeToday(new Date());
    const deadline = addDays(today, 300);
    const planId = await buildDraftPlan(t.db, city.id, [{ leads: [{ printed: '某局', unitId: unit.id }], deadlines: [deadline] }]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/publish`, headers: office, payload: { cycle: 'monthly', nthWorkingDay: 5 } })).statusCode).toBe(200);
    const task = await t.db.selectFrom('tasks').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow();
    const hook = await t.app.inject({ method: 'PUT', url: `/api/v1/units/${unit.id}/webhook`, headers: liaison, payload: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/robot?access_token=abc`, secret: 'hook-secret' } });
    expect(hook.statusCode, hook.body).toBe(200);

    const calendar = createWorkingCalendar();
    const [first, second] = reportDueDates({ cycle: 'monthly', nthWorkingDay: 5, from: today, to: deadline }, calendar);
    const count = async () => ({
      reminders: (await t.db.selectFrom('reminders').select(['kind', 'period']).where('task_id', '=', task.id).execute()),
      escalations: (await t.db.selectFrom('escalations').select(['kind', 'period', 'number', 'seq'] as const).where('task_id', '=', task.id).execute()),
    });

    // Two working days before the first report is due: one reminder, however often the scan runs.
    const t1 = calendar.addWorkingDays(first.due, -2);
    await runSupervisionScan(t.db, at(t1));
    await runSupervisionScan(t.db, at(t1));
    await runSupervisionScan(t.db, at(calendar.addWorkingDays(first.due, -1)));
    let c = await count();
    expect(c.reminders).toEqual([{ kind: 'report', period: first.key }]);
    expect(c.escalations).toEqual([]);

    // One working day late: one escalation (督办单) with a number and a response date.
    const t2 = calendar.addWorkingDays(first.due, 1);
    await runSupervisionScan(t.db, at(t2));
    await runSupervisionScan(t.db, at(t2));
    c = await count();
    expect(c.reminders).toHaveLength(1);
    expect(c.escalations).toHaveLength(1);
    const year = Number(t2.slice(0, 4));
    expect(c.escalations[0]).toMatchObject({ kind: 'report', period: first.key, number: `督办〔${year}〕第1号`, seq: 1 });
    const escalation = await t.db.selectFrom('escalations').select((eb) => eb.fn<string>('to_char', [eb.ref('respond_by'), eb.val('YYYY-MM-DD')]).as('respond_by')).where('task_id', '=', task.id).executeTakeFirstOrThrow();
    expect(escalation.respond_by).toBe(calendar.addWorkingDays(t2, 3));
    const notes = await t.db.selectFrom('notifications').select('kind').where('user_id', '=', liaisonUser.id).where('kind', 'in', ['reminder', 'escalation']).execute();
    expect(notes.map((n) => n.kind).sort()).toEqual(['escalation', 'reminder']);
    const leaderNotes = await t.db.selectFrom('notifications').select('kind').where('user_id', '=', leaderUser.id).execute();
    expect(leaderNotes.map((n) => n.kind)).toEqual(['escalation']);
    const light = await t.db.selectFrom('tasks').select(['light']).where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(light.light).toBe('grey'); // never signed: grey wins, with the overdue report among its reasons

    // Webhooks: the first post fails (recorded, retried after backoff), then all are delivered once.
    failNext = 1;
    const firstRun = await deliverWebhooks(t.db, at(t2), silent, { allowPrivate: true });
    expect(firstRun.failed).toBe(1);
    const failed = await t.db.selectFrom('webhook_deliveries').select(['status', 'attempts', 'last_error', 'last_status']).where('unit_id', '=', unit.id).where('attempts', '=', 1).where('status', '=', 'pending').execute();
    expect(failed).toEqual([{ status: 'pending', attempts: 1, last_error: 'HTTP 500', last_status: 500 }]);
    await deliverWebhooks(t.db, new Date(at(t2).getTime() + 11 * 60_000), silent, { allowPrivate: true });
    const deliveries = await t.db.selectFrom('webhook_deliveries').select(['event', 'status']).where('unit_id', '=', unit.id).execute();
    expect(deliveries.map((d) => `${d.event}:${d.status}`).sort()).toEqual(['escalation:sent', 'reminder:sent']);
    expect(received.map((r) => r.body.event).sort()).toEqual(['escalation', 'reminder']);
    expect(received[0].body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('【营商督办】') } });
    expect(received[0].headers['x-yingshang-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    // Through pg-boss (as after a restart), a day before the second report is due: one more reminder only.
    const t3 = calendar.addWorkingDays(second.due, -1);
    const jobs = await startJobs(t.database.handle, { db: t.db, config: t.config, now: () => at(t3), log: { info: () => {}, warn: () => {}, error: () => {} } as never }, [supervisionScanTask]);
    try {
      // On PostgreSQL the pgboss schema is shared by every test file: wait for these two jobs by id.
      const ids = [await jobs.boss.send('supervision-scan', {}), await jobs.boss.send('supervision-scan', {})];
      let done = 0;
      for (let i = 0; i < 60 && done < 2; i += 1) {
        await new Promise((r) => setTimeout(r, 500));
        const rows = await t.database.handle.executeSql(`select count(*)::int as n from pgboss.job where id = any($1::uuid[]) and state = 'completed'`, [ids]);
        done = Number(rows.rows[0].n);
      }
      expect(done).toBe(2);
    } finally {
      await jobs.stop();
    }
    c = await count();
    expect(c.reminders.map((r) => r.period).sort()).toEqual([first.key, second.key].sort());
    expect(c.escalations).toHaveLength(1);
  }, 90_000);
});
