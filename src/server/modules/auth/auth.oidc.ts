import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { accountForOidcIdentity } from '../enterprises/enterprises.accounts.ts';
import { authDeps } from './auth.hooks.ts';
import { hashPassword } from './auth.passwords.ts';
import { openSession } from './auth.service.ts';
import { SESSION_COOKIE } from './auth.tokens.ts';

/**
 * Enterprise single sign-on through the province's unified identity (OpenID Connect, authorization code with PKCE,
 * state and nonce; `openid-client`). `/start` remembers the checks in a short-lived signed cookie and sends the
 * browser to the provider; `/callback` verifies them, reads the claims (ID token and userinfo) and logs in the
 * enterprise account bound to that identity (creating it the first time, see accountForOidcIdentity). Failures
 * send the browser back to the login page with the error code, never a JSON page.
 */

const FLOW_COOKIE = 'ys_oidc';
const FLOW_TTL_MS = 10 * 60_000;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  at: number;
}

function seal(secret: string, flow: Flow): string {
  const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(`oidc-flow.${body}`).digest('base64url')}`;
}

function unseal(secret: string, value: string | undefined, now: number): Flow | null {
  const [body, mac] = (value ?? '').split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', secret).update(`oidc-flow.${body}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Flow;
    return now - flow.at <= FLOW_TTL_MS ? flow : null;
  } catch {
    return null;
  }
}

/** Only a path of this site: never a URL that would send the user elsewhere after login. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/e/';
}

export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const settings: OidcConfig | null = config.oidc;
  const deps = authDeps(app);
  const cookieBase = { path: '/api/v1/auth/oidc', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };
  let discovered: Promise<oidc.Configuration> | null = null;

  function provider(): Promise<oidc.Configuration> {
    if (!settings) throw new AppError('AUTH_SSO_NOT_CONFIGURED');
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, settings.allowInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((err) => {
        discovered = null; // try again on the next login
        throw err;
      });
    return discovered;
  }

  const backToLogin = (reply: FastifyReply, code: string) => reply.clearCookie(FLOW_COOKIE, cookieBase).redirect(`/login?sso=${encodeURIComponent(code)}`, 302);

  const open = { public: true, rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } };
  const tags = ['auth'];

  app.get<{ Querystring: { next?: string } }>(
    '/api/v1/auth/oidc/start',
    {
      config: open,
      schema: {
        tags,
        summary: 'Enterprise single sign-on: redirects to the unified identity provider',
        querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 500 } }, additionalProperties: false },
      },
    },
    async (request, reply) => {
      if (!settings) throw new AppError('AUTH_SSO_NOT_CONFIGURED');
      let server: oidc.Configuration;
      try {
        server = await provider();
      } catch (err) {
        request.log.warn({ err: (err as Error).message }, 'oidc discovery failed');
        return backToLogin(reply, 'AUTH_SSO_FAILED');
      }
      const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next: safeNext(request.query.next), at: deps.now().getTime() };
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      reply.setCookie(FLOW_COOKIE, seal(deps.sessionSecret, flow), { ...cookieBase, maxAge: FLOW_TTL_MS / 1000 });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    { config: open, schema: { tags, summary: 'Enterprise single sign-on: the provider returns here; sets ys_sid and redirects' } },
    async (request, reply) => {
      if (!settings) throw new AppError('AUTH_SSO_NOT_CONFIGURED');
      const flow = unseal(deps.sessionSecret, request.cookies[FLOW_COOKIE], deps.now().getTime());
      if (!flow) return backToLogin(reply, 'AUTH_SSO_FAILED');
      let claims: Record<string, unknown>;
      try {
        const server = await provider();
        const current = new URL(request.url, settings.redirectUri);
        const tokens = await oidc.authorizationCodeGrant(server, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
        const idClaims = tokens.claims()!;
        const info = await oidc.fetchUserInfo(server, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (err) {
        request.log.warn({ err: (err as Error).message }, 'oidc callback refused');
        return backToLogin(reply, 'AUTH_SSO_FAILED');
      }
      const creditCode = claims[settings.creditCodeClaim];
      try {
        const now = deps.now();
        const userId = await accountForOidcIdentity(
          deps.db,
          { issuer: settings.issuer, subject: String(claims.sub), creditCode: typeof creditCode === 'string' ? creditCode : null, name: typeof claims.name === 'string' ? claims.name : null },
          await hashPassword(randomBytes(32).toString('base64url'), deps.argon2MemoryKib),
          now,
        );
        const { token } = await openSession(deps, userId, { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null }, 'oidc');
        reply.clearCookie(FLOW_COOKIE, cookieBase);
        reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: config.sessionMaxHours * 3600 });
        return reply.redirect(flow.next, 302);
      } catch (err) {
        if (err instanceof AppError) return backToLogin(reply, err.code);
        throw err;
      }
    },
  );
}
