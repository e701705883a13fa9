import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp({ env: { YINGSHANG_LOGIN_RATE_LIMIT: '8' } });
  admin = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
});
afterAll(async () => {
  await t?.close();
});

describe('HTTP edge cases', () => {
  it('should answer 400 INVALID_JSON for malformed JSON, never 500', async () => {
    for (const payload of ['{"name": ', '{name: 1}', 'null x']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { ...admin, 'content-type': 'application/json' }, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('INVALID_JSON');
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(login.json().error.code).toBe('INVALID_JSON');
  });

  it('should answer 413 for an oversized body and 415 for an unsupported content type', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(t.config.bodyLimitBytes), password: 'y' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('should let a client still writing an oversized body read the 413 over a real socket, every time', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify({ text: 'x'.repeat(3 * t.config.bodyLimitBytes) });
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      try {
        const res = await fetch(`${base}/api/v1/ranking-weights`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
        outcomes.push(`${res.status} ${((await res.json()) as { error: { code: string } }).error.code}`);
      } catch (err) {
        outcomes.push(`error ${(err as { cause?: { code?: string } }).cause?.code ?? err}`);
      }
    }
    expect(new Set(outcomes)).toEqual(new Set(['413 PAYLOAD_TOO_LARGE']));
  });

  it('should refuse unknown fields and wrong types with details naming the field', async () => {
    const city = await buildRegion(t.db);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { name: 'x', kind: 'county', parentId: city.id, admin: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'body.admin', keyword: 'additionalProperties' })]);
    const typed = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${city.id}`, headers: admin, payload: { name: 42 } });
    expect(typed.json().error.details[0]).toMatchObject({ field: 'body.name', keyword: 'type' });
    const coerced = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${randomUUID()}`, headers: admin, payload: { disabled: 'true' } });
    expect(coerced.statusCode).toBe(400);
  });

  it('should answer 400 for malformed ids and 404 JSON for unknown API routes', async () => {
    const bad = await t.app.inject({ method: 'DELETE', url: "/api/v1/regions/1'%20or%201=1", headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    const unknown = await t.app.inject({ url: '/api/v1/nope', headers: admin });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('should send security headers and a request id, and nothing that breaks a plain-HTTP install', async () => {
    const res = await t.app.inject({ url: '/api/v1/system' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['permissions-policy']).toContain('microphone=()');
    expect(res.headers['permissions-policy']).toContain('geolocation=()');
    // Plain HTTP (the default): no HSTS, no upgrade-insecure-requests, no Secure cookie.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const user = await buildUser(t.db);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password } });
    expect(login.cookies.find((c) => c.name === 'ys_sid')?.secure).toBeFalsy();
  });

  it('should send Cache-Control: no-store on every API answer, errors and the web page aside', async () => {
    for (const [url, headers] of [['/api/v1/system', {}], ['/api/v1/me', admin], ['/api/v1/users', admin], ['/api/v1/nope', admin], ['/api/v1/me', {}], ['/api/openapi.json', {}]] as const) {
      const res = await t.app.inject({ url, headers });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { ...admin, 'content-type': 'application/json' }, payload: '{' });
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('should serve health, readiness, the OpenAPI document and its reference UI', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/regions', '/api/v1/units/{id}', '/api/v1/users', '/api/v1/audit', '/api/v1/setup']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/units'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('should answer a web route with the app or the build hint, never the JSON 404', async () => {
    const res = await t.app.inject({ url: '/admin/users' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  // Last in the file: it spends this app's login budget.
  it('should rate-limit login attempts per client with 429 RATE_LIMITED', async () => {
    let attempts = 0;
    let res;
    do {
      attempts += 1;
      // A new name each time: five failures of one name from one address lock it (AUTH_LOCKED) before the rate limit.
      res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `nobody-${attempts}`, password: 'whatever-password' } });
    } while (res.statusCode !== 429 && attempts < 20);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(attempts).toBeLessThanOrEqual(9);
    expect((await t.app.inject({ url: '/api/v1/me', headers: admin })).statusCode).toBe(200);
  });
});

describe('an HTTPS install (YINGSHANG_HTTPS=true)', () => {
  it('should send HSTS and upgrade-insecure-requests, and mark the session cookie Secure', async () => {
    const https = await createTestApp({ env: { YINGSHANG_HTTPS: 'true' } });
    try {
      const res = await https.app.inject({ url: '/api/v1/system' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      const user = await buildUser(https.db);
      const login = await https.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password } });
      expect(login.statusCode).toBe(200);
      expect(login.cookies.find((c) => c.name === 'ys_sid')?.secure).toBe(true);
    } finally {
      await https.close();
    }
  });
});
