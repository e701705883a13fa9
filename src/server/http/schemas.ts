import { Type, type TSchema } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
/** A real calendar date `YYYY-MM-DD` (the validator refuses 2026-02-30 and 0000-01-01). */
export const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const Page = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });
export const PageSize = Type.Integer({ minimum: 1, maximum: 200, default: 20 });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Unknown(),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error: code from docs/errors.md, a zh-CN message, optional details' },
);

const errorRef = Type.Ref('ErrorBody');

/** Error responses every /api route may give, for the OpenAPI document. */
export const errorResponses = {
  400: errorRef,
  401: errorRef,
  403: errorRef,
  404: errorRef,
  409: errorRef,
  413: errorRef,
  429: errorRef,
};

export function listOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer() });
}

export const NoContent = Type.Null({ description: 'No content' });
