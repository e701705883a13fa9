import multipart from '@fastify/multipart';
import { assertSafeText } from '../../http/validator-compiler.ts';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PLAN_UPLOAD_MAX_BYTES, type PlanSource } from '../../commands/plan-importer.ts';
import { AppError } from '../../errors.ts';
import { IdParams, NoContent, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { ParsePreview, PlanDetail, PlanList, PlanListQuery, PlanSourceBody, PlanSourceQuery, UnitResolutionList, UpdatePlanBody } from './plans.schemas.ts';
import {
  createPlan,
  deletePlan,
  exportPlanBreakdown,
  exportPlanFormat,
  getPlan,
  listPlans,
  previewPlanSource,
  resolvePlanUnits,
  updatePlan,
  type PlanSourceInput,
} from './plans.service.ts';

type Id = { Params: Static<typeof IdParams> };
type SourceRoute = { Body: PlanSourceBody; Querystring: Static<typeof PlanSourceQuery> };

const errors = { ...errorResponses, 415: { $ref: 'ErrorBody#' }, 422: { $ref: 'ErrorBody#' } };

/** Uploaded files by request; the body schema only sees the form's text fields. */
const uploads = new WeakMap<FastifyRequest, { data: Buffer; filename: string }>();

/**
 * Reads a multipart form (field `file`, optional `year`, `regionId`) before validation, so that
 * 401/403 come first and the fields meet the same schema as the JSON variant.
 */
async function readMultipartForm(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: PLAN_UPLOAD_MAX_BYTES, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        assertSafeText(`body.${part.fieldname}`, { filename: part.filename, mimetype: part.mimetype });
        const data = await part.toBuffer();
        if (part.fieldname !== 'file') throw new AppError('VALIDATION', undefined, [{ field: `body.${part.fieldname}`, message: 'unexpected file field', keyword: 'additionalProperties' }]);
        uploads.set(request, { data, filename: part.filename || 'upload' });
      } else {
        const value = String(part.value);
        body[part.fieldname] = part.fieldname === 'year' && /^\d{1,6}$/.test(value) ? Number(value) : value;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PLAN_READ_TOO_LARGE', undefined, { limitBytes: PLAN_UPLOAD_MAX_BYTES });
    }
    throw err;
  }
  request.body = body;
}

function sourceInput(request: FastifyRequest<SourceRoute>): PlanSourceInput {
  const upload = uploads.get(request);
  const body = request.body ?? {};
  let source: PlanSource | null = null;
  if (upload) source = { kind: 'file', data: upload.data, filename: upload.filename, sourceName: body.sourceName };
  else if (body.text !== undefined) source = { kind: 'text', text: body.text, sourceName: body.sourceName };
  return { source, year: body.year ?? request.query.year, regionId: body.regionId };
}

function attachment(filename: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['plans'];
  await app.register(multipart, { limits: { fileSize: PLAN_UPLOAD_MAX_BYTES, files: 1 } });
  const upload = { bodyLimit: PLAN_UPLOAD_MAX_BYTES + 1024 * 1024, preValidation: readMultipartForm };
  const sourceSchema = {
    tags,
    consumes: ['multipart/form-data', 'application/json'],
    description: 'multipart/form-data with field `file` (.docx/.doc/.pdf/.html/.txt, at most 20 MB) and optional `year`, `regionId`; or JSON `{ text, sourceName?, year?, regionId? }`.',
    querystring: PlanSourceQuery,
    body: PlanSourceBody,
  };

  app.post<SourceRoute>(
    '/api/v1/plans/parse',
    { ...upload, schema: { ...sourceSchema, summary: 'Parse preview of a plan document, nothing stored', response: { 200: ParsePreview, ...errors } } },
    // The body arrives as JSON bytes from the worker (ParsePreview): sent as is, never re-serialized here.
    async (request, reply) => reply.type('application/json; charset=utf-8').send(await previewPlanSource(app.deps.db, requireActor(request), sourceInput(request), app.deps.documents)),
  );

  app.post<SourceRoute>(
    '/api/v1/plans',
    { ...upload, schema: { ...sourceSchema, summary: 'Import a plan document as a draft', response: { 201: PlanDetail, ...errors } } },
    async (request, reply) => reply.code(201).send(await createPlan(app.deps.db, requireActor(request), sourceInput(request), app.deps.documents)),
  );

  app.get<{ Querystring: Static<typeof PlanListQuery> }>(
    '/api/v1/plans',
    { schema: { tags, summary: 'Plans the caller may see', querystring: PlanListQuery, response: { 200: PlanList, ...errors } } },
    async (request) => listPlans(app.deps.db, requireActor(request), request.query),
  );

  app.get<Id>(
    '/api/v1/plans/:id',
    { schema: { tags, summary: 'One plan with its measures and source text', params: IdParams, response: { 200: PlanDetail, ...errors } } },
    async (request) => getPlan(app.deps.db, requireActor(request), request.params.id),
  );

  app.put<Id & { Body: Static<typeof UpdatePlanBody> }>(
    '/api/v1/plans/:id',
    {
      bodyLimit: PLAN_UPLOAD_MAX_BYTES,
      schema: { tags, summary: 'Save the reviewed draft (409 PLAN_VERSION_CONFLICT when the version moved)', params: IdParams, body: UpdatePlanBody, response: { 200: PlanDetail, ...errors } },
    },
    async (request) => updatePlan(app.deps.db, requireActor(request), request.params.id, request.body),
  );

  app.delete<Id>(
    '/api/v1/plans/:id',
    { schema: { tags, summary: 'Delete a draft plan', params: IdParams, response: { 204: NoContent, ...errors } } },
    async (request, reply) => {
      await deletePlan(app.deps.db, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post<Id>(
    '/api/v1/plans/:id/resolve-units',
    { schema: { tags, summary: 'Registry matches and ranked suggestions for every printed unit of the plan', params: IdParams, response: { 200: UnitResolutionList, ...errors } } },
    async (request) => resolvePlanUnits(app.deps.db, requireActor(request), request.params.id),
  );

  app.get<Id>(
    '/api/v1/plans/:id/breakdown.xlsx',
    { schema: { tags, summary: 'The 任务分解表 as .xlsx', params: IdParams, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] } },
    async (request, reply) => {
      const { filename, buffer } = await exportPlanBreakdown(app.deps.db, requireActor(request), request.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(filename, 'breakdown.xlsx'))
        .send(buffer);
    },
  );

  app.get<Id>(
    '/api/v1/plans/:id/plan.json',
    { schema: { tags, summary: 'The plan in the plan-format (JSON)', params: IdParams } },
    async (request, reply) => {
      const { filename, plan } = await exportPlanFormat(app.deps.db, requireActor(request), request.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', attachment(filename, 'plan.json'))
        .send(JSON.stringify(plan, null, 2));
    },
  );
}
