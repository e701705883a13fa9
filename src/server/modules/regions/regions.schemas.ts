import { Type } from '@sinclair/typebox';
import { Uuid } from '../../http/schemas.ts';

const KIND = Type.Unsafe<'province' | 'city' | 'county' | 'district' | 'zone'>({
  type: 'string',
  enum: ['province', 'city', 'county', 'district', 'zone'],
});
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' });

export const Region = Type.Object({
  id: Uuid,
  name: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  kind: KIND,
  parentId: Type.Union([Uuid, Type.Null()]),
  policies: Type.Object({ update: Type.Boolean(), delete: Type.Boolean() }),
});

export const RegionList = Type.Object({ items: Type.Array(Region), total: Type.Integer() });

export const CreateRegionBody = Type.Object(
  {
    name: Name,
    code: Type.Optional(Type.Union([Code, Type.Null()])),
    kind: KIND,
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateRegionBody = Type.Object(
  {
    name: Type.Optional(Name),
    code: Type.Optional(Type.Union([Code, Type.Null()])),
    kind: Type.Optional(KIND),
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
