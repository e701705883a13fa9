import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to `enterprise` users although outside {@link ENTERPRISE_ROUTE_PREFIXES} (the route scopes itself). */
    enterpriseAccess?: boolean;
  }
}

/**
 * The API an enterprise user may reach at all. Everything else (tasks, plans, units, users, audit, rankings …) is
 * internal and answers 404 to an enterprise user, as if it did not exist. Routes under these prefixes still scope
 * every record to the user's own enterprise; appeals and policies add theirs under their own prefixes.
 */
export const ENTERPRISE_ROUTE_PREFIXES: readonly string[] = [
  '/api/v1/me',
  '/api/v1/auth/',
  '/api/v1/system',
  '/api/v1/enterprises',
  '/api/v1/portal/',
  '/api/v1/notifications',
  '/api/v1/appeals',
  '/api/v1/policies',
  '/api/v1/policy-',
  '/api/v1/grants',
];

/** Registers the gate after the auth hooks: an enterprise user gets 404 on every internal route. */
export function registerEnterpriseGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.actor?.role !== 'enterprise') return;
    const url = request.routeOptions.url;
    if (!url?.startsWith('/api/')) return;
    if (request.routeOptions.config.enterpriseAccess) return;
    if (ENTERPRISE_ROUTE_PREFIXES.some((prefix) => url === prefix || url.startsWith(prefix))) return;
    throw new AppError('NOT_FOUND');
  });
}
