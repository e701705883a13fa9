import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyRequest, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { AppError } from '../errors.ts';
import { isIsoDate } from '../../core/calendar/index.ts';
import { findUnsafeText, unsafeTextMessage } from './text-guard.ts';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * A real calendar date that PostgreSQL stores: `YYYY-MM-DD`, year 1..9999, the month's days
 * (2026-02-30 and 0000-01-01 are refused, 2024-02-29 is fine).
 */
export function isStorableDate(value: string): boolean {
  return isIsoDate(value);
}

/** An RFC 3339 instant whose date part is a storable date. */
export function isStorableDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isIsoDate(m[1])) return false;
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return h < 24 && mi < 60 && s < 61;
}

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  // removeAdditional stays false: an unknown field is a client error (400), never silently dropped.
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, strict: false });
  addFormats.default ? addFormats.default(ajv) : (addFormats as unknown as (a: Ajv) => void)(ajv);
  // ajv-formats accepts year 0000, which PostgreSQL refuses: every date is checked here, once.
  ajv.addFormat('date', { type: 'string', validate: isStorableDate });
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDateTime });
  return ajv;
}

interface ValidationIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

type Validator = ((data: unknown, ctx?: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null; schemaEnv?: unknown };

/**
 * Bodies are JSON and validate without coercion ("5" is not a number); query strings and path
 * parameters are text and need it. Before the schema, every part (body, query, params, headers)
 * is searched for NUL and lone surrogates — text PostgreSQL would refuse — and refused as a 400
 * naming the field (keyword `unsafeText`).
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  return ({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? strict : coercing).compile(schema as object);
    const wrapped: Validator = (data: unknown, ctx?: unknown) => {
      const unsafe = findUnsafeText(data);
      if (unsafe) {
        const issue: ValidationIssue = { instancePath: unsafe.path, schemaPath: '#/unsafeText', keyword: 'unsafeText', params: {}, message: unsafeTextMessage(unsafe.reason) };
        wrapped.errors = [issue];
        return false;
      }
      const ok = (validate as Validator)(data, ctx);
      wrapped.errors = validate.errors as FastifySchemaValidationError[] | null;
      return ok;
    };
    // Fastify passes the parent (so Ajv may coerce a root value) only to validators with a schemaEnv.
    wrapped.schemaEnv = (validate as Validator).schemaEnv;
    return wrapped;
  };
}

/**
 * The same NUL/lone-surrogate rule for the parts of a request that have no schema (a route
 * without `querystring`, a body read by hand): a global preValidation hook, registered once in app.ts.
 */
export async function refuseUnsafeText(request: FastifyRequest): Promise<void> {
  assertSafeText('params', request.params);
  assertSafeText('querystring', request.query);
  assertSafeText('body', request.body);
}

/**
 * Throws the 400 of the NUL/lone-surrogate rule when `data` holds such text; `context` starts the
 * field name (`body.file` for the filename and type of a multipart file part).
 */
export function assertSafeText(context: string, data: unknown): void {
  const unsafe = findUnsafeText(data);
  if (!unsafe) return;
  const field = [context, ...unsafe.path.split('/').filter(Boolean)].join('.');
  throw new AppError('VALIDATION', undefined, [{ field, message: unsafeTextMessage(unsafe.reason), keyword: 'unsafeText' }]);
}
