import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { importEnterprises } from './enterprises.import.ts';
import {
  CreateEnterpriseBody,
  EnterpriseDetail,
  EnterpriseDetailQuery,
  EnterpriseList,
  EnterpriseListQuery,
  ImportQuery,
  ImportReportSchema,
  Timeline,
  TimelineQuery,
  UpdateEnterpriseBody,
} from './enterprises.schemas.ts';
import { createEnterprise, getEnterprise, getEnterpriseTimeline, listEnterprises, updateEnterprise } from './enterprises.service.ts';

export const ENTERPRISE_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** The uploaded file, read before validation so that 401/403 come first. */
const uploads = new WeakMap<FastifyRequest, { file: Buffer; fileName: string }>();

async function readUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  try {
    for await (const part of request.parts({ limits: { fileSize: ENTERPRISE_IMPORT_MAX_BYTES, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION', undefined, [{ field: `body.${part.fieldname}`, message: 'unexpected file field', keyword: 'additionalProperties' }]);
        uploads.set(request, { file: await part.toBuffer(), fileName: part.filename });
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limitBytes: ENTERPRISE_IMPORT_MAX_BYTES });
    throw err;
  }
  request.body = {};
}

type Id = { Params: Static<typeof IdParams> };

export async function enterpriseRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['enterprises'];
  const { db, now } = app.deps;
  await app.register(multipart, { limits: { fileSize: ENTERPRISE_IMPORT_MAX_BYTES, files: 1 } });

  app.post<{ Body: Static<typeof CreateEnterpriseBody> }>(
    '/api/v1/enterprises',
    { schema: { tags, summary: 'Register an enterprise (admin; office within its subtree); the credit code is checked (GB 32100-2015)', body: CreateEnterpriseBody, response: { 201: EnterpriseDetail, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createEnterprise(db, requireActor(request), request.body, now())),
  );

  app.patch<Id & { Body: Static<typeof UpdateEnterpriseBody> }>(
    '/api/v1/enterprises/:id',
    { schema: { tags, summary: 'Edit registered facts and contacts (admin; office within its subtree); optimistic `version`', params: IdParams, body: UpdateEnterpriseBody, response: { 200: EnterpriseDetail, ...errorResponses } } },
    async (request) => updateEnterprise(db, requireActor(request), request.params.id, request.body, now()),
  );

  app.post<{ Querystring: Static<typeof ImportQuery> }>(
    '/api/v1/enterprises/import',
    {
      bodyLimit: ENTERPRISE_IMPORT_MAX_BYTES + 1024 * 1024,
      preValidation: readUpload,
      schema: {
        tags,
        summary: 'Import a 市场监管-layout registry (.xlsx/.csv, multipart field `file`): dryRun=true returns new/changed/unchanged/refused per row and cell; otherwise an all-or-nothing upsert by 统一社会信用代码 (400 ENT_IMPORT_INVALID with the report when any row is refused)',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReportSchema, ...errorResponses },
      },
    },
    async (request) => {
      const upload = uploads.get(request);
      if (!upload) throw new AppError('VALIDATION', '请上传 .xlsx 或 .csv 文件', [{ field: 'body.file', message: 'required', keyword: 'required' }]);
      return importEnterprises(db, requireActor(request), upload.file, { dryRun: request.query.dryRun ?? false, year: request.query.year, fileName: upload.fileName, now: now() });
    },
  );

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
