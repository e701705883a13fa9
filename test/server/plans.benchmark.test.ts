import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region } from '../../src/server/db/schema.ts';
import { buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let city: Region;
let county: Region;
let otherCity: Region;
let officeH: AuthHeaders;
let countyOfficeH: AuthHeaders;
let otherOfficeH: AuthHeaders;
let leaderH: AuthHeaders;
let unitH: AuthHeaders;
let adminH: AuthHeaders;

const plan = (region: string, days: string, extra = '') => `${region}2024年优化营商环境行动方案

一、重点任务
1.压缩企业开办时间，企业开办时间压缩至${days}个工作日以内，年底前完成。（牵头单位：市市场监管局）
2.推进拿地即开工，拿地即开工时间压缩至${days}天以内，年底前完成。（牵头单位：市住建局）
${extra}`;

async function importPlan(headers: AuthHeaders, text: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/plans', headers, payload: { text } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const benchmark = (headers: AuthHeaders | undefined, query = '') => t.app.inject({ method: 'GET', url: `/api/v1/benchmark${query}`, headers });
const group = (body: any, canonical: string) => body.groups.find((g: any) => g.canonical === canonical);

let cityPlan: any;
let countyPlan: any;
let otherPlan: any;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildRegion(t.db, { name: '示范市' });
  county = await buildRegion(t.db, { parentId: city.id, name: '东城县' });
  otherCity = await buildRegion(t.db, { name: '别的市' });
  officeH = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
  countyOfficeH = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: county.id }));
  otherOfficeH = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: otherCity.id }));
  leaderH = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
  unitH = await loginAs(t.app, await buildUser(t.db, { role: 'unit', regionId: county.id }));
  adminH = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
  cityPlan = await importPlan(officeH, plan('示范市', '2'));
  countyPlan = await importPlan(countyOfficeH, plan('东城县', '1'));
  otherPlan = await importPlan(otherOfficeH, plan('别的市', '0.5'));
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/benchmark', () => {
  it('should answer 401 without a session and 400 for an unknown query field', async () => {
    expect((await benchmark(undefined)).statusCode).toBe(401);
    expect((await benchmark(officeH, '?metrics=x')).statusCode).toBe(400);
    expect((await benchmark(officeH, '?metric=')).statusCode).toBe(400);
  });

  it('should line up the targets of the visible plans by canonical metric and mark the best', async () => {
    const res = await benchmark(officeH);
    expect(res.statusCode).toBe(200);
    const g = group(res.json(), '企业开办时间');
    expect(g).toMatchObject({ matchedBy: 'builtin', direction: 'lower', unit: '个工作日' });
    const planIds = g.entries.map((e: any) => e.planId);
    expect(planIds).toContain(cityPlan.id);
    expect(planIds).toContain(countyPlan.id);
    expect(planIds).not.toContain(otherPlan.id);
    const best = g.entries.filter((e: any) => e.best);
    expect(best.map((e: any) => [e.planId, e.value, e.regionName])).toEqual([[countyPlan.id, 1, '东城县']]);
    expect(best[0]).toMatchObject({ rank: 1, measureNumber: '1', measureId: countyPlan.measures[0].id, planTitle: countyPlan.title });
  });

  it('should keep plans of other regions out, and show unit users only published plans above them', async () => {
    const other = (await benchmark(otherOfficeH)).json();
    expect(group(other, '企业开办时间').entries.map((e: any) => e.planId)).toEqual([otherPlan.id]);
    const county = (await benchmark(countyOfficeH)).json();
    expect(group(county, '企业开办时间').entries.map((e: any) => e.planId)).toEqual([countyPlan.id]);
    expect((await benchmark(unitH)).json().groups).toEqual([]);
    await t.db.updateTable('plans').set({ status: 'published' }).where('id', '=', cityPlan.id).execute();
    const unit = (await benchmark(unitH)).json();
    expect(group(unit, '企业开办时间').entries.map((e: any) => e.planId)).toEqual([cityPlan.id]);
    await t.db.updateTable('plans').set({ status: 'draft' }).where('id', '=', cityPlan.id).execute();
    const admin = (await benchmark(adminH)).json();
    expect(group(admin, '企业开办时间').entries.map((e: any) => e.planId).sort()).toEqual([cityPlan.id, countyPlan.id, otherPlan.id].sort());
  });

  it("should apply the office's metric synonyms of its region and the regions above, not of others", async () => {
    const before = (await benchmark(countyOfficeH, '?metric=开工')).json();
    expect(before.groups.some((g: any) => g.canonical === '拿地即开工')).toBe(false);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/metric-synonyms', headers: officeH, payload: { canonical: '拿地即开工', variant: '拿地即开工时间' } });
    expect(created.statusCode, created.body).toBe(201);
    // The county office sees the city's synonym applied; the other city does not.
    const county = (await benchmark(countyOfficeH, '?metric=拿地即开工')).json();
    expect(county.groups).toHaveLength(1);
    expect(county.groups[0]).toMatchObject({ canonical: '拿地即开工', matchedBy: 'extra' });
    const other = (await benchmark(otherOfficeH)).json();
    expect(other.groups.some((g: any) => g.canonical === '拿地即开工')).toBe(false);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/metric-synonyms/${created.json().id}`, headers: officeH });
  });
});

describe('/api/v1/metric-synonyms', () => {
  const post = (headers: AuthHeaders | undefined, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/metric-synonyms', headers, payload: payload as string });

  it('should walk the ladder for create: 401, 400 per field, 403, 404, 201, 409', async () => {
    expect((await post(undefined, { canonical: 'a', variant: 'b' })).statusCode).toBe(401);
    for (const payload of [{ variant: 'b' }, { canonical: 'a' }, { canonical: ' ', variant: 'b' }, { canonical: 'a', variant: 'b', regionId: 'x' }, { canonical: 'a', variant: 'b', x: 1 }]) {
      const res = await post(officeH, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect((await post(leaderH, { canonical: '企业开办时间', variant: '开办一件事' })).statusCode).toBe(403);
    expect((await post(unitH, { canonical: '企业开办时间', variant: '开办一件事' })).statusCode).toBe(403);
    expect((await post(countyOfficeH, { canonical: '企业开办时间', variant: '开办一件事', regionId: city.id })).statusCode).toBe(404);
    expect((await post(officeH, { canonical: '企业开办时间', variant: '开办一件事', regionId: randomUUID() })).statusCode).toBe(404);
    expect((await post(adminH, { canonical: '企业开办时间', variant: '开办一件事' })).statusCode).toBe(400);
    const ok = await post(officeH, { canonical: '企业开办时间', variant: '开办一件事' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ canonical: '企业开办时间', variant: '开办一件事', regionId: city.id, regionName: '示范市', policies: { delete: true } });
    const dup = await post(officeH, { canonical: '企业开办', variant: '开办一件事' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('METRIC_SYNONYM_TAKEN');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', ok.json().id).execute();
    expect(audit).toEqual([{ action: 'create', entity: 'metric_synonym' }]);
  });

  it('should list what applies to the caller with the built-in table, and delete with the ladder', async () => {
    const created = (await post(officeH, { canonical: '用电报装时间', variant: '电力报装' })).json();
    const countyList = (await t.app.inject({ method: 'GET', url: '/api/v1/metric-synonyms', headers: countyOfficeH })).json();
    const seen = countyList.items.find((s: any) => s.id === created.id);
    expect(seen.policies.delete).toBe(false);
    expect(countyList.builtin.length).toBeGreaterThan(10);
    const otherList = (await t.app.inject({ method: 'GET', url: '/api/v1/metric-synonyms', headers: otherOfficeH })).json();
    expect(otherList.items.some((s: any) => s.id === created.id)).toBe(false);

    const url = `/api/v1/metric-synonyms/${created.id}`;
    expect((await t.app.inject({ method: 'DELETE', url, headers: undefined })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/metric-synonyms/nope', headers: officeH })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url, headers: countyOfficeH })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url, headers: otherOfficeH })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url, headers: officeH })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url, headers: officeH })).statusCode).toBe(404);
  });
});
