import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, NoContent, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { CreateRegionBody, Region, RegionList, UpdateRegionBody } from './regions.schemas.ts';
import { createRegion, deleteRegion, listRegions, updateRegion } from './regions.service.ts';

type Id = { Params: Static<typeof IdParams> };

export async function regionRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['regions'];

  app.get(
    '/api/v1/regions',
    { schema: { tags, summary: 'Regions the caller may see, tree order', response: { 200: RegionList, ...errorResponses } } },
    async (request) => listRegions(app.deps.db, requireActor(request)),
  );

  app.post<{ Body: Static<typeof CreateRegionBody> }>(
    '/api/v1/regions',
    { schema: { tags, summary: 'Create a region (admin)', body: CreateRegionBody, response: { 201: Region, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createRegion(app.deps.db, requireActor(request), request.body)),
  );

  app.patch<Id & { Body: Static<typeof UpdateRegionBody> }>(
    '/api/v1/regions/:id',
    {
      schema: { tags, summary: 'Update or move a region (admin)', params: IdParams, body: UpdateRegionBody, response: { 200: Region, ...errorResponses } },
    },
    async (request) => updateRegion(app.deps.db, requireActor(request), request.params.id, request.body),
  );

  app.delete<Id>(
    '/api/v1/regions/:id',
    { schema: { tags, summary: 'Delete an empty region (admin)', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await deleteRegion(app.deps.db, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
