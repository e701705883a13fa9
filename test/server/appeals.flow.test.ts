import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildRegion, buildUnit, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildAppealCategory } from './appeals-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function world() {
  const city = await buildRegion(t.db);
  const county = await buildRegion(t.db, { parentId: city.id });
  const market = await buildUnit(t.db, { regionId: city.id, name: '市场监管局' });
  const hr = await buildUnit(t.db, { regionId: city.id, name: '人社局' });
  const license = await buildAppealCategory(t.db, city.id, { code: 'license', name: '证照办理', unitId: market.id, keywords: ['营业执照', '登记', '变更'] });
  const labour = await buildAppealCategory(t.db, city.id, { code: 'labour', name: '用工社保', unitId: hr.id, keywords: ['稳岗补贴', '社保', '用工'] });
  await buildAppealCategory(t.db, city.id, { code: 'other', name: '其他' });
  const ent = await buildEnterprise(t.db, { regionId: county.id, name: '示范科技有限公司' });
  const entUser = await buildUser(t.db, { role: 'enterprise', enterpriseId: ent.id });
  const marketUser = await buildUser(t.db, { role: 'unit', unitId: market.id });
  const hrUser = await buildUser(t.db, { role: 'unit', unitId: hr.id });
  const officeUser = await buildUser(t.db, { role: 'office', regionId: city.id });
  return {
    city, county, market, hr, license, labour, ent,
    enterprise: await loginAs(t.app, entUser),
    marketH: await loginAs(t.app, marketUser),
    hrH: await loginAs(t.app, hrUser),
    office: await loginAs(t.app, await loginUser(officeUser)),
    marketUser,
  };
}
const loginUser = async <T,>(u: T) => u;

