import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, NoContent, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { CreateUnitBody, Unit, UnitList, UnitListQuery, UpdateUnitBody } from './units.schemas.ts';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from './units.service.ts';

type Id = { Params: Static<typeof IdParams> };

export async function unitRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['units'];

  app.get<{ Querystring: Static<typeof UnitListQuery> }>(
    '/api/v1/units',
    { schema: { tags, summary: 'Units the caller may see; q matches name, short name and aliases', querystring: UnitListQuery, response: { 200: UnitList, ...errorResponses } } },
    async (request) => listUnits(app.deps.db, requireActor(request), request.query),
  );

  app.get<Id>(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'One unit', params: IdParams, response: { 200: Unit, ...errorResponses } } },
    async (request) => getUnit(app.deps.db, requireActor(request), request.params.id),
  );

  app.post<{ Body: Static<typeof CreateUnitBody> }>(
    '/api/v1/units',
    { schema: { tags, summary: 'Create a unit (admin; office within its region subtree)', body: CreateUnitBody, response: { 201: Unit, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createUnit(app.deps.db, requireActor(request), request.body)),
  );

  app.patch<Id & { Body: Static<typeof UpdateUnitBody> }>(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'Update a unit', params: IdParams, body: UpdateUnitBody, response: { 200: Unit, ...errorResponses } } },
    async (request) => updateUnit(app.deps.db, requireActor(request), request.params.id, request.body),
  );

  app.delete<Id>(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'Delete a unit without users', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await deleteUnit(app.deps.db, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
