import { Type } from '@sinclair/typebox';
import { Page, PageSize, Uuid, listOf } from '../../http/schemas.ts';

const KIND = Type.Unsafe<'department' | 'government' | 'zone' | 'enterprise' | 'other'>({
  type: 'string',
  enum: ['department', 'government', 'zone', 'enterprise', 'other'],
});
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Aliases = Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), { maxItems: 50, uniqueItems: true });

export const Unit = Type.Object({
  id: Uuid,
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: KIND,
  regionId: Uuid,
  regionName: Type.String(),
  aliases: Type.Array(Type.String()),
  policies: Type.Object({ update: Type.Boolean(), delete: Type.Boolean() }),
});

export const UnitList = listOf(Unit);

export const UnitListQuery = Type.Object(
  {
    regionId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

export const CreateUnitBody = Type.Object(
  {
    name: Name,
    shortName: Type.Optional(Type.Union([Name, Type.Null()])),
    kind: KIND,
    regionId: Uuid,
    aliases: Type.Optional(Aliases),
  },
  { additionalProperties: false },
);

export const UpdateUnitBody = Type.Object(
  {
    name: Type.Optional(Name),
    shortName: Type.Optional(Type.Union([Name, Type.Null()])),
    kind: Type.Optional(KIND),
    regionId: Type.Optional(Uuid),
    aliases: Type.Optional(Aliases),
  },
  { additionalProperties: false, minProperties: 1 },
);
