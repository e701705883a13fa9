import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, buildUnit, buildUser, loginAs, withoutCsrf, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
});
afterAll(async () => {
  await t?.close();
});

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

/** A city with two counties, a unit in each, and users scoped to each. */
async function twoCounties() {
  const city = await buildRegion(t.db);
  const east = await buildRegion(t.db, { parentId: city.id, name: '东县' });
  const west = await buildRegion(t.db, { parentId: city.id, name: '西县' });
  const cityUnit = await buildUnit(t.db, { regionId: city.id, name: `市场监管局-${randomUUID().slice(0, 6)}`, aliases: ['市监局', '市场局'] });
  const eastUnit = await buildUnit(t.db, { regionId: east.id });
  const westUnit = await buildUnit(t.db, { regionId: west.id });
  return { city, east, west, cityUnit, eastUnit, westUnit };
}

describe('GET /api/v1/units', () => {
  it('should answer 401, then 400 per bad query field', async () => {
    expect((await t.app.inject({ url: '/api/v1/units' })).statusCode).toBe(401);
    for (const query of ['pageSize=500', 'page=0', 'page=abc', 'regionId=nope', 'bogus=1']) {
      const res = await t.app.inject({ url: `/api/v1/units?${query}`, headers: admin });
      expect(res.statusCode, query).toBe(400);
    }
  });

  it('should scope lists: unit user its unit, office/leader their county subtree', async () => {
    const w = await twoCounties();
    const eastUnitUser = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: w.eastUnit.id }));
    expect(ids(await t.app.inject({ url: '/api/v1/units', headers: eastUnitUser }))).toEqual([w.eastUnit.id]);

    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.east.id }));
    const eastList = await t.app.inject({ url: '/api/v1/units', headers: eastOffice });
    expect(ids(eastList)).toEqual([w.eastUnit.id]);
    expect(eastList.json().items[0].policies).toEqual({ update: true, delete: true });

    const cityLeader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: w.city.id }));
    const cityList = await t.app.inject({ url: '/api/v1/units', headers: cityLeader });
    expect(ids(cityList).sort()).toEqual([w.cityUnit.id, w.eastUnit.id, w.westUnit.id].sort());
    expect(cityList.json().items.every((u: { policies: { update: boolean } }) => !u.policies.update)).toBe(true);
    expect(cityList.json().total).toBe(3);
  });

  it('should search names and aliases, filter by region and paginate', async () => {
    const w = await twoCounties();
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.city.id }));
    const byAlias = await t.app.inject({ url: `/api/v1/units?q=${encodeURIComponent('市监')}`, headers: office });
    expect(ids(byAlias)).toEqual([w.cityUnit.id]);
    expect(byAlias.json().items[0]).toMatchObject({ aliases: ['市监局', '市场局'], regionId: w.city.id, regionName: w.city.name, kind: 'department' });
    expect(ids(await t.app.inject({ url: `/api/v1/units?q=${encodeURIComponent('%')}`, headers: office }))).toEqual([]);
    expect(ids(await t.app.inject({ url: `/api/v1/units?regionId=${w.west.id}`, headers: office }))).toEqual([w.westUnit.id]);
    const page2 = await t.app.inject({ url: '/api/v1/units?page=2&pageSize=2', headers: office });
    expect(page2.json()).toMatchObject({ total: 3 });
    expect(page2.json().items).toHaveLength(1);
  });
});

