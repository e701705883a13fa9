import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, buildUnit, buildUser, loginAs, withoutCsrf, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDraftPlan } from './supervision-helpers.ts';

let t: TestApp;
let admin: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/regions', () => {
  it('should answer 401 without a session', async () => {
    expect((await t.app.inject({ url: '/api/v1/regions' })).statusCode).toBe(401);
  });

  it('should show an office user its subtree only, and a unit user its own region', async () => {
    const city = await buildRegion(t.db);
    const east = await buildRegion(t.db, { parentId: city.id });
    const west = await buildRegion(t.db, { parentId: city.id });
    const eastTown = await buildRegion(t.db, { parentId: east.id, kind: 'zone' });
    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: east.id }));
    const res = await t.app.inject({ url: '/api/v1/regions', headers: eastOffice });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { id: string }) => r.id)).toEqual([east.id, eastTown.id]);
    expect(res.json().items[0].policies).toEqual({ update: false, delete: false });
    expect(res.json().items.map((r: { id: string }) => r.id)).not.toContain(west.id);

    const unitUser = await buildUser(t.db, { role: 'unit', unitId: (await buildUnit(t.db, { regionId: west.id })).id });
    const unitRes = await t.app.inject({ url: '/api/v1/regions', headers: await loginAs(t.app, unitUser) });
    expect(unitRes.json().items.map((r: { id: string }) => r.id)).toEqual([west.id]);

    const adminRes = await t.app.inject({ url: '/api/v1/regions', headers: admin });
    const ids = adminRes.json().items.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([city.id, east.id, west.id, eastTown.id]));
    expect(adminRes.json().items.find((r: { id: string }) => r.id === east.id)).toMatchObject({ parentId: city.id, kind: 'county', policies: { update: true, delete: true } });
  });
});

describe('POST /api/v1/regions', () => {
  const post = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload });

  it('should walk the ladder: 401, 403 CSRF, 400 per field, 403 role, 404 parent, 201', async () => {
    const city = await buildRegion(t.db);
    expect((await post({}, { name: 'x', kind: 'county', parentId: city.id })).statusCode).toBe(401);
    expect((await post(withoutCsrf(admin), { name: 'x', kind: 'county', parentId: city.id })).json().error.code).toBe('AUTH_CSRF');
    const bad: object[] = [
      { kind: 'county', parentId: city.id },
      { name: '', kind: 'county', parentId: city.id },
      { name: 'x', kind: 'planet', parentId: city.id },
      { name: 'x', kind: 'county', parentId: 'not-a-uuid' },
      { name: 'x', kind: 'county', code: 'has space', parentId: city.id },
      { name: 'x', kind: 'county', parentId: city.id, secret: 1 },
    ];
    for (const payload of bad) {
      const res = await post(admin, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    expect((await post(office, { name: 'x', kind: 'county', parentId: city.id })).statusCode).toBe(403);
    const missing = await post(admin, { name: 'x', kind: 'county', parentId: randomUUID() });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', message: '记录不存在或无权访问' });

    const code = `c-${randomUUID().slice(0, 8)}`;
    const created = await post(admin, { name: '新区', kind: 'zone', code, parentId: city.id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '新区', kind: 'zone', code, parentId: city.id, policies: { update: true, delete: true } });
    expect((await post(admin, { name: '另一个', kind: 'zone', code, parentId: city.id })).json().error.code).toBe('REGION_CODE_TAKEN');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'create', entity: 'region', before: null, after: { name: '新区', code, parentId: city.id } });
  });
});

describe('PATCH /api/v1/regions/:id', () => {
  const patch = (headers: Record<string, string>, id: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${id}`, headers, payload });

  it('should walk the ladder: 401, 400 bad id and fields, 404 outside scope, 403 for office, 200', async () => {
    const city = await buildRegion(t.db);
    const county = await buildRegion(t.db, { parentId: city.id });
    expect((await patch({}, county.id, { name: 'y' })).statusCode).toBe(401);
    expect((await patch(admin, 'nope', { name: 'y' })).statusCode).toBe(400);
    expect((await patch(admin, county.id, {})).statusCode).toBe(400);
    expect((await patch(admin, county.id, { name: 5 })).statusCode).toBe(400);
    expect((await patch(admin, county.id, { kind: 'moon' })).statusCode).toBe(400);
    expect((await patch(admin, county.id, { unknown: true })).statusCode).toBe(400);
    const otherOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office' }));
    expect((await patch(otherOffice, county.id, { name: 'y' })).statusCode).toBe(404);
    const ownOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    expect((await patch(ownOffice, county.id, { name: 'y' })).statusCode).toBe(403);
    expect((await patch(admin, randomUUID(), { name: 'y' })).statusCode).toBe(404);
    const res = await patch(admin, county.id, { name: '改名县' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('改名县');
  });

  it('should move a subtree and refuse a move under itself', async () => {
    const city = await buildRegion(t.db);
    const a = await buildRegion(t.db, { parentId: city.id });
    const b = await buildRegion(t.db, { parentId: city.id });
    const aChild = await buildRegion(t.db, { parentId: a.id });
    expect((await patch(admin, a.id, { parentId: aChild.id })).json().error.code).toBe('REGION_CYCLE');
    expect((await patch(admin, a.id, { parentId: a.id })).json().error.code).toBe('REGION_CYCLE');
    expect((await patch(admin, a.id, { parentId: b.id })).statusCode).toBe(200);
    const moved = await t.db.selectFrom('regions').select('path').where('id', '=', aChild.id).executeTakeFirstOrThrow();
    expect(moved.path).toBe(`/${city.id}/${b.id}/${a.id}/${aChild.id}/`);
    const bOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: b.id }));
    const seen = (await t.app.inject({ url: '/api/v1/regions', headers: bOffice })).json().items.map((r: { id: string }) => r.id);
    expect(seen).toEqual(expect.arrayContaining([b.id, a.id, aChild.id]));
  });
});

describe('DELETE /api/v1/regions/:id', () => {
  const del = (headers: Record<string, string>, id: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/regions/${id}`, headers });

  it('should walk the ladder: 401, 400, 404, 403, 409 when not empty, 204', async () => {
    const city = await buildRegion(t.db);
    const county = await buildRegion(t.db, { parentId: city.id });
    expect((await del({}, county.id)).statusCode).toBe(401);
    expect((await del(admin, '123')).statusCode).toBe(400);
    expect((await del(admin, randomUUID())).statusCode).toBe(404);
    const leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
    expect((await del(leader, county.id)).statusCode).toBe(403);
    expect((await del(admin, city.id)).json().error.code).toBe('REGION_NOT_EMPTY');
    const unit = await buildUnit(t.db, { regionId: county.id });
    expect((await del(admin, county.id)).statusCode).toBe(409);
    await t.db.deleteFrom('units').where('id', '=', unit.id).execute();
    expect((await del(admin, county.id)).statusCode).toBe(204);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', county.id).where('action', '=', 'delete').executeTakeFirstOrThrow();
    expect(audit.after).toBeNull();
    expect(audit.before).toMatchObject({ name: county.name });
  });

  it('should answer 409 with a clear message, not 500, while the region still has plans', async () => {
    const city = await buildRegion(t.db);
    const county = await buildRegion(t.db, { parentId: city.id });
    const planId = await buildDraftPlan(t.db, county.id, []);
    const res = await del(admin, county.id);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'REGION_HAS_PLANS', message: '区域下仍有方案或督办任务，不能删除' });
    await t.db.deleteFrom('plans').where('id', '=', planId).execute();
    expect((await del(admin, county.id)).statusCode).toBe(204);
  });
});
