import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildRegion, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});
const PASSWORD = 'Qiye-Jingban-2026!x';

describe('enterprise accounts', () => {
  it('should let the office create several 经办人 who sign in to their own enterprise only', async () => {
    const city = await buildRegion(t.db);
    const e = await buildEnterprise(t.db, { regionId: city.id });
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    const leader = await loginAs(t.app, await buildUser(t.db, { role: 'leader', regionId: city.id }));
    const body = (u: string) => ({ username: u, displayName: `经办人${u}`, password: PASSWORD });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${e.id}/accounts`, headers: leader, payload: body(`l${randomUUID().slice(0, 6)}`) })).statusCode).toBe(403);
    const names = [`a${randomUUID().slice(0, 6)}`, `b${randomUUID().slice(0, 6)}`];
    for (const n of names) expect((await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${e.id}/accounts`, headers: office, payload: body(n) })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${e.id}/accounts`, headers: office, payload: body(names[0]) })).json().error.code).toBe('USERNAME_TAKEN');
    const list = (await t.app.inject({ url: `/api/v1/enterprises/${e.id}/accounts`, headers: office })).json();
    expect(list.items.map((a: { username: string }) => a.username).sort()).toEqual([...names].sort());
    const agent = await loginAs(t.app, { username: names[1], password: PASSWORD });
    expect((await t.app.inject({ url: '/api/v1/me', headers: agent })).json().enterprise.id).toBe(e.id);
  });

  it('should take a sign-up with the right code and name only, and create the account when the office confirms', async () => {
    const city = await buildRegion(t.db);
    const e = await buildEnterprise(t.db, { regionId: city.id });
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    const username = `s${randomUUID().slice(0, 6)}`;
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/portal/signup', payload: { creditCode: e.credit_code, enterpriseName: '别的公司', username, displayName: '申请人', password: PASSWORD } });
    expect(wrong.json().error.code).toBe('ENT_SIGNUP_MISMATCH');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/portal/signup', payload: { creditCode: e.credit_code.toLowerCase(), enterpriseName: e.name, username, displayName: '申请人', password: PASSWORD } });
    expect(ok.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } })).statusCode).toBe(401);
    const pending = (await t.app.inject({ url: '/api/v1/enterprises/signups', headers: office })).json();
    expect(pending.items.map((s: { username: string }) => s.username)).toContain(username);
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/signups/${ok.json().id}/decision`, headers: office, payload: { accept: true } });
    expect(decided.json()).toMatchObject({ status: 'accepted' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/signups/${ok.json().id}/decision`, headers: office, payload: { accept: true } })).json().error.code).toBe('ENT_REQUEST_DECIDED');
    const agent = await loginAs(t.app, { username, password: PASSWORD });
    expect((await t.app.inject({ url: '/api/v1/me', headers: agent })).json().enterprise.id).toBe(e.id);
  });
});

describe('correction requests', () => {
  it('should go from the portal to the office, and an accepted one edits the record with a timeline entry', async () => {
    const city = await buildRegion(t.db);
    const e = await buildEnterprise(t.db, { regionId: city.id });
    const other = await buildEnterprise(t.db, { regionId: city.id });
    const agent = await loginAs(t.app, await buildUser(t.db, { role: 'enterprise', enterpriseId: e.id }));
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office', regionId: city.id }));
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${other.id}/corrections`, headers: agent, payload: { changes: { address: 'x' } } })).statusCode).toBe(404);
    const req = await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${e.id}/corrections`, headers: agent, payload: { changes: { address: '新地址路8号' }, note: '已搬迁' } });
    expect(req.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/corrections/${req.json().id}/decision`, headers: agent, payload: { accept: true } })).statusCode).toBe(404);
    const list = (await t.app.inject({ url: '/api/v1/enterprises/corrections?status=pending', headers: office })).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(req.json().id);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/corrections/${req.json().id}/decision`, headers: office, payload: { accept: true } });
    expect(ok.json()).toMatchObject({ status: 'accepted' });
    const detail = (await t.app.inject({ url: `/api/v1/enterprises/${e.id}`, headers: agent })).json();
    expect(detail.address).toBe('新地址路8号');
    const tl = (await t.app.inject({ url: `/api/v1/enterprises/${e.id}/timeline`, headers: agent })).json();
    expect(tl.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['correction.requested', 'registry.updated', 'correction.accepted']));
  });
});
