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
const post = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
const patch = (headers: Record<string, string>, id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers, payload });

describe('GET /api/v1/users', () => {
  it('should answer 401, 400 for bad filters, and scope the list', async () => {
    expect((await t.app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/users?role=king', headers: admin })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/users?pageSize=0', headers: admin })).statusCode).toBe(400);

    const city = await buildRegion(t.db);
    const east = await buildRegion(t.db, { parentId: city.id });
    const west = await buildRegion(t.db, { parentId: city.id });
    const eastUnit = await buildUnit(t.db, { regionId: east.id });
    const eastOfficeUser = await buildUser(t.db, { role: 'office', regionId: east.id });
    const eastLiaison = await buildUser(t.db, { role: 'unit', unitId: eastUnit.id });
    const eastColleague = await buildUser(t.db, { role: 'unit', unitId: eastUnit.id });
    const westLiaison = await buildUser(t.db, { role: 'unit', regionId: west.id });

    const eastOffice = await loginAs(t.app, eastOfficeUser);
    const list = await t.app.inject({ url: '/api/v1/users', headers: eastOffice });
    expect(ids(list).sort()).toEqual([eastOfficeUser.id, eastLiaison.id, eastColleague.id].sort());
    const liaisonRow = list.json().items.find((u: { id: string }) => u.id === eastLiaison.id);
    expect(liaisonRow).toMatchObject({ role: 'unit', unitId: eastUnit.id, unitName: eastUnit.name, regionId: east.id, disabled: false, lastLoginAt: null, policies: { update: true } });
    expect(liaisonRow).not.toHaveProperty('passwordHash');
    expect(list.json().items.find((u: { id: string }) => u.id === eastOfficeUser.id).policies).toEqual({ update: false });

    const liaison = await loginAs(t.app, eastLiaison);
    expect(ids(await t.app.inject({ url: '/api/v1/users', headers: liaison })).sort()).toEqual([eastLiaison.id, eastColleague.id].sort());
    expect((await t.app.inject({ url: `/api/v1/users/${westLiaison.id}`, headers: liaison })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/users/${westLiaison.id}`, headers: eastOffice })).statusCode).toBe(404);
    expect(ids(await t.app.inject({ url: `/api/v1/users?role=office&q=${encodeURIComponent(eastOfficeUser.username)}`, headers: admin }))).toEqual([eastOfficeUser.id]);
  });
});

describe('POST /api/v1/users', () => {
  it('should walk the ladder: 401, 403 CSRF, 400 per field, 403 role, 404 scope, 201, 409', async () => {
    const city = await buildRegion(t.db);
    const east = await buildRegion(t.db, { parentId: city.id });
    const west = await buildRegion(t.db, { parentId: city.id });
    const eastUnit = await buildUnit(t.db, { regionId: east.id });
    const westUnit = await buildUnit(t.db, { regionId: west.id });
    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: east.id }));
    const username = `liaison-${randomUUID().slice(0, 6)}`;
    const good = { username, displayName: '联络员', password: 'liaison-password', role: 'unit', unitId: eastUnit.id };

    expect((await post({}, good)).statusCode).toBe(401);
    expect((await post(withoutCsrf(eastOffice), good)).statusCode).toBe(403);
    for (const payload of [
      { ...good, username: 'has space' },
      { ...good, username: undefined },
      { ...good, displayName: '' },
      { ...good, password: 123 },
      { ...good, role: 'root' },
      { ...good, unitId: 'x' },
      { ...good, isAdmin: true },
    ]) {
      expect((await post(eastOffice, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await post(eastOffice, { ...good, password: 'short' })).json().error.code).toBe('PASSWORD_POLICY');
    for (const weak of ['1234567890', 'password12', '          ']) {
      expect((await post(eastOffice, { ...good, password: weak })).json().error.code, JSON.stringify(weak)).toBe('PASSWORD_POLICY');
    }
    expect((await post(eastOffice, { ...good, unitId: undefined })).json().error).toMatchObject({ code: 'USER_SCOPE_INVALID', details: { field: 'unitId' } });
    expect((await post(eastOffice, { ...good, role: 'leader', unitId: undefined })).json().error.code).toBe('USER_SCOPE_INVALID');
    expect((await post(eastOffice, { ...good, role: 'admin', unitId: undefined })).statusCode).toBe(403);
    const unitUser = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: eastUnit.id }));
    expect((await post(unitUser, good)).statusCode).toBe(403);
    expect((await post(eastOffice, { ...good, unitId: westUnit.id })).statusCode).toBe(404);
    expect((await post(eastOffice, { ...good, role: 'leader', unitId: undefined, regionId: city.id })).statusCode).toBe(404);

    const created = await post(eastOffice, good);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username, role: 'unit', unitId: eastUnit.id, regionId: east.id, policies: { update: true } });
    expect((await post(eastOffice, { ...good, username: username.toUpperCase() })).json().error.code).toBe('USERNAME_TAKEN');
    const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('argon2');
    expect((await loginAs(t.app, { username, password: 'liaison-password' })).cookie).toMatch(/^ys_sid=/);

    const adminCreated = await post(admin, { username: `adm-${randomUUID().slice(0, 6)}`, displayName: 'A', password: 'admin-password-2', role: 'admin' });
    expect(adminCreated.statusCode).toBe(201);
    expect(adminCreated.json()).toMatchObject({ role: 'admin', regionId: null, unitId: null });
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('should walk the ladder and disable, re-role and reset a user, ending their sessions', async () => {
    const city = await buildRegion(t.db);
    const east = await buildRegion(t.db, { parentId: city.id });
    const west = await buildRegion(t.db, { parentId: city.id });
    const eastOfficeUser = await buildUser(t.db, { role: 'office', regionId: east.id });
    const eastOffice = await loginAs(t.app, eastOfficeUser);
    const target = await buildUser(t.db, { role: 'unit', unitId: (await buildUnit(t.db, { regionId: east.id })).id });
    const westUser = await buildUser(t.db, { role: 'unit', regionId: west.id });
    const someAdmin = await buildUser(t.db, { role: 'admin' });

    expect((await patch({}, target.id, { displayName: 'x' })).statusCode).toBe(401);
    expect((await patch(eastOffice, 'bad-id', { displayName: 'x' })).statusCode).toBe(400);
    for (const payload of [{}, { disabled: 'yes' }, { role: 'owner' }, { displayName: '' }, { password: 1 }, { username: 'rename' }]) {
      expect((await patch(eastOffice, target.id, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await patch(eastOffice, westUser.id, { displayName: 'x' })).statusCode).toBe(404);
    expect((await patch(eastOffice, someAdmin.id, { disabled: true })).statusCode).toBe(404);
    expect((await patch(eastOffice, eastOfficeUser.id, { role: 'admin' })).statusCode).toBe(403);
    expect((await patch(eastOffice, target.id, { role: 'admin' })).statusCode).toBe(403);
    expect((await patch(eastOffice, target.id, { password: 'short' })).json().error.code).toBe('PASSWORD_POLICY');
    expect((await patch(eastOffice, target.id, { password: 'password12' })).json().error).toMatchObject({ code: 'PASSWORD_POLICY', details: { reasons: ['too_guessable'] } });

    const targetSession = await loginAs(t.app, target);
    const disabled = await patch(eastOffice, target.id, { disabled: true, displayName: '已停用' });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, displayName: '已停用' });
    expect((await t.app.inject({ url: '/api/v1/me', headers: targetSession })).statusCode).toBe(401);

    const rerole = await patch(eastOffice, target.id, { role: 'leader', regionId: east.id, unitId: null, disabled: false, password: 'brand-new-password' });
    expect(rerole.statusCode).toBe(200);
    expect(rerole.json()).toMatchObject({ role: 'leader', unitId: null, regionId: east.id });
    expect((await loginAs(t.app, { username: target.username, password: 'brand-new-password' })).cookie).toBeTruthy();
    const audits = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', target.id).where('action', '=', 'update').orderBy('seq').execute();
    expect(audits).toHaveLength(2);
    expect(audits[1].after).toMatchObject({ role: 'leader', passwordChanged: true });
  });

  it('should let an office user reset only unit and enterprise accounts of its region, never leader, office or admin ones', async () => {
    const city = await buildRegion(t.db);
    const east = await buildRegion(t.db, { parentId: city.id });
    const eastOffice = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: east.id }));
    const liaison = await buildUser(t.db, { role: 'unit', unitId: (await buildUnit(t.db, { regionId: east.id })).id });
    const leader = await buildUser(t.db, { role: 'leader', regionId: east.id });
    const peerOffice = await buildUser(t.db, { role: 'office', regionId: east.id });
    const reset = { password: 'office-chose-this-for-you' };

    const list = (await t.app.inject({ url: `/api/v1/users?pageSize=100`, headers: eastOffice })).json().items as { id: string; policies: { update: boolean } }[];
    expect(list.find((u) => u.id === liaison.id)?.policies.update).toBe(true);
    expect(list.find((u) => u.id === leader.id)?.policies.update).toBe(false);
    expect(list.find((u) => u.id === peerOffice.id)?.policies.update).toBe(false);

    for (const target of [leader, peerOffice]) {
      const res = await patch(eastOffice, target.id, reset);
      expect(res.statusCode, target.role).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: target.username, password: reset.password } })).statusCode).toBe(401);
      expect((await patch(eastOffice, target.id, { disabled: true })).statusCode).toBe(403);
    }
    expect((await patch(eastOffice, liaison.id, reset)).statusCode).toBe(200);
    expect((await loginAs(t.app, { username: liaison.username, password: reset.password })).cookie).toBeTruthy();
    // An admin still resets anyone.
    expect((await patch(admin, leader.id, reset)).statusCode).toBe(200);
  });
});
