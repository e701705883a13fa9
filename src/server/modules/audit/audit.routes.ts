import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { AuditList, AuditListQuery } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Static<typeof AuditListQuery> }>(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail (admin only), newest first',
        querystring: AuditListQuery,
        response: { 200: AuditList, ...errorResponses },
      },
    },
    async (request) => listAudit(app.deps.db, requireActor(request), request.query),
  );
}
