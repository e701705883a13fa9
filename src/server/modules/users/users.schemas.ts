import { Type } from '@sinclair/typebox';
import { Page, PageSize, Uuid, listOf } from '../../http/schemas.ts';
import { RoleSchema } from '../auth/auth.schemas.ts';

const Username = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' });
const DisplayName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
// Length and the username rule are checked by the password policy, so its message is specific.
const Password = Type.String({ minLength: 1, maxLength: 200 });
const NullableUuid = Type.Union([Uuid, Type.Null()]);

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  unitId: NullableUuid,
  unitName: Type.Union([Type.String(), Type.Null()]),
  regionId: NullableUuid,
  regionName: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  policies: Type.Object({ update: Type.Boolean() }),
});

export const UserList = listOf(User);

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64 })),
    role: Type.Optional(RoleSchema),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    password: Password,
    role: RoleSchema,
    unitId: Type.Optional(NullableUuid),
    regionId: Type.Optional(NullableUuid),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(RoleSchema),
    unitId: Type.Optional(NullableUuid),
    regionId: Type.Optional(NullableUuid),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SetupBody = Type.Object(
  { username: Username, password: Password, displayName: Type.Optional(DisplayName) },
  { additionalProperties: false },
);