const post = (url: string, headers: AuthHeaders, payload?: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
const get = (url: string, headers: AuthHeaders) => t.app.inject({ method: 'GET', url, headers });

describe('appeals: the whole loop through the API', () => {
  it('should take an appeal from filing to rating, with clocks, timeline, enterprise events and the unit rates moving', async () => {
    const w = await world();
    const filed = await post('/api/v1/appeals', w.enterprise, { description: '我公司申请营业执照变更登记，材料齐全但一直没有办下来，影响投标。', categoryCode: 'license', isPublic: false });
    expect(filed.statusCode, filed.body).toBe(201);
    const appeal = filed.json();
    expect(appeal).toMatchObject({ status: 'received', channel: 'portal', enterprise: { id: w.ent.id, name: '示范科技有限公司' }, category: { code: 'license' } });
    const id = appeal.id;

    // the office sees the dispatch proposal from the catalogue
    const seen = (await get(`/api/v1/appeals/${id}`, w.office)).json();
    expect(seen.proposals[0]).toMatchObject({ unitId: w.market.id, legalBasis: expect.stringContaining('权责清单') });
    expect(seen.policies.dispatch).toBe(true);

    // dispatch to the wrong unit → dispute → re-dispatch to market
    expect((await post(`/api/v1/appeals/${id}/dispatch`, w.office, { unitId: w.hr.id })).statusCode).toBe(200);
    expect((await get(`/api/v1/appeals/${id}`, w.marketH)).statusCode).toBe(404);
    const disputed = await post(`/api/v1/appeals/${id}/dispute`, w.hrH, { reason: '营业执照登记不属人社局职责' });
    expect(disputed.json().status).toBe('disputed');
    const redispatched = await post(`/api/v1/appeals/${id}/dispute-decision`, w.office, { decision: 'redispatch', unitId: w.market.id });
    expect(redispatched.json()).toMatchObject({ status: 'dispatched', unit: { id: w.market.id } });
    expect((await get(`/api/v1/appeals/${id}`, w.hrH)).statusCode).toBe(404);

    const signed = await post(`/api/v1/appeals/${id}/sign`, w.marketH);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().clocks.find((c: { kind: string }) => c.kind === 'sign').state).toBe('met');
    expect((await post(`/api/v1/appeals/${id}/sign`, w.marketH)).json().error.code).toBe('APL_ILLEGAL_TRANSITION');

    // close before call-back is refused; reply, call-back, rate
    expect((await post(`/api/v1/appeals/${id}/reply`, w.marketH, { text: '已为企业办理变更登记，并说明材料要求。' })).json().status).toBe('replied');
    expect((await post(`/api/v1/appeals/${id}/close`, w.office, {})).statusCode).toBe(409);
    expect((await post(`/api/v1/appeals/${id}/callback`, w.office, { solved: true, satisfied: true })).json().status).toBe('called_back');
    const rated = await post(`/api/v1/appeals/${id}/rate`, w.enterprise, { rating: 5, comment: '很快' });
    expect(rated.json()).toMatchObject({ status: 'closed', rating: 5 });
    expect((await post(`/api/v1/appeals/${id}/reopen`, w.enterprise, { reason: '再看看' })).json().error.code).toBe('APL_REOPEN_NOT_UNSATISFIED');

    // the enterprise sees its timeline without the internal dispute, and its registry timeline has the steps
    const mine = (await get(`/api/v1/appeals/${id}`, w.enterprise)).json();
    const kinds = mine.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['received', 'dispatch', 'redispatch', 'sign', 'reply', 'callback', 'rate']);
    const events = await t.db.selectFrom('enterprise_events').select('kind').where('enterprise_id', '=', w.ent.id).execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['appeal.received', 'appeal.dispatch', 'appeal.sign', 'appeal.reply', 'appeal.rate']));
    const audits = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'appeal').where('entity_id', '=', id).execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'dispatch', 'dispute', 'redispatch', 'sign', 'reply', 'callback', 'rate']);

    const stats = (await get('/api/v1/appeal-stats?groupBy=unit', w.office)).json();
    const row = stats.groups.find((g: { id: string }) => g.id === w.market.id);
    expect(row).toMatchObject({ total: 1, small: true, rank: null, response: { numerator: 1, denominator: 1 }, satisfaction: { value: 1 } });
  });

  it('should send a 差评 to rectification, take a second call-back and allow one reopen', async () => {
    const w = await world();
    const id = (await post('/api/v1/appeals', w.enterprise, { description: '申请的稳岗补贴迟迟没有到账，社保部门说还在审核。' })).json().id;
    const detail = (await get(`/api/v1/appeals/${id}`, w.office)).json();
    expect(detail.category.code).toBe('labour');
    await post(`/api/v1/appeals/${id}/dispatch`, w.office, { unitId: w.hr.id });
    await post(`/api/v1/appeals/${id}/sign`, w.hrH);
    const paused = await post(`/api/v1/appeals/${id}/pause`, w.hrH, { reason: '请企业补充银行账户信息' });
    expect(paused.json().status).toBe('waiting');
    expect((await post(`/api/v1/appeals/${id}/resume`, w.hrH)).json().status).toBe('handling');
    expect((await post(`/api/v1/appeals/${id}/extend`, w.office, { days: 10, reason: '需跨部门核对' })).json().extensionDays).toBe(10);
    expect((await post(`/api/v1/appeals/${id}/extend`, w.office, { days: 5, reason: '再延' })).json().error.code).toBe('APL_EXTENSION_USED');
    await post(`/api/v1/appeals/${id}/reply`, w.hrH, { text: '已提交审核' });
    const bad = await post(`/api/v1/appeals/${id}/rate`, w.enterprise, { rating: 2, comment: '还没到账' });
    expect(bad.json()).toMatchObject({ status: 'rectifying', rating: 2 });
    expect(bad.json().rectifyDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await post(`/api/v1/appeals/${id}/reply`, w.hrH, { text: '补贴已发放到账' });
    await post(`/api/v1/appeals/${id}/callback`, w.office, { solved: true, satisfied: false });
    const closed = await post(`/api/v1/appeals/${id}/close`, w.office, {});
    expect(closed.json().status).toBe('closed');
    const reopened = await post(`/api/v1/appeals/${id}/reopen`, w.enterprise, { reason: '仍不满意' });
    expect(reopened.json()).toMatchObject({ status: 'handling', reopenCount: 1 });
    await post(`/api/v1/appeals/${id}/reply`, w.hrH, { text: '再次核实' });
    await post(`/api/v1/appeals/${id}/callback`, w.office, { solved: false, satisfied: false });
    await post(`/api/v1/appeals/${id}/close`, w.office, {});
    expect((await post(`/api/v1/appeals/${id}/reopen`, w.enterprise, { reason: '再来' })).json().error.code).toBe('APL_REOPEN_USED');
  });

  it('should propose duplicates, cluster similar appeals and turn a cluster into a supervised task that tells the enterprises when it closes', async () => {
    const w = await world();
    const ent2 = await buildEnterprise(t.db, { regionId: w.county.id });
    const texts = ['园区道路积水严重，企业货车无法通行，希望尽快修复排水管网', '园区道路积水很严重，货车无法通行，请修复排水管网', '园区道路积水严重，货车通行困难，请修复排水管网'];
    const a1 = (await post('/api/v1/appeals', w.enterprise, { description: texts[0] })).json();
    const a2 = (await post('/api/v1/appeals', w.enterprise, { description: texts[1] })).json();
    const a3 = (await post('/api/v1/appeals', w.office, { description: texts[2], enterpriseId: ent2.id, channel: 'hotline' })).json();
    const d2 = (await get(`/api/v1/appeals/${a2.id}`, w.office)).json();
    expect(d2.duplicateOf).toBe(a1.id);
    expect(d2.clusterId).toBeTruthy();
    const clusters = (await get('/api/v1/appeal-clusters', w.office)).json();
    const cluster = clusters.items.find((c: { id: string }) => c.id === d2.clusterId);
    expect(cluster).toMatchObject({ size: 3, enterprises: 2 });
    expect(cluster.keywords).toEqual(expect.arrayContaining(['积水']));
    // The cluster is keyed to the root region; an office below it still sees the clusters of its own area.
    const countyOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.county.id }));
    expect((await get('/api/v1/appeal-clusters', countyOffice)).json().items.map((c: { id: string }) => c.id)).toContain(d2.clusterId);
    const elsewhere = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: (await buildRegion(t.db, { parentId: w.city.id })).id }));
    expect((await get('/api/v1/appeal-clusters', elsewhere)).json().items.map((c: { id: string }) => c.id)).not.toContain(d2.clusterId);

    const merged = await post(`/api/v1/appeals/${a2.id}/merge`, w.office, { intoId: a1.id });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: a1.id });
    void a3;

    // a deadline in the past (or centuries away) is refused before anything is written
    const plansBefore = await t.db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const dueDate of ['2000-01-01', '0001-01-01', '9999-12-31']) {
      const refused = await post(`/api/v1/appeal-clusters/${cluster.id}/measure`, w.office, { unitId: w.market.id, dueDate });
      expect(refused.statusCode, dueDate).toBe(400);
      expect(refused.json().error.details[0].field).toBe('body.dueDate');
    }
    expect(await t.db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(plansBefore);

    const dueDate = `${new Date().getFullYear() + 1}-06-30`;
    const m = await post(`/api/v1/appeal-clusters/${cluster.id}/measure`, w.office, { unitId: w.market.id, dueDate });
    expect(m.statusCode, m.body).toBe(200);
    const { taskId, appeals } = m.json();
    expect(appeals).toBe(2);
    expect((await post(`/api/v1/appeal-clusters/${cluster.id}/measure`, w.office, { unitId: w.market.id, dueDate })).json().error.code).toBe('APL_CLUSTER_MEASURED');
    const task = (await get(`/api/v1/tasks/${taskId}`, w.office)).json();
    expect(task.unitId ?? task.unit?.id).toBe(w.market.id);

    // the unit finishes the task; the office closes it; the enterprises hear of it
    expect((await post(`/api/v1/tasks/${taskId}/sign`, w.marketH)).statusCode).toBe(200);
    const rep = await post(`/api/v1/tasks/${taskId}/reports`, w.marketH, { summary: '排水管网已修复', progress: 100, isFinal: true, submit: true });
    expect(rep.statusCode, rep.body).toBe(201);
    expect((await post(`/api/v1/reports/${rep.json().id}/review`, w.office, { decision: 'accept' })).statusCode).toBe(200);
    const closed = await post(`/api/v1/tasks/${taskId}/close`, w.office);
    expect(closed.statusCode, closed.body).toBe(200);
    const told = await t.db.selectFrom('enterprise_events').select(['enterprise_id', 'kind']).where('kind', '=', 'appeal.measure_done').execute();
    expect(new Set(told.filter((e) => e.enterprise_id === w.ent.id || e.enterprise_id === ent2.id).map((e) => e.enterprise_id))).toEqual(new Set([w.ent.id, ent2.id]));
  });
});
