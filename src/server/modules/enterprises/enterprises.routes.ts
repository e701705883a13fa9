import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { EnterpriseDetail, EnterpriseDetailQuery, EnterpriseList, EnterpriseListQuery, Timeline, TimelineQuery } from './enterprises.schemas.ts';
import { getEnterprise, getEnterpriseTimeline, listEnterprises } from './enterprises.service.ts';

type Id = { Params: Static<typeof IdParams> };

export async function enterpriseRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['enterprises'];
  const { db, now } = app.deps;

  app.get<{ Querystring: Static<typeof EnterpriseListQuery> }>(
    '/api/v1/enterprises',
    {
      schema: {
        tags,
        summary: 'Enterprises the caller may see (office/leader: region subtree; admin: all; enterprise: itself; unit: none); filters and search by name or code',
        querystring: EnterpriseListQuery,
        response: { 200: EnterpriseList, ...errorResponses },
      },
    },
    async (request) => listEnterprises(db, requireActor(request), request.query, now()),
  );

  app.get<Id & { Querystring: Static<typeof EnterpriseDetailQuery> }>(
    '/api/v1/enterprises/:id',
    {
      schema: {
        tags,
        summary: 'One enterprise profile (一企一档); personal data masked unless reveal=true (admin/office, audited)',
        params: IdParams,
        querystring: EnterpriseDetailQuery,
        response: { 200: EnterpriseDetail, ...errorResponses },
      },
    },
    async (request) => getEnterprise(db, requireActor(request), request.params.id, { reveal: request.query.reveal, now: now() }),
  );

  app.get<Id & { Querystring: Static<typeof TimelineQuery> }>(
    '/api/v1/enterprises/:id/timeline',
    { schema: { tags, summary: 'The enterprise timeline, newest first (appeals, policy matches, grants, registry changes)', params: IdParams, querystring: TimelineQuery, response: { 200: Timeline, ...errorResponses } } },
    async (request) => getEnterpriseTimeline(db, requireActor(request), request.params.id, request.query),
  );
}
