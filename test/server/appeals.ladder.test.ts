import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSupervisionScan } from '../../src/server/modules/supervision/scan.service.ts';
import { buildEnterprise, buildRegion, buildUnit, buildUser, loginAs, withoutCsrf, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildAppealCategory } from './appeals-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

async function world() {
  const city = await buildRegion(t.db);
  const county = await buildRegion(t.db, { parentId: city.id });
  const other = await buildRegion(t.db);
  const unit = await buildUnit(t.db, { regionId: city.id });
  const otherUnit = await buildUnit(t.db, { regionId: city.id });
  await buildAppealCategory(t.db, city.id, { code: 'other', unitId: unit.id });
  const ent = await buildEnterprise(t.db, { regionId: county.id });
  const ent2 = await buildEnterprise(t.db, { regionId: county.id });
  const h = async (u: Parameters<typeof loginAs>[1]) => loginAs(t.app, u);
  const handlerUser = await buildUser(t.db, { role: 'unit', unitId: unit.id });
  return {
    city, county, unit, otherUnit, ent,
    enterprise: await h(await buildUser(t.db, { role: 'enterprise', enterpriseId: ent.id })),
    otherEnterprise: await h(await buildUser(t.db, { role: 'enterprise', enterpriseId: ent2.id })),
    handler: await h(handlerUser),
    colleague: await h(await buildUser(t.db, { role: 'unit', unitId: unit.id })),
    otherUnitH: await h(await buildUser(t.db, { role: 'unit', unitId: otherUnit.id })),
    office: await h(await buildUser(t.db, { role: 'office', regionId: city.id })),
    countyOffice: await h(await buildUser(t.db, { role: 'office', regionId: county.id })),
    otherOffice: await h(await buildUser(t.db, { role: 'office', regionId: other.id })),
    leader: await h(await buildUser(t.db, { role: 'leader', regionId: city.id })),
    handlerUser,
  };
}

