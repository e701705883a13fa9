import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let log = '';
beforeAll(async () => {
  // The most verbose level, so that any request or error line that could carry a secret is written.
  t = await createTestApp({ env: { YINGSHANG_LOG_LEVEL: 'trace' }, logStream: { write: (line: string) => void (log += line) } });
});
afterAll(async () => {
  await t?.close();
});

describe('server log', () => {
  it('should never contain passwords, session cookies or CSRF tokens', async () => {
    const user = await buildUser(t.db, { role: 'office' });
    const wrongPassword = 'wrong-password-in-the-log';
    const newPassword = 'new-password-in-the-log';
    const refusedPassword = 'refused-password-in-the-log';

    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: wrongPassword } })).statusCode).toBe(401);
    const headers = await loginAs(t.app, user);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers, payload: { currentPassword: refusedPassword, newPassword } });
    expect(refused.json().error.code).toBe('AUTH_CURRENT_PASSWORD_WRONG');
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers, payload: { currentPassword: user.password, newPassword } });
    expect(changed.statusCode).toBe(204);

    // Lines were written for these requests, so their absence below means something.
    expect(log).toContain('/api/v1/me/password');
    expect(log).toContain('AUTH_CURRENT_PASSWORD_WRONG');
    const sessionToken = headers.cookie.replace(/^ys_sid=/, '');
    for (const secret of [user.password, wrongPassword, newPassword, refusedPassword, sessionToken, headers['x-csrf-token']]) {
      expect(log).not.toContain(secret);
    }
  });
});
