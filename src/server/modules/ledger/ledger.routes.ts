import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { exportLedger, importLedger } from './ledger.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const LEDGER_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const ImportResult = Type.Object({ imported: Type.Integer() });

/** The uploaded .xlsx, read before validation so that 401/403 come first. */
const uploads = new WeakMap<FastifyRequest, Buffer>();

async function readUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  try {
    for await (const part of request.parts({ limits: { fileSize: LEDGER_UPLOAD_MAX_BYTES, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION', undefined, [{ field: `body.${part.fieldname}`, message: 'unexpected file field', keyword: 'additionalProperties' }]);
        uploads.set(request, await part.toBuffer());
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limitBytes: LEDGER_UPLOAD_MAX_BYTES });
    throw err;
  }
  request.body = {};
}

export async function ledgerRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['supervision'];
  await app.register(multipart, { limits: { fileSize: LEDGER_UPLOAD_MAX_BYTES, files: 1 } });

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/plans/:id/ledger.xlsx',
    {
      schema: {
        tags,
        summary: '台账 of a plan as .xlsx: one row per task (a unit gets its own rows); the yellow columns re-import',
        params: IdParams,
        produces: [XLSX],
        response: { 200: { description: 'The .xlsx file', type: 'string', format: 'binary' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { file, filename } = await exportLedger(app.deps.db, requireActor(request), request.params.id, app.deps.now());
      return reply.type(XLSX).header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`).send(file);
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/v1/plans/:id/ledger-import',
    {
      bodyLimit: LEDGER_UPLOAD_MAX_BYTES + 1024 * 1024,
      preValidation: readUpload,
      schema: {
        tags,
        summary: 'Bulk progress import from the ledger layout; all rows or none (400 LEDGER_IMPORT_INVALID with details.issues: sheet, row, column, message)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    async (request) => {
      const file = uploads.get(request);
      if (!file) throw new AppError('VALIDATION', '请上传 .xlsx 文件', [{ field: 'body.file', message: 'required', keyword: 'required' }]);
      return importLedger(app.deps.db, requireActor(request), request.params.id, file, app.deps.now(), app.deps.documents);
    },
  );
}
