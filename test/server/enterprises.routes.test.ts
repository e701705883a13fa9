import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
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

/** A city with two counties and an enterprise in each. */
async function twoCounties() {
  const city = await buildRegion(t.db);
  const east = await buildRegion(t.db, { parentId: city.id, name: '东县' });
  const west = await buildRegion(t.db, { parentId: city.id, name: '西县' });
  const tag = randomUUID().slice(0, 6);
  const cityEnt = await buildEnterprise(t.db, { regionId: city.id, name: `市本级${tag}科技有限公司` });
  const eastEnt = await buildEnterprise(t.db, { regionId: east.id, name: `东县${tag}机械有限公司`, industryCode: 'C3484', sizeClass: 'medium' });
  const westEnt = await buildEnterprise(t.db, { regionId: west.id, name: `西县${tag}商贸有限公司`, industryCode: 'F5211', sizeClass: 'micro' });
  return { city, east, west, cityEnt, eastEnt, westEnt, tag };
}

describe('GET /api/v1/enterprises', () => {
  it('should answer 401, then 400 per bad query field', async () => {
    expect((await t.app.inject({ url: '/api/v1/enterprises' })).statusCode).toBe(401);
    for (const query of ['pageSize=500', 'page=0', 'regionId=nope', 'sizeClass=huge', 'creditFlag=bad', 'industry=c33x', 'bogus=1']) {
      const res = await t.app.inject({ url: `/api/v1/enterprises?${query}`, headers: admin });
      expect(res.statusCode, query).toBe(400);
    }
  });

  it('should scope: office/leader their subtree, enterprise itself, unit nothing, admin all', async () => {
    const w = await twoCounties();
    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.east.id }));
    expect(ids(await t.app.inject({ url: '/api/v1/enterprises', headers: eastOffice }))).toEqual([w.eastEnt.id]);
    const cityLeader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: w.city.id }));
    const cityList = await t.app.inject({ url: '/api/v1/enterprises', headers: cityLeader });
    expect(ids(cityList).sort()).toEqual([w.cityEnt.id, w.eastEnt.id, w.westEnt.id].sort());
    expect(cityList.json().policies).toEqual({ create: false, import: false, export: false });
    const unit = await loginAs(t.app, await buildUser(t.db, { role: 'unit', regionId: w.city.id }));
    expect(ids(await t.app.inject({ url: '/api/v1/enterprises', headers: unit }))).toEqual([]);
    const westUser = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: w.westEnt.id }));
    expect(ids(await t.app.inject({ url: '/api/v1/enterprises', headers: westUser }))).toEqual([w.westEnt.id]);
    const all = await t.app.inject({ url: `/api/v1/enterprises?q=${encodeURIComponent(w.tag)}`, headers: admin });
    expect(all.json().total).toBe(3);
  });

  it('should filter by region subtree, industry, size and search by name or code', async () => {
    const w = await twoCounties();
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.city.id }));
    const get = async (q: string) => ids(await t.app.inject({ url: `/api/v1/enterprises?${q}`, headers: office }));
    expect(await get(`regionId=${w.east.id}`)).toEqual([w.eastEnt.id]);
    expect((await get(`regionId=${w.city.id}`)).length).toBe(3);
    expect(await get(`industry=C34`)).toEqual([w.eastEnt.id]);
    expect(await get(`industry=F`)).toEqual([w.westEnt.id]);
    expect(await get(`sizeClass=micro`)).toEqual([w.westEnt.id]);
    expect(await get(`q=${encodeURIComponent('西县' + w.tag)}`)).toEqual([w.westEnt.id]);
    expect(await get(`q=${w.eastEnt.credit_code.slice(0, 12)}`)).toEqual([w.eastEnt.id]);
    expect(await get(`q=${encodeURIComponent('%')}`)).toEqual([]);
  });
});

describe('GET /api/v1/enterprises/:id', () => {
  it('should answer 401, 400 on a bad id, 404 outside scope exactly like a missing one', async () => {
    const w = await twoCounties();
    expect((await t.app.inject({ url: `/api/v1/enterprises/${w.eastEnt.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/enterprises/nope', headers: admin })).statusCode).toBe(400);
    const missing = await t.app.inject({ url: `/api/v1/enterprises/${randomUUID()}`, headers: admin });
    expect(missing.statusCode).toBe(404);
    const westOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: w.west.id }));
    const out = await t.app.inject({ url: `/api/v1/enterprises/${w.eastEnt.id}`, headers: westOffice });
    expect(out.statusCode).toBe(404);
    expect(out.json()).toEqual(missing.json());
    const unit = await loginAs(t.app, await buildUser(t.db, { role: 'unit', regionId: w.east.id }));
    expect((await t.app.inject({ url: `/api/v1/enterprises/${w.eastEnt.id}`, headers: unit })).statusCode).toBe(404);
    const ok = await t.app.inject({ url: `/api/v1/enterprises/${w.eastEnt.id}`, headers: admin });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: w.eastEnt.id, creditCode: w.eastEnt.credit_code, regionName: '东县', sizeClass: 'medium', masked: true });
  });
});

describe('GET /api/v1/me of an enterprise user', () => {
  it('should include its enterprise; staff get null', async () => {
    const w = await twoCounties();
    const user = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: w.eastEnt.id }));
    const me = await t.app.inject({ url: '/api/v1/me', headers: user });
    expect(me.json().enterprise).toEqual({ id: w.eastEnt.id, name: w.eastEnt.name, creditCode: w.eastEnt.credit_code });
    expect((await t.app.inject({ url: '/api/v1/me', headers: admin })).json().enterprise).toBeNull();
  });
});
