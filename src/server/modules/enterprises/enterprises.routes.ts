import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { INDUSTRY_STANDARD, industryEntries } from '../../../core/enterprise/industry-codes.ts';
import { createEnterpriseAccount, decideSignup, listEnterpriseAccounts, listSignups, requestSignup } from './enterprises.accounts.ts';
import { decideCorrection, listCorrections, requestCorrection } from './enterprises.corrections.ts';
import { importEnterprises } from './enterprises.import.ts';
import {
  Account,
  AccountBody,
  AccountList,
  Correction,
  CorrectionBody,
  CorrectionList,
  CorrectionQuery,
  DecisionBody,
  SignupBody,
  SignupDecision,
  SignupList,
  SignupResult,
  CreateEnterpriseBody,
  EnterpriseDetail,
  EnterpriseDetailQuery,
  EnterpriseList,
  EnterpriseListQuery,
  ImportQuery,
  IndustryCodeList,
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
      return importEnterprises(db, requireActor(request), upload.file, { dryRun: request.query.dryRun ?? false, year: request.query.year, fileName: upload.fileName, now: now(), documents: app.deps.documents });
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

  app.get<{ Querystring: Static<typeof CorrectionQuery> }>(
    '/api/v1/enterprises/corrections',
    { schema: { tags, summary: 'Correction requests: an enterprise its own; office its subtree; admin all', querystring: CorrectionQuery, response: { 200: CorrectionList, ...errorResponses } } },
    async (request) => listCorrections(db, requireActor(request), request.query),
  );

  app.post<Id & { Body: Static<typeof CorrectionBody> }>(
    '/api/v1/enterprises/:id/corrections',
    { schema: { tags, summary: 'The enterprise asks the office to correct its record (portal)', params: IdParams, body: CorrectionBody, response: { 201: Correction, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await requestCorrection(db, requireActor(request), request.params.id, request.body, now())),
  );

  app.post<Id & { Body: Static<typeof DecisionBody> }>(
    '/api/v1/enterprises/corrections/:id/decision',
    { schema: { tags, summary: 'Office accepts (applied as an audited edit) or rejects a correction request', params: IdParams, body: DecisionBody, response: { 200: Correction, ...errorResponses } } },
    async (request) => decideCorrection(db, requireActor(request), request.params.id, request.body, now()),
  );

  app.get<Id>(
    '/api/v1/enterprises/:id/accounts',
    { schema: { tags, summary: 'The enterprise’s 经办人 accounts (admin; office within its subtree)', params: IdParams, response: { 200: AccountList, ...errorResponses } } },
    async (request) => listEnterpriseAccounts(db, requireActor(request), request.params.id),
  );

  app.post<Id & { Body: Static<typeof AccountBody> }>(
    '/api/v1/enterprises/:id/accounts',
    { schema: { tags, summary: 'Create a 经办人 account (role enterprise) for the enterprise (admin; office within its subtree)', params: IdParams, body: AccountBody, response: { 201: Account, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createEnterpriseAccount(db, requireActor(request), request.params.id, request.body, app.deps.config.argon2MemoryKib, now())),
  );

  app.post<{ Body: Static<typeof SignupBody> }>(
    '/api/v1/portal/signup',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'An enterprise signs up with its credit code and name; the office confirms before the account exists', body: SignupBody, response: { 201: SignupResult, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await requestSignup(db, request.body, app.deps.config.argon2MemoryKib, now())),
  );

  app.get(
    '/api/v1/enterprises/signups',
    { schema: { tags, summary: 'Pending enterprise sign-ups of the office’s subtree', response: { 200: SignupList, ...errorResponses } } },
    async (request) => listSignups(db, requireActor(request)),
  );

  app.post<Id & { Body: Static<typeof DecisionBody> }>(
    '/api/v1/enterprises/signups/:id/decision',
    { schema: { tags, summary: 'Office confirms (the account is created) or rejects a sign-up', params: IdParams, body: DecisionBody, response: { 200: SignupDecision, ...errorResponses } } },
    async (request) => decideSignup(db, requireActor(request), request.params.id, request.body, now()),
  );

  app.get(
    '/api/v1/enterprises/industry-codes',
    { schema: { tags, summary: 'GB/T 4754-2017 门类 and 大类 (for filters), with the standard named', response: { 200: IndustryCodeList, ...errorResponses } } },
    async () => ({
      standard: INDUSTRY_STANDARD.id,
      source: INDUSTRY_STANDARD.source,
      items: industryEntries()
        .filter((e) => e.level === 'section' || e.level === 'division')
        .map((e) => ({ code: e.code, name: e.name, level: e.level })),
    }),
  );

  app.get<Id & { Querystring: Static<typeof TimelineQuery> }>(
    '/api/v1/enterprises/:id/timeline',
    { schema: { tags, summary: 'The enterprise timeline, newest first (appeals, policy matches, grants, registry changes)', params: IdParams, querystring: TimelineQuery, response: { 200: Timeline, ...errorResponses } } },
    async (request) => getEnterpriseTimeline(db, requireActor(request), request.params.id, request.query),
  );
}
