import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { exportBulletin } from './bulletin.service.ts';
import { BulletinQuery, RankingQuery, Rankings, UpdateWeightsBody, WeightsResponse } from './rankings.schemas.ts';
import { getRankings, updateRankingWeights } from './rankings.service.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function rankingRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['supervision'];

  app.get<{ Querystring: Static<typeof RankingQuery> }>(
    '/api/v1/rankings',
    {
      schema: {
        tags,
        summary: '比晾晒: units (by=unit) or counties (by=region) ranked by weighted score; approved extensions excluded, units with few tasks flagged',
        querystring: RankingQuery,
        response: { 200: Rankings, ...errorResponses },
      },
    },
    async (request) => getRankings(app.deps.db, requireActor(request), request.query, app.deps.now()),
  );

  app.put<{ Body: Static<typeof UpdateWeightsBody> }>(
    '/api/v1/ranking-weights',
    { schema: { tags, summary: 'Set the ranking weights of a region (office of that region or above)', body: UpdateWeightsBody, response: { 200: WeightsResponse, ...errorResponses } } },
    async (request) => updateRankingWeights(app.deps.db, requireActor(request), request.body),
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof BulletinQuery> }>(
    '/api/v1/plans/:id/bulletin.docx',
    {
      schema: {
        tags,
        summary: '通报 of a plan for a month as .docx (summary, ranking table, overdue list, highlights)',
        params: IdParams,
        querystring: BulletinQuery,
        produces: [DOCX],
        response: { 200: { description: 'The .docx file', type: 'string', format: 'binary' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { file, filename } = await exportBulletin(app.deps.db, requireActor(request), request.params.id, request.query.period, app.deps.now());
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename="bulletin.docx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(file);
    },
  );
}
