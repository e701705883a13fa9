import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('enterprise role (foundation)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should sign an enterprise user in bound to its enterprise and refuse one without an enterprise', async () => {
    const enterprise = await buildEnterprise(t.db);
    const user = await buildUser(t.db, { role: 'enterprise', enterpriseId: enterprise.id });
    expect(user.region_id).toBe(enterprise.region_id);
    const headers = await loginAs(t.app, user);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().role).toBe('enterprise');
    await expect(t.db.insertInto('users').values({ username: 'no-ent', display_name: 'x', role: 'enterprise', region_id: enterprise.region_id, password_hash: 'x', updated_at: new Date() }).execute()).rejects.toThrow();
  });

  it('should refuse a duplicate credit code', async () => {
    const enterprise = await buildEnterprise(t.db);
    await expect(buildEnterprise(t.db, { creditCode: enterprise.credit_code })).rejects.toThrow();
  });
});
