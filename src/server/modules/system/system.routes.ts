import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../http/schemas.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { presentUser } from '../users/users.presenter.ts';
import { SetupBody, User } from '../users/users.schemas.ts';
import { createFirstAdmin } from '../users/users.service.ts';
import { Health, Ready, SystemInfo } from './system.schemas.ts';
import { databaseReachable, systemInfo } from './system.service.ts';

export async function systemRoutes(app: FastifyInstance): Promise<void> {
  const open = { public: true, rateLimit: false } as const;

  app.get(
    '/healthz',
    { config: open, schema: { tags: ['system'], summary: 'Liveness: the database answers', response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const ok = await databaseReachable(app.deps);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', database: ok ? 'ok' : 'unreachable' });
    },
  );

  app.get(
    '/readyz',
    { config: open, schema: { tags: ['system'], summary: 'Readiness: migrated, serving, not shutting down', response: { 200: Ready, 503: Ready } } },
    async (_request, reply) => {
      const ready = !app.deps.lifecycle.shuttingDown && (await databaseReachable(app.deps));
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
    },
  );

  app.get(
    '/api/v1/system',
    { config: open, schema: { tags: ['system'], summary: 'Public facts for the web shell', response: { 200: SystemInfo } } },
    async () => systemInfo(app.deps),
  );

  app.post<{ Body: Static<typeof SetupBody> }>(
    '/api/v1/setup',
    {
      config: { public: true, rateLimit: { max: app.deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['system'], summary: 'First-run: create the first admin (only while none exists)', body: SetupBody, response: { 201: User, ...errorResponses } },
    },
    async (request, reply) => {
      const user = await createFirstAdmin({ db: app.deps.db, argon2MemoryKib: app.deps.config.argon2MemoryKib }, request.body);
      const self: Actor = {
        id: user.id, username: user.username, displayName: user.display_name, role: 'admin', unitId: null, unitName: null,
        regionId: null, regionName: null, regionPath: null, enterpriseId: null, sessionId: '', csrfToken: '',
      };
      return reply.code(201).send(presentUser(user, self));
    },
  );

}