describe('GET /api/v1/units/:id', () => {
  it('should give 404 for another unit or county, the same as for a missing id', async () => {
    const w = await twoCounties();
    const eastUnitUser = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: w.eastUnit.id }));
    expect((await t.app.inject({ url: `/api/v1/units/${w.eastUnit.id}`, headers: eastUnitUser })).statusCode).toBe(200);
    const other = await t.app.inject({ url: `/api/v1/units/${w.westUnit.id}`, headers: eastUnitUser });
    const missing = await t.app.inject({ url: `/api/v1/units/${randomUUID()}`, headers: eastUnitUser });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.east.id }));
    expect((await t.app.inject({ url: `/api/v1/units/${w.westUnit.id}`, headers: eastOffice })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/units/${w.cityUnit.id}`, headers: eastOffice })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/units/not-a-uuid', headers: eastOffice })).statusCode).toBe(400);
  });
});

describe('POST /api/v1/units', () => {
  const post = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/units', headers, payload });

  it('should walk the ladder: 401, 403 CSRF, 400 per field, 403 role, 404 region out of scope, 201, 409 duplicate', async () => {
    const w = await twoCounties();
    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.east.id }));
    const good = { name: '东县发改局', kind: 'department', regionId: w.east.id, aliases: ['东县发改'] };
    expect((await post({}, good)).statusCode).toBe(401);
    expect((await post(withoutCsrf(eastOffice), good)).statusCode).toBe(403);
    for (const payload of [
      { ...good, name: '' },
      { ...good, name: undefined },
      { ...good, kind: 'bank' },
      { ...good, regionId: 'east' },
      { ...good, aliases: 'one' },
      { ...good, aliases: ['a', 'a'] },
      { ...good, extra: 1 },
    ]) {
      expect((await post(eastOffice, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    const unitUser = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: w.eastUnit.id }));
    expect((await post(unitUser, good)).statusCode).toBe(403);
    const leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: w.east.id }));
    expect((await post(leader, good)).statusCode).toBe(403);
    const westRegion = await post(eastOffice, { ...good, regionId: w.west.id });
    expect(westRegion.statusCode).toBe(404);
    expect(westRegion.json().error.details).toEqual({ field: 'regionId' });

    const created = await post(eastOffice, good);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '东县发改局', regionId: w.east.id, regionName: '东县', aliases: ['东县发改'], shortName: null });
    expect((await post(eastOffice, good)).json().error.code).toBe('UNIT_NAME_TAKEN');
  });
});

describe('PATCH and DELETE /api/v1/units/:id', () => {
  const patch = (headers: Record<string, string>, id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/units/${id}`, headers, payload });
  const del = (headers: Record<string, string>, id: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/units/${id}`, headers });

  it('should not let a unit user or another county change a unit', async () => {
    const w = await twoCounties();
    const eastUnitUser = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: w.eastUnit.id }));
    expect((await patch(eastUnitUser, w.westUnit.id, { name: '篡改' })).statusCode).toBe(404);
    expect((await patch(eastUnitUser, w.eastUnit.id, { name: '篡改' })).statusCode).toBe(403);
    expect((await del(eastUnitUser, w.westUnit.id)).statusCode).toBe(404);
    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.east.id }));
    expect((await patch(eastOffice, w.westUnit.id, { name: '篡改' })).statusCode).toBe(404);
    expect((await patch(eastOffice, w.eastUnit.id, { regionId: w.west.id })).statusCode).toBe(404);
    expect((await del(eastOffice, w.westUnit.id)).statusCode).toBe(404);
    const unchanged = await t.db.selectFrom('units').select(['name', 'region_id']).where('id', 'in', [w.eastUnit.id, w.westUnit.id]).execute();
    expect(unchanged.map((u) => u.name).sort()).toEqual([w.eastUnit.name, w.westUnit.name].sort());
  });

  it('should update with an audited before/after, move a unit with its users, and delete only without users', async () => {
    const w = await twoCounties();
    const cityOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.city.id }));
    expect((await patch({}, w.eastUnit.id, { name: 'x' })).statusCode).toBe(401);
    expect((await patch(cityOffice, w.eastUnit.id, {})).statusCode).toBe(400);
    expect((await patch(cityOffice, w.eastUnit.id, { aliases: [1] })).statusCode).toBe(400);
    const liaison = await buildUser(t.db, { role: 'unit', unitId: w.eastUnit.id });
    const res = await patch(cityOffice, w.eastUnit.id, { aliases: ['甲', ' 乙 '], regionId: w.west.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ aliases: ['甲', '乙'], regionId: w.west.id });
    const moved = await t.db.selectFrom('users').select('region_id').where('id', '=', liaison.id).executeTakeFirstOrThrow();
    expect(moved.region_id).toBe(w.west.id);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', w.eastUnit.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'update', entity: 'unit', before: { aliases: [], regionId: w.east.id }, after: { aliases: ['甲', '乙'], regionId: w.west.id } });

    expect((await del(cityOffice, w.eastUnit.id)).json().error.code).toBe('UNIT_NOT_EMPTY');
    expect((await del(cityOffice, w.westUnit.id)).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/units/${w.westUnit.id}`, headers: admin })).statusCode).toBe(404);
  });
});
