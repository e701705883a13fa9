import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyGrants } from '../../src/server/modules/policies/grants.service.ts';
import { buildEnterprise, buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const year = new Date().getUTCFullYear() - 1;

describe('policies: catalogue → rule version → 政策体检 → batch → four eyes → confirm → review → verify', () => {
  let t: TestApp;
  let city: { id: string; name: string };
  let office1: AuthHeaders;
  let office2: AuthHeaders;
  let leader: AuthHeaders;
  let unit: AuthHeaders;
  let entA: AuthHeaders;
  let entB: AuthHeaders;
  let entOther: AuthHeaders;
  let a: { id: string };
  let b: { id: string };
  let policyId: string;
  let itemId: string;
  let batchId: string;
  let grantId: string;

  const rule = () => ({
    kind: 'all',
    items: [
      { kind: 'region', id: 'c1', ref: '示例市政〔2026〕8号 第三条(一)', regionId: city.id, regionName: city.name },
      { kind: 'figure', id: 'c2', ref: '示例市政〔2026〕8号 第三条(二)', figure: 'revenue', yearOffset: -1, cmp: '>=', value: 2000 },
      { kind: 'tag', id: 'c3', ref: '示例市政〔2026〕8号 第三条(三)', tag: '高新技术企业' },
      { kind: 'credit_clear', id: 'c4', ref: '示例市政〔2026〕8号 第三条(四)', flags: ['dishonest'] },
    ],
  });
  const goodProfile = () => ({ regionPath: `/${city.id}/`, figures: [{ year, revenue: 2500, employees: 30, assets: 100 }], tags: [{ tag: '高新技术企业' }] });
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp();
    const c = await buildRegion(t.db, { name: '示例市' });
    city = { id: c.id, name: c.name };
    const county = await buildRegion(t.db, { parentId: c.id, name: '示例县' });
    const other = await buildRegion(t.db, { name: '他市' });
    const ea = await buildEnterprise(t.db, { regionId: county.id, name: '甲科技有限公司' });
    const eb = await buildEnterprise(t.db, { regionId: county.id, name: '乙制造有限公司' });
    const eo = await buildEnterprise(t.db, { regionId: other.id, name: '他市企业' });
    a = ea;
    b = eb;
    for (const [e, revenue] of [[ea, 2600], [eb, 1900], [eo, 9000]] as const) {
      await t.db.insertInto('enterprise_figures').values({ enterprise_id: e.id, year, employees: 40, revenue, assets: 3000, source: '统计局年报', as_of: `${year + 1}-03-31` }).execute();
      await t.db.insertInto('enterprise_tags').values({ enterprise_id: e.id, tag: '高新技术企业', valid_from: `${year - 1}-01-01`, valid_to: `${year + 2}-12-31`, source: '科技局' }).execute();
    }
    await t.db.insertInto('payee_accounts').values({ enterprise_id: ea.id, bank_name: '示例银行', account_name: '甲科技有限公司', account_no: '6222000011112222', updated_at: new Date() }).execute();
    office1 = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: c.id }));
    office2 = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: c.id }));
    leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: c.id }));
    unit = await loginAs(t.app, await buildUser(t.db, { role: 'unit', regionId: county.id }));
    entA = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: ea.id }));
    entB = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: eb.id }));
    entOther = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: eo.id }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('should walk the ladder for creating a policy', async () => {
    const body = { title: '关于支持高新技术企业发展的若干措施（示例）', issuer: '示例市人民政府', docNumber: '示例市政〔2026〕8号', effectiveFrom: '2026-01-01', themes: ['科技创新'], items: [{ title: '高新技术企业奖励', mode: 'auto', theme: '科技创新' }] };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/policies', payload: body })).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/policies', headers: office1, payload: { ...body, effectiveFrom: 'soon' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/policies', headers: unit, payload: body })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/policies', headers: entA, payload: body })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/policies', headers: office1, payload: body });
    expect(res.statusCode).toBe(201);
    policyId = res.json().id;
    itemId = res.json().items[0].id;
    expect(res.json().items[0].status).toBe('draft');
    // drafts are invisible to enterprises, 404 like a missing record
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/policies/${policyId}`, headers: entA })).statusCode).toBe(404);
    const stale = await t.app.inject({ method: 'PUT', url: `/api/v1/policies/${policyId}`, headers: office1, payload: { version: 9, title: 'x' } });
    expect(stale.json().error.code).toBe('POL_VERSION_CONFLICT');
  });

  it('should draft conditions from text', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/policies/draft-rules', headers: office1, payload: { text: '注册地在本市；上年度营业收入2000万元以上；高新技术企业；无失信记录；研发投入占比不低于3%', regionId: city.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json().drafts.map((d: { leaf: { kind: string } }) => d.leaf.kind)).toEqual(['region', 'figure', 'tag', 'credit_clear', 'manual']);
    expect(res.json().machineCheckable).toBe(false);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/policies/draft-rules', headers: entA, payload: { text: 'x' } })).statusCode).toBe(403);
  });

  it('should refuse a rule version whose situation tests fail, and store nothing', async () => {
    const payload = { validFrom: '2026-01-01', rule: rule(), benefit: { kind: 'fixed', amount: 200000 }, tests: [{ name: '营收2500万应符合', asOf: today, profile: { ...goodProfile(), figures: [{ year, revenue: 1900 }] }, expected: 'true' }] };
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/policy-items/${itemId}/rule-versions`, headers: office1, payload });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('POL_SITUATION_TESTS_FAILED');
    expect(res.json().error.details[0].message).toContain('营业收入1900万元，低于2000万元');
    const count = await t.db.selectFrom('policy_rule_versions').select(sql<string>`count(*)`.as('n')).where('item_id', '=', itemId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const invalid = await t.app.inject({ method: 'POST', url: `/api/v1/policy-items/${itemId}/rule-versions`, headers: office1, payload: { ...payload, rule: { kind: 'figure', id: 'x', figure: 'profit' } } });
    expect(invalid.json().error.code).toBe('POL_RULE_INVALID');
    const manual = await t.app.inject({ method: 'POST', url: `/api/v1/policy-items/${itemId}/rule-versions`, headers: office1, payload: { ...payload, rule: { kind: 'manual', id: 'm', ref: 'r', text: '人工' } } });
    expect(manual.json().error.code).toBe('POL_AUTO_NEEDS_MACHINE_RULE');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/policy-items/${itemId}/rule-versions`, headers: leader, payload })).statusCode).toBe(403);
  });

  it('should publish a version whose tests pass and push to the newly eligible once', async () => {
    const payload = {
      validFrom: '2026-01-01',
      rule: rule(),
      benefit: { kind: 'fixed', amount: 200000 },
      tests: [
        { name: '营收2500万、高新：符合', asOf: today, profile: goodProfile(), expected: 'true', expectedAmount: 200000 },
        { name: '营收1900万：不符合', asOf: today, profile: { ...goodProfile(), figures: [{ year, revenue: 1900 }] }, expected: 'false' },
        { name: '缺营收：未知', asOf: today, profile: { ...goodProfile(), figures: [] }, expected: 'unknown' },
      ],
    };
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/policy-items/${itemId}/rule-versions`, headers: office1, payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().pushed).toBe(1);
    expect(res.json().item.status).toBe('published');
    const messages = await t.app.inject({ method: 'GET', url: '/api/v1/portal/policy-messages', headers: entA });
    expect(messages.json().items).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/portal/policy-messages', headers: entB })).json().items).toHaveLength(0);
  });

  it('should show each enterprise only its own 政策体检, with why not', async () => {
    const mine = await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${a.id}/policy-matches`, headers: entA });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items[0]).toMatchObject({ status: 'eligible', estimatedAmount: 200000 });
    const near = await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${b.id}/policy-matches`, headers: entB });
    expect(near.json().items[0].status).toBe('near');
    expect(near.json().items[0].gaps).toEqual(['营业收入1900万元，低于2000万元']);
    const leaf = near.json().items[0].trace.find((l: { id: string }) => l.id === 'c2');
    expect(leaf).toMatchObject({ source: '统计局年报', value: `${year}年度营业收入1900万元` });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${b.id}/policy-matches`, headers: entA })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${a.id}/policy-matches`, headers: leader })).statusCode).toBe(200);
    // the other city's enterprise is not governed by the policy: nothing to show
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/enterprises/' + (await t.db.selectFrom('users').select('enterprise_id').where('role', '=', 'enterprise').execute()).at(-1)!.enterprise_id + '/policy-matches', headers: entOther });
    expect(other.json().items).toHaveLength(0);
  });

  it('should list the eligible inside the database and export them', async () => {
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/policy-items/${itemId}/eligible`, headers: office1 });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { name: string }) => r.name)).toEqual(['甲科技有限公司']);
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/policy-items/${itemId}/eligible.xlsx`, headers: office1 });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/policy-items/${itemId}/eligible`, headers: entA })).statusCode).toBe(404);
  });

  it('should list near misses (one failed condition away) with the gap, and export them', async () => {
    const near = await t.app.inject({ method: 'GET', url: `/api/v1/policy-items/${itemId}/eligible?truth=near`, headers: office1 });
    expect(near.statusCode).toBe(200);
    expect(near.json().total).toBe(1);
    expect(near.json().items[0]).toMatchObject({ name: '乙制造有限公司', result: 'false', estimatedAmount: null, gaps: ['营业收入1900万元，低于2000万元'] });
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/policy-items/${itemId}/eligible.xlsx?truth=near`, headers: office1 });
    expect(xlsx.statusCode).toBe(200);
  });

  it('should need a second office user to approve a batch (four eyes)', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/policy-items/${itemId}/grant-batches`, headers: leader, payload: { periodLabel: '2026年第一批' } })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/policy-items/${itemId}/grant-batches`, headers: office1, payload: { periodLabel: '2026年第一批' } });
    expect(res.statusCode).toBe(201);
    batchId = res.json().id;
    expect(res.json()).toMatchObject({ grantCount: 1, totalAmount: 200000, status: 'pending' });
    grantId = res.json().grants[0].id;
    // not decided yet: the enterprise does not see it
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/grants/${grantId}`, headers: entA })).json().decidedAt).toBeNull();
    const self = await t.app.inject({ method: 'POST', url: `/api/v1/grant-batches/${batchId}/approve`, headers: office1 });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('POL_FOUR_EYES');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grant-batches/${batchId}/approve`, headers: entA })).statusCode).toBe(404);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/grant-batches/${batchId}/approve`, headers: office2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grant-batches/${batchId}/approve`, headers: office2 })).json().error.code).toBe('POL_BATCH_NOT_PENDING');
  });

  it('should let only the enterprise confirm, with one tap, and show the signed decision with its trace', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/grants/${grantId}`, headers: entB })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/confirm`, headers: entB })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/confirm`, headers: office1 })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/confirm`, headers: entA });
    expect(res.statusCode).toBe(200);
    const g = res.json();
    expect(g).toMatchObject({ status: 'confirmed', bankAccount: '示例银行 ****2222', amount: 200000 });
    expect(g.signature.alg).toBe('sm2');
    expect(g.snapshot).toBeNull();
    expect(g.trace.items).toHaveLength(4);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/confirm`, headers: entA })).json().error.code).toBe('POL_GRANT_NOT_AWAITING');
    const events = await t.db.selectFrom('enterprise_events').select('kind').where('enterprise_id', '=', a.id).execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['policy.matched', 'grant.decided', 'grant.confirmed']));
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', grantId).execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['grant.decide', 'grant.confirm']));
  });

  it('should keep both decisions when the enterprise appeals and the office re-runs it', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/review`, headers: office1, payload: {} })).json().error.code).toBe('POL_REVIEW_NOT_REQUESTED');
    const asked = await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/review`, headers: entA, payload: { reason: '营业收入应为3000万元' } });
    expect(asked.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/review`, headers: entA, payload: {} })).json().error.code).toBe('POL_REVIEW_PENDING');
    const rerun = await t.app.inject({ method: 'POST', url: `/api/v1/grants/${grantId}/review`, headers: office1, payload: { reason: '复核' } });
    expect(rerun.statusCode).toBe(200);
    expect(rerun.json()).toMatchObject({ reviewOf: grantId, result: 'true' });
    const old = await t.app.inject({ method: 'GET', url: `/api/v1/grants/${grantId}`, headers: entA });
    expect(old.json().related.map((r: { reviewOf: string }) => r.reviewOf)).toEqual([grantId]);
  });

  it('should disburse and show results', async () => {
    const confirmed = (await t.db.selectFrom('grants').select(['id', 'status']).where('enterprise_id', '=', a.id).execute()).find((g) => g.status === 'awaiting_confirmation');
    await t.app.inject({ method: 'POST', url: `/api/v1/grants/${confirmed!.id}/confirm`, headers: entA });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grants/${confirmed!.id}/disburse`, headers: entA })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/grants/${confirmed!.id}/disburse`, headers: office2 })).json().status).toBe('disbursed');
    const results = await t.app.inject({ method: 'GET', url: '/api/v1/policy-results', headers: leader });
    expect(results.statusCode).toBe(200);
    expect(results.json().coverage[0]).toMatchObject({ eligible: 1 });
    expect(results.json().byCounty[0].key).toBe('示例县');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/policy-results', headers: entA })).statusCode).toBe(403);
  });

  it('should fail verification when a decision or its snapshot is tampered with', async () => {
    expect(await verifyGrants(t.db)).toMatchObject({ failures: [] });
    const before = await t.db.selectFrom('grants').select(['snapshot', 'amount']).where('id', '=', grantId).executeTakeFirstOrThrow();
    await t.db.updateTable('grants').set({ snapshot: sql`jsonb_set(snapshot, '{name}', '"改过的名字"')` as never }).where('id', '=', grantId).execute();
    let v = await verifyGrants(t.db);
    expect(v.failures.map((f) => f.grantId)).toEqual([grantId]);
    expect(v.failures[0].problems).toContain('数据快照与其哈希不符');
    await t.db.updateTable('grants').set({ snapshot: JSON.stringify(before.snapshot) }).where('id', '=', grantId).execute();
    await t.db.updateTable('grants').set({ amount: '900000' }).where('id', '=', grantId).execute();
    v = await verifyGrants(t.db);
    expect(v.failures[0].problems).toEqual(expect.arrayContaining(['签名验证失败']));
    await t.db.updateTable('grants').set({ amount: before.amount }).where('id', '=', grantId).execute();
    expect((await verifyGrants(t.db)).failures).toEqual([]);
  });
});
