import { Type } from '@sinclair/typebox';
import { Page, PageSize, Uuid, listOf } from '../../http/schemas.ts';

export const AuditListQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    actorId: Type.Optional(Uuid),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

export const AuditEntry = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditList = listOf(AuditEntry);