describe('appeals permission ladder', () => {
  it('should walk 401, 403 CSRF, 400 per field, 404 out of scope, 403 wrong role, then success', async () => {
    const w = await world();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/appeals', payload: { description: '一二三四五六' } })).statusCode).toBe(401);
    expect((await post('/api/v1/appeals', withoutCsrf(w.enterprise), { description: '一二三四五六' })).json().error.code).toBe('AUTH_CSRF');
    for (const bad of [{}, { description: '短' }, { description: '一二三四五六', rating: 3 }, { description: '一二三四五六', lat: 100 }, { description: '一二三四五六', contactPhone: 'abc' }]) {
      const r = await post('/api/v1/appeals', w.enterprise, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION');
    }
    expect((await post('/api/v1/appeals', w.leader, { description: '一二三四五六', enterpriseName: 'x' })).statusCode).toBe(403);
    expect((await post('/api/v1/appeals', w.handler, { description: '一二三四五六', enterpriseName: 'x' })).statusCode).toBe(403);
    expect((await post('/api/v1/appeals', w.office, { description: '一二三四五六' })).json().error.code).toBe('APL_ENTERPRISE_REQUIRED');
    expect((await post('/api/v1/appeals', w.otherOffice, { description: '一二三四五六', enterpriseId: w.ent.id })).statusCode).toBe(404);
    const created = await post('/api/v1/appeals', w.enterprise, { description: '厂区门口道路破损严重需要维修', confidential: true, contactPhone: '13800000000' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;

    // reads: own enterprise, office/leader of the subtree; not others; units only once dispatched
    expect((await get(`/api/v1/appeals/${id}`, w.enterprise)).statusCode).toBe(200);
    expect((await get(`/api/v1/appeals/${id}`, w.otherEnterprise)).statusCode).toBe(404);
    expect((await get(`/api/v1/appeals/${id}`, w.countyOffice)).statusCode).toBe(200);
    expect((await get(`/api/v1/appeals/${id}`, w.leader)).statusCode).toBe(200);
    expect((await get(`/api/v1/appeals/${id}`, w.otherOffice)).statusCode).toBe(404);
    expect((await get(`/api/v1/appeals/${id}`, w.handler)).statusCode).toBe(404);
    expect((await get('/api/v1/appeals', w.otherEnterprise)).json().total).toBe(0);
    expect((await get('/api/v1/appeals', w.enterprise)).json().total).toBe(1);

    // writes: wrong role 403, wrong status 409, unknown id 404, bad unit 400
    expect((await post(`/api/v1/appeals/${id}/dispatch`, w.enterprise, { unitId: w.unit.id })).statusCode).toBe(403);
    expect((await post(`/api/v1/appeals/${id}/dispatch`, w.leader, { unitId: w.unit.id })).statusCode).toBe(403);
    expect((await post(`/api/v1/appeals/00000000-0000-4000-8000-000000000000/dispatch`, w.office, { unitId: w.unit.id })).statusCode).toBe(404);
    expect((await post(`/api/v1/appeals/${id}/dispatch`, w.office, { unitId: (await buildUnit(t.db)).id })).json().error.code).toBe('APL_UNIT_UNKNOWN');
    expect((await post(`/api/v1/appeals/${id}/dispatch`, w.office, { unitId: 'nope' })).statusCode).toBe(400);
    expect((await post(`/api/v1/appeals/${id}/callback`, w.office, { solved: true, satisfied: true })).json().error.code).toBe('APL_ILLEGAL_TRANSITION');
    expect((await post(`/api/v1/appeals/${id}/dispatch`, w.office, { unitId: w.unit.id })).statusCode).toBe(200);

    // units: lead unit reads, another unit does not; only the lead unit signs
    expect((await get(`/api/v1/appeals/${id}`, w.otherUnitH)).statusCode).toBe(404);
    expect((await post(`/api/v1/appeals/${id}/sign`, w.office)).statusCode).toBe(403);
    expect((await post(`/api/v1/appeals/${id}/sign`, w.handler)).statusCode).toBe(200);

    // confidential: the contact shows to the handler, not the colleague; every read of it is audited
    const colleague = (await get(`/api/v1/appeals/${id}`, w.colleague)).json();
    expect(colleague.enterprise).toMatchObject({ contactPhone: null, contactHidden: true });
    const handler = (await get(`/api/v1/appeals/${id}`, w.handler)).json();
    expect(handler.enterprise.contactPhone).toBe('13800000000');
    const reads = await t.db.selectFrom('audit_log').select(['actor_id']).where('action', '=', 'read_contact').where('entity_id', '=', id).execute();
    expect(reads.map((r) => r.actor_id)).toContain(w.handlerUser.id);
    expect((await post(`/api/v1/appeals/${id}/rate`, w.handler, { rating: 5 })).statusCode).toBe(403);
    expect((await get('/api/v1/appeal-stats', w.enterprise)).statusCode).toBe(404);
    expect((await get('/api/v1/appeal-clusters', w.handler)).statusCode).toBe(403);
  });
});

describe('appeals in the supervision scan (fake clock)', () => {
  it('should remind before the sign clock ends and raise one 督办 once it is overdue, in the tasks\' numbering', async () => {
    const w = await world();
    const id = (await post('/api/v1/appeals', w.enterprise, { description: '厂区门口道路破损严重需要维修' })).json().id;
    const day0 = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 office time
    // dispatch "on" day 0 by moving the stored dispatch back: through the API with the clock set
    const clock = t.clock;
    const offset = day0.getTime() - clock.now().getTime();
    clock.advance(offset);
    try {
      expect((await post(`/api/v1/appeals/${id}/dispatch`, w.office, { unitId: w.unit.id })).statusCode).toBe(200);
      const d = (await get(`/api/v1/appeals/${id}`, w.office)).json();
      expect(d.clocks[0]).toMatchObject({ kind: 'sign', dueOn: '2026-03-03' });
      const first = await runSupervisionScan(t.db, day0);
      expect(first.appealReminders).toBeGreaterThanOrEqual(1);
      const again = await runSupervisionScan(t.db, day0);
      expect(again.appealReminders).toBe(0);
      const late = new Date('2026-03-04T02:00:00Z');
      const scan = await runSupervisionScan(t.db, late);
      expect(scan.appealEscalations).toBeGreaterThanOrEqual(1);
      expect((await runSupervisionScan(t.db, late)).appealEscalations).toBe(0);
      const escalations = await t.db.selectFrom('escalations').selectAll().where('appeal_id' as never, '=', id).execute();
      expect(escalations).toHaveLength(1);
      expect(escalations[0]).toMatchObject({ kind: 'sign', task_id: null, number: expect.stringContaining('督办') });
      const detail = (await get(`/api/v1/appeals/${id}`, w.office)).json();
      expect(detail.escalations).toHaveLength(1);
      const notes = await t.db.selectFrom('notifications').select(['kind', 'title']).where('entity_id', '=', id).execute();
      expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['reminder', 'escalation']));
    } finally {
      clock.advance(-offset);
    }
  });
});

describe('12345 batch import', () => {
  it('should refuse a file with row errors whole, then import and skip known 工单编号', async () => {
    const w = await world();
    const csv = (rows: string[]) => Buffer.from(['工单编号,企业名称,联系人,联系电话,诉求类别,诉求内容,受理时间', ...rows].join('\n'), 'utf8');
    const upload = (buf: Buffer) => {
      const boundary = 'XBOUNDARY';
      const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="batch.csv"\r\nContent-Type: text/csv\r\n\r\n`), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return t.app.inject({ method: 'POST', url: '/api/v1/appeals/import', headers: { ...w.office, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    };
    const bad = await upload(csv(['GD001,甲公司,张三,138,other,道路破损需要维修,2026-01-05', 'GD002,乙公司,李四,139,不存在的类别,,2026-01-06']));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'APL_IMPORT_INVALID' });
    expect(bad.json().error.details.rows.map((r: { field: string }) => r.field)).toEqual(['诉求内容', '诉求类别']);
    expect(await t.db.selectFrom('appeals').select('id').where('source_id', '=', 'GD001').execute()).toHaveLength(0);
    const good = await upload(csv(['GD101,甲公司,张三,138,other,道路破损需要维修,2026-01-05', 'GD102,乙公司,李四,139,,稳岗补贴没有到账,2026-01-06 10:30', 'GD102,乙公司,李四,139,,稳岗补贴没有到账,2026-01-06 10:30']));
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ imported: 2, skipped: 1 });
    expect((await upload(csv(['GD101,甲公司,张三,138,other,道路破损需要维修,2026-01-05']))).json()).toMatchObject({ imported: 0, skipped: 1 });
    const row = await t.db.selectFrom('appeals').selectAll().where('source_id', '=', 'GD102').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'import', enterprise_name: '乙公司' });
    expect(new Date(row.received_at).toISOString()).toBe('2026-01-06T02:30:00.000Z');
    expect((await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).json().error.code).toBe('APL_IMPORT_UNREADABLE');
  });
});
