import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, loginAs, withoutCsrf } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

describe('POST /api/v1/auth/login', () => {
  it('should answer 400 per invalid field', async () => {
    for (const payload of [{ password: 'x' }, { username: 'a' }, { username: 1, password: 'x' }, { username: 'a', password: 'x', extra: true }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
  });

  it('should refuse a wrong password and an unknown user the same way', async () => {
    const user = await buildUser(t.db);
    const wrong = await login(user.username, 'not-the-password');
    const unknown = await login('nobody-here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误', details: null });
  });

  it('should set an httpOnly SameSite=Lax cookie and return the user with a CSRF token', async () => {
    const user = await buildUser(t.db, { role: 'office' });
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ys_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user).toMatchObject({ id: user.id, username: user.username, role: 'office', unit: null });
    expect(body.user.region.id).toBe(user.region_id);
    expect(body.csrfToken).toEqual(body.user.csrfToken);
    const session = await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(session.token_hash).not.toBe(cookie.value);
  });

  it('should refuse a disabled user with the wrong-credentials answer', async () => {
    const user = await buildUser(t.db, { disabled: true });
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('should lock the account for 15 minutes after 5 failures, even for the right password', async () => {
    const user = await buildUser(t.db);
    for (let i = 1; i <= 4; i++) expect((await login(user.username, `wrong-${i}`)).statusCode).toBe(401);
    const fifth = await login(user.username, 'wrong-5');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('AUTH_LOCKED');
    const right = await login(user.username, user.password);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.details.retryAfterSeconds).toBeGreaterThan(800);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('should answer an unknown username exactly like a wrong password, through the lockout', async () => {
    const user = await buildUser(t.db);
    const ip = '10.7.0.1';
    for (let i = 1; i <= 7; i++) {
      const known = await login(user.username, `wrong-${i}`, ip);
      const unknown = await login(`nobody-${user.username}`, `wrong-${i}`, ip);
      expect(unknown.statusCode, `attempt ${i}`).toBe(known.statusCode);
      expect(unknown.body, `attempt ${i}`).toBe(known.body);
      expect(known.statusCode).toBe(i < 5 ? 401 : 429);
    }
    // Answer time: every path spends one argon2 verification (a dummy one for unknown names and locked pairs), so a
    // known and an unknown name take about as long, locked or not.
    const median = async (fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 9; i++) {
        const start = performance.now();
        await fn();
        ms.push(performance.now() - start);
      }
      return ms.sort((a, b) => a - b)[4]!;
    };
    const fresh = await buildUser(t.db);
    const wrongKnown = await median(() => login(fresh.username, 'not-it-at-all', '10.7.0.2'));
    const wrongUnknown = await median(() => login(`nobody-${fresh.username}`, 'not-it-at-all', '10.7.0.3'));
    const lockedKnown = await median(() => login(user.username, 'not-it-at-all', ip));
    const lockedUnknown = await median(() => login(`nobody-${user.username}`, 'not-it-at-all', ip));
    expect(wrongUnknown / wrongKnown).toBeGreaterThan(0.33);
    expect(wrongUnknown / wrongKnown).toBeLessThan(3);
    expect(lockedUnknown / lockedKnown).toBeGreaterThan(0.33);
    expect(lockedUnknown / lockedKnown).toBeLessThan(3);
    t.clock.advance(15 * 60_000 + 1000);
  });

  it('should record login success and failure in the audit log', async () => {
    const user = await buildUser(t.db);
    await login(user.username, 'wrong-password');
    await login(user.username, user.password);
    const rows = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', user.id).orderBy('seq').execute();
    expect(rows).toEqual([
      { action: 'login_failed', actor_id: null },
      { action: 'login', actor_id: user.id },
    ]);
  });
});

describe('GET /api/v1/me', () => {
  it('should answer 401 without a session', async () => {
    const res = await t.app.inject({ url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('should answer 401 for an unknown cookie', async () => {
    const res = await t.app.inject({ url: '/api/v1/me', headers: { cookie: 'ys_sid=forged' } });
    expect(res.statusCode).toBe(401);
  });

  it('should return the user with unit and region', async () => {
    const user = await buildUser(t.db, { role: 'unit' });
    const headers = await loginAs(t.app, user);
    const res = await t.app.inject({ url: '/api/v1/me', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, role: 'unit', unit: { id: user.unit_id }, region: { id: user.region_id }, csrfToken: headers['x-csrf-token'] });
  });

  it('should end a session idle for longer than the idle timeout', async () => {
    const user = await buildUser(t.db);
    const headers = await loginAs(t.app, user);
    t.clock.advance(29 * 60_000);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(401);
  });

  it('should end the sessions of a user disabled by another process within the session cache time', async () => {
    const user = await buildUser(t.db);
    const headers = await loginAs(t.app, user);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(200);
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', user.id).execute();
    t.clock.advance(t.config.sessionCacheMs);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(401);
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('should answer 401 without a session', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(401);
  });

  it('should answer 403 AUTH_CSRF without the CSRF header', async () => {
    const headers = await loginAs(t.app, await buildUser(t.db));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: withoutCsrf(headers) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_CSRF');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...headers, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
  });

  it('should end the session', async () => {
    const headers = await loginAs(t.app, await buildUser(t.db));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(401);
  });
});

describe('POST /api/v1/me/password', () => {
  const change = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers, payload });

  it('should walk the ladder 401, 403, 400 per field, then succeed', async () => {
    const user = await buildUser(t.db);
    const headers = await loginAs(t.app, user);
    expect((await change({}, { currentPassword: 'x', newPassword: 'y' })).statusCode).toBe(401);
    expect((await change(withoutCsrf(headers), { currentPassword: user.password, newPassword: 'a-new-password' })).statusCode).toBe(403);
    for (const payload of [{ newPassword: 'a-new-password' }, { currentPassword: user.password }, { currentPassword: user.password, newPassword: 12 }, { currentPassword: user.password, newPassword: 'a-new-password', x: 1 }]) {
      expect((await change(headers, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    const wrongCurrent = await change(headers, { currentPassword: 'nope-nope-nope', newPassword: 'a-new-password' });
    expect(wrongCurrent.json().error.code).toBe('AUTH_CURRENT_PASSWORD_WRONG');
    const short = await change(headers, { currentPassword: user.password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'PASSWORD_POLICY', details: { problems: ['密码至少 10 个字符'] } });
    const sameAsName = await change(headers, { currentPassword: user.password, newPassword: user.username });
    expect(sameAsName.json().error.details.problems).toContain('密码不能与用户名相同');

    for (const weak of ['1234567890', 'password12', '          ', 'qwertyuiop', 'abcdefghij']) {
      const res = await change(headers, { currentPassword: user.password, newPassword: weak });
      expect(res.statusCode, JSON.stringify(weak)).toBe(400);
      expect(res.json().error.code).toBe('PASSWORD_POLICY');
      expect(res.json().error.details.reasons.length, JSON.stringify(weak)).toBeGreaterThan(0);
    }
    expect((await change(headers, { currentPassword: user.password, newPassword: 'password12' })).json().error.details).toEqual({
      problems: [expect.stringContaining('太常见')],
      reasons: ['too_guessable'],
    });
    expect((await change(headers, { currentPassword: user.password, newPassword: '          ' })).json().error.details.reasons).toEqual(['blank']);

    const other = await loginAs(t.app, user);
    expect((await change(headers, { currentPassword: user.password, newPassword: 'tea-kettle-on-a-mountain' })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: other })).statusCode).toBe(401);
    expect((await login(user.username, 'tea-kettle-on-a-mountain')).statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).where('action', '=', 'password_change').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('GET /api/v1/system and POST /api/v1/setup', () => {
  it('should report needsSetup until the first admin exists, then refuse a second setup', async () => {
    const before = await t.app.inject({ url: '/api/v1/system' });
    expect(before.json()).toMatchObject({ name: '营商', demo: false, mode: t.database.handle.kind, needsSetup: true });

    expect((await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'root' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'root', password: 'root' } })).json().error.code).toBe('PASSWORD_POLICY');
    for (const weak of ['1234567890', 'password12', '          ']) {
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'root', password: weak } })).json().error.code, JSON.stringify(weak)).toBe('PASSWORD_POLICY');
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'root', password: 'first-admin-password', displayName: '管理员' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'root', role: 'admin', displayName: '管理员', disabled: false });
    expect((await t.app.inject({ url: '/api/v1/system' })).json().needsSetup).toBe(false);

    const again = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'root2', password: 'second-admin-password' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_ALREADY_DONE');
    expect((await login('root', 'first-admin-password')).statusCode).toBe(200);
  });
});

// After the setup test: it needs an install without an admin.
describe('lockout per address', () => {
  it('should not let failures from one address lock an admin out for another', async () => {
    const admin = await buildUser(t.db, { role: 'admin' });
    for (let i = 1; i <= 6; i++) await login(admin.username, `guess-${i}`, '203.0.113.9');
    expect((await login(admin.username, admin.password, '203.0.113.9')).json().error.code).toBe('AUTH_LOCKED');
    expect((await login(admin.username, admin.password, '192.168.1.20')).statusCode).toBe(200);
    // A success clears only its own address's count.
    expect((await login(admin.username, admin.password, '203.0.113.9')).statusCode).toBe(429);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await login(admin.username, admin.password, '203.0.113.9')).statusCode).toBe(200);
  });
});
