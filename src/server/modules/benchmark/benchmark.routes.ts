import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, NoContent, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { BenchmarkQuery, BenchmarkResponse, CreateMetricSynonymBody, MetricSynonym, MetricSynonymList } from './benchmark.schemas.ts';
import { createMetricSynonym, deleteMetricSynonym, getBenchmark, listMetricSynonyms } from './benchmark.service.ts';

export async function benchmarkRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['benchmark'];

  app.get<{ Querystring: Static<typeof BenchmarkQuery> }>(
    '/api/v1/benchmark',
    { schema: { tags, summary: '对标: targets of all visible plans grouped by canonical metric, best marked', querystring: BenchmarkQuery, response: { 200: BenchmarkResponse, ...errorResponses } } },
    async (request) => getBenchmark(app.deps.db, requireActor(request), request.query),
  );

  app.get(
    '/api/v1/metric-synonyms',
    { schema: { tags, summary: "The office's metric synonyms (and the built-in table, read-only)", response: { 200: MetricSynonymList, ...errorResponses } } },
    async (request) => listMetricSynonyms(app.deps.db, requireActor(request)),
  );

  app.post<{ Body: Static<typeof CreateMetricSynonymBody> }>(
    '/api/v1/metric-synonyms',
    { schema: { tags, summary: 'Add a metric synonym (office/admin)', body: CreateMetricSynonymBody, response: { 201: MetricSynonym, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createMetricSynonym(app.deps.db, requireActor(request), request.body)),
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/api/v1/metric-synonyms/:id',
    { schema: { tags, summary: 'Delete a metric synonym', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await deleteMetricSynonym(app.deps.db, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
