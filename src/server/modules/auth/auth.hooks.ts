import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { Actor } from './auth.actor.ts';
import { resolveSession, type AuthDeps } from './auth.service.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.tokens.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes open without a session (login, setup, system, health). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authDeps(app: FastifyInstance): AuthDeps {
  const { db, config, sessionSecret, now } = app.deps;
  return {
    db,
    sessionSecret,
    now,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    argon2MemoryKib: config.argon2MemoryKib,
    sessionCacheMs: config.sessionCacheMs,
  };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Resolves the session cookie on every /api request, then, before validation, refuses protected
 * routes without a session (401) and cookie-authenticated unsafe requests without the matching
 * `x-csrf-token` (403), so the status ladder reads 401, 403, 400, 404.
 */
export function registerAuthHooks(app: FastifyInstance): void {
  const deps = authDeps(app);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await resolveSession(deps, token);
  });

  app.addHook('preValidation', async (request) => {
    // Only API routes are protected; the docs, health checks and the web app are public.
    if (!request.routeOptions.url?.startsWith('/api/v1/') || request.routeOptions.config.public) return;
    if (!request.actor) throw new AppError('AUTH_REQUIRED');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, request.actor.csrfToken)) throw new AppError('AUTH_CSRF');
    }
  });
}

/** The request's actor; protected routes are only reached with one. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('AUTH_REQUIRED');
  return request.actor;
}
