import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_ROUTE_PREFIXES } from '../../src/server/modules/enterprises/enterprises.guard.ts';
import { buildEnterprise, buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('an enterprise user', () => {
  it('should get 404 on every internal route and for another enterprise on every enterprise route', async () => {
    const city = await buildRegion(t.db);
    const own = await buildEnterprise(t.db, { regionId: city.id });
    const other = await buildEnterprise(t.db, { regionId: city.id });
    const user = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: own.id }));
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      // Logging out or changing the password would end the session the walk runs on.
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/auth/') || path === '/api/v1/me/password') continue;
      for (const method of Object.keys(ops)) {
        if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
        const url = path.replace(/\{[^}]+\}/g, other.id);
        const allowed = ENTERPRISE_ROUTE_PREFIXES.some((p) => path === p || path.startsWith(p));
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers: user as AuthHeaders, payload: method === 'get' || method === 'delete' ? undefined : {} });
        checked.push(`${method} ${path} ${res.statusCode}`);
        if (!allowed) {
          expect(res.statusCode, `${method} ${path}`).toBe(404);
        } else if (path.startsWith('/api/v1/enterprises/{')) {
          // Another enterprise's record: 404 like a missing one (400 only where the body is checked first).
          expect([404, 400], `${method} ${path}`).toContain(res.statusCode);
          if (method === 'get') expect(res.statusCode, `${method} ${path}`).toBe(404);
        }
        expect(res.statusCode, `${method} ${path}`).toBeLessThan(500);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
    // Its own record opens, and the list holds itself only.
    expect((await t.app.inject({ url: `/api/v1/enterprises/${own.id}`, headers: user })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/enterprises/${own.id}/timeline`, headers: user })).statusCode).toBe(200);
    const list = (await t.app.inject({ url: '/api/v1/enterprises?pageSize=200', headers: user })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
    // It cannot edit its own record either (it asks for a correction instead).
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${own.id}`, headers: user, payload: { version: 1, name: '改名' } });
    expect(patch.statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/enterprises/${randomUUID()}`, headers: user })).statusCode).toBe(404);
  });
});

describe('personal data (PIPL)', () => {
  it('should mask names, phones and ID numbers unless an office or admin reveals them, and audit each reveal', async () => {
    const city = await buildRegion(t.db);
    const e = await buildEnterprise(t.db, { regionId: city.id });
    await t.db.updateTable('enterprises').set({ legal_rep_name: '张三丰', legal_rep_phone: '13812345678', legal_rep_id_number: '11010519491231002X' }).where('id', '=', e.id).execute();
    await t.db.insertInto('enterprise_contacts').values({ enterprise_id: e.id, name: '李四', phone: '13900001111', title: '经办人', is_primary: true }).execute();
    const leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id, username: `office-${randomUUID().slice(0, 6)}` }));
    const owner = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: e.id }));

    const masked = (await t.app.inject({ url: `/api/v1/enterprises/${e.id}`, headers: leader })).json();
    expect(masked).toMatchObject({ masked: true, legalRepName: '张**', legalRepPhone: '138****5678', legalRepIdNumber: '110105********002X', contacts: [{ name: '李*', phone: '139****1111' }] });
    expect(masked.policies.reveal).toBe(false);
    expect((await t.app.inject({ url: `/api/v1/enterprises/${e.id}?reveal=true`, headers: leader })).statusCode).toBe(403);

    const officeMasked = (await t.app.inject({ url: `/api/v1/enterprises/${e.id}`, headers: office })).json();
    expect(officeMasked.masked).toBe(true);
    const before = await t.db.selectFrom('audit_log').select('seq').where('entity_id', '=', e.id).where('action', '=', 'reveal').execute();
    const revealed = (await t.app.inject({ url: `/api/v1/enterprises/${e.id}?reveal=true`, headers: office })).json();
    expect(revealed).toMatchObject({ masked: false, legalRepName: '张三丰', legalRepPhone: '13812345678', contacts: [{ name: '李四' }] });
    const after = await t.db.selectFrom('audit_log').select(['seq', 'actor_name']).where('entity_id', '=', e.id).where('action', '=', 'reveal').execute();
    expect(after.length).toBe(before.length + 1);

    expect((await t.app.inject({ url: `/api/v1/enterprises/${e.id}`, headers: owner })).json()).toMatchObject({ masked: false, legalRepName: '张三丰' });
  });
});
