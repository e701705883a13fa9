import { Type } from '@sinclair/typebox';
import { Uuid } from '../../http/schemas.ts';

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('office'), Type.Literal('leader'), Type.Literal('unit'), Type.Literal('enterprise')]);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const Ref = Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]);

export const Me = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    unit: Ref,
    region: Ref,
    /** The enterprise an `enterprise` user acts for (GET /api/v1/me); null for staff. */
    enterprise: Type.Optional(Type.Union([Type.Object({ id: Uuid, name: Type.String(), creditCode: Type.String() }), Type.Null()])),
    csrfToken: Type.String(),
  },
  { $id: 'Me' },
);

export const LoginResponse = Type.Object({ user: Type.Ref('Me'), csrfToken: Type.String() });
