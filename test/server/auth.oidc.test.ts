/**
 * Enterprise single sign-on against a real OpenID Connect provider (`oidc-provider`, started here on a free port):
 * the whole authorization-code round trip with PKCE, state and nonce, the account bound on first login and reused
 * after, and every refusal sending the browser back to the login page.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, makeCreditCode } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const APP_ORIGIN = 'http://127.0.0.1:3000';
const REDIRECT_URI = `${APP_ORIGIN}/api/v1/auth/oidc/callback`;

/** The people the provider knows: the subject and what it asserts about them. */
const people: Record<string, { name: string; credit_code?: string }> = {};
let person = '';

let server: Server;
let issuer: string;
let t: TestApp;
let creditCode: string;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'yingshang', client_secret: 'a-client-secret-of-some-length', redirect_uris: [REDIRECT_URI], response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], profile: ['name', 'credit_code'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...people[sub] }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['provider-cookie-key'] },
  });
  // The provider's login and consent pages, answered at once for the current person (a real user types and clicks).
  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return provider.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      return provider.interactionFinished(req, res, { login: { accountId: person } }, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  });

  t = await createTestApp({
    env: {
      YINGSHANG_OIDC_ISSUER: issuer,
      YINGSHANG_OIDC_CLIENT_ID: 'yingshang',
      YINGSHANG_OIDC_CLIENT_SECRET: 'a-client-secret-of-some-length',
      YINGSHANG_OIDC_REDIRECT_URI: REDIRECT_URI,
      YINGSHANG_OIDC_ALLOW_INSECURE: 'true',
      YINGSHANG_LOGIN_RATE_LIMIT: '1000',
    },
  });
  creditCode = (await buildEnterprise(t.db, { name: '陇原统一认证测试有限公司' })).credit_code;
  people['person-1'] = { name: '李经办', credit_code: creditCode };
  people['person-2'] = { name: '王某', credit_code: makeCreditCode() };
  people['person-3'] = { name: '赵某' };
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const cookieOf = (setCookie: string | string[] | undefined, name: string) =>
  ([] as string[]).concat(setCookie ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith(`${name}=`));

/** Start on our side, walk the provider's redirects with its cookies, and come back to our callback. */
async function signOn(who: string, next = '/e/', flowCookie?: (c: string) => string) {
  person = who;
  const start = await t.app.inject({ url: `/api/v1/auth/oidc/start?next=${encodeURIComponent(next)}` });
  expect(start.statusCode, start.body).toBe(302);
  const flow = cookieOf(start.headers['set-cookie'], 'ys_oidc')!;
  expect(flow).toBeTruthy();
  let url = String(start.headers.location);
  expect(url.startsWith(`${issuer}/auth?`)).toBe(true);
  expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
  const jar = new Map<string, string>();
  for (let hop = 0; hop < 12 && url.startsWith(issuer); hop += 1) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    expect(location, `${res.status} at ${url}`).toBeTruthy();
    url = new URL(location!, url).href;
  }
  expect(url.startsWith(REDIRECT_URI)).toBe(true);
  const callback = await t.app.inject({ url: url.slice(APP_ORIGIN.length), headers: { cookie: flowCookie ? flowCookie(flow) : flow } });
  return { callback, session: cookieOf(callback.headers['set-cookie'], 'ys_sid') };
}

describe('enterprise single sign-on (OpenID Connect)', () => {
  it('should say in /api/v1/system that enterprises may sign on', async () => {
    expect((await t.app.inject({ url: '/api/v1/system' })).json().enterpriseSso).toBe(true);
  });

  it('should log a registered enterprise’s person in, bind the account on first login and reuse it after', async () => {
    const first = await signOn('person-1');
    expect(first.callback.statusCode, first.callback.body).toBe(302);
    expect(first.callback.headers.location).toBe('/e/');
    expect(first.session).toBeTruthy();
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: first.session! } });
    expect(me.statusCode, me.body).toBe(200);
    const enterprise = await t.db.selectFrom('enterprises').select('id').where('credit_code', '=', creditCode).executeTakeFirstOrThrow();
    expect(me.json()).toMatchObject({ role: 'enterprise', displayName: '李经办' });
    const bound = await t.db.selectFrom('users').selectAll().where('oidc_subject', '=', 'person-1').execute();
    expect(bound).toHaveLength(1);
    expect(bound[0]).toMatchObject({ role: 'enterprise', enterprise_id: enterprise.id, oidc_issuer: issuer });

    const second = await signOn('person-1', '/e/messages');
    expect(second.callback.headers.location).toBe('/e/messages');
    expect(await t.db.selectFrom('users').select('id').where('oidc_subject', '=', 'person-1').execute()).toHaveLength(1);
    const logins = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', bound[0].id).where('action', '=', 'login').execute();
    expect(logins.map((l) => (l.after as { via?: string }).via)).toEqual(['oidc', 'oidc']);
    // The bound account has no password anyone knows: password login is refused.
    const byPassword = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: bound[0].username, password: '' } });
    expect(byPassword.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('should send a person of an unregistered enterprise, or with no credit code, back to the login page with the reason', async () => {
    for (const who of ['person-2', 'person-3']) {
      const { callback, session } = await signOn(who);
      expect(callback.statusCode).toBe(302);
      expect(callback.headers.location).toBe('/login?sso=AUTH_SSO_NO_ENTERPRISE');
      expect(session).toBeUndefined();
      expect(await t.db.selectFrom('users').select('id').where('oidc_subject', '=', who).execute()).toHaveLength(0);
    }
  });

  it('should refuse a callback whose flow cookie is missing or tampered with, and never redirect off the site', async () => {
    const tampered = await signOn('person-1', '/e/', (c) => `${c.slice(0, -3)}abc`);
    expect(tampered.callback.headers.location).toBe('/login?sso=AUTH_SSO_FAILED');
    expect(tampered.session).toBeUndefined();
    const forged = await t.app.inject({ url: '/api/v1/auth/oidc/callback?code=x&state=y' });
    expect(forged.headers.location).toBe('/login?sso=AUTH_SSO_FAILED');
    const offsite = await signOn('person-1', '//evil.example/steal');
    expect(offsite.callback.headers.location).toBe('/e/');
  });

  it('should answer 404 AUTH_SSO_NOT_CONFIGURED where no provider is configured', async () => {
    const plain = await createTestApp();
    try {
      const res = await plain.app.inject({ url: '/api/v1/auth/oidc/start' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('AUTH_SSO_NOT_CONFIGURED');
      expect((await plain.app.inject({ url: '/api/v1/system' })).json().enterpriseSso).toBe(false);
    } finally {
      await plain.close();
    }
  }, 60_000);
});
