import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { CreateUserBody, UpdateUserBody, User, UserList, UserListQuery } from './users.schemas.ts';
import { createUser, getUser, listUsers, updateUser, type UsersDeps } from './users.service.ts';

type Id = { Params: Static<typeof IdParams> };

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['users'];
  const deps: UsersDeps = { db: app.deps.db, argon2MemoryKib: app.deps.config.argon2MemoryKib };

  app.get<{ Querystring: Static<typeof UserListQuery> }>(
    '/api/v1/users',
    { schema: { tags, summary: 'Users the caller may see', querystring: UserListQuery, response: { 200: UserList, ...errorResponses } } },
    async (request) => listUsers(deps.db, requireActor(request), request.query),
  );

  app.get<Id>(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user', params: IdParams, response: { 200: User, ...errorResponses } } },
    async (request) => getUser(deps.db, requireActor(request), request.params.id),
  );

  app.post<{ Body: Static<typeof CreateUserBody> }>(
    '/api/v1/users',
    { schema: { tags, summary: 'Create a user (admin; office within its subtree, not admins)', body: CreateUserBody, response: { 201: User, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createUser(deps, requireActor(request), request.body)),
  );

  app.patch<Id & { Body: Static<typeof UpdateUserBody> }>(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'Update, disable or reset the password of a user', params: IdParams, body: UpdateUserBody, response: { 200: User, ...errorResponses } } },
    async (request) => updateUser(deps, requireActor(request), request.params.id, request.body),
  );
}
