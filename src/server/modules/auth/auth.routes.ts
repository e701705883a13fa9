import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { NoContent, errorResponses } from '../../http/schemas.ts';
import { findMeEnterprise } from '../enterprises/enterprises.service.ts';
import { authDeps, requireActor } from './auth.hooks.ts';
import { presentMe } from './auth.presenter.ts';
import { ChangePasswordBody, LoginBody, LoginResponse } from './auth.schemas.ts';
import { changeOwnPassword, login, logout } from './auth.service.ts';
import { SESSION_COOKIE } from './auth.tokens.ts';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const deps = authDeps(app);
  const { config } = app.deps;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.cookieSecure,
  };

  app.post<{ Body: Static<typeof LoginBody> }>(
    '/api/v1/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the ys_sid cookie',
        body: LoginBody,
        response: { 200: LoginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, actor } = await login(deps, request.body.username, request.body.password, {
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: config.sessionMaxHours * 3600 });
      return { user: presentMe(actor), csrfToken: actor.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await logout(deps, requireActor(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Type.Ref('Me'), ...errorResponses } } },
    async (request) => {
      const actor = requireActor(request);
      return { ...presentMe(actor), enterprise: await findMeEnterprise(app.deps.db, actor) };
    },
  );

  app.post<{ Body: Static<typeof ChangePasswordBody> }>(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change own password; other sessions end',
        body: ChangePasswordBody,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(deps, requireActor(request), request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send();
    },
  );
}
