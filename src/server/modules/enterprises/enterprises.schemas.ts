import { Type } from '@sinclair/typebox';
import { Page, PageSize, Uuid } from '../../http/schemas.ts';

const IsoDate = Type.String({ format: 'date' });
const NullableDate = Type.Union([IsoDate, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const SizeClassSchema = Type.Unsafe<'large' | 'medium' | 'small' | 'micro'>({ type: 'string', enum: ['large', 'medium', 'small', 'micro'] });
export const CreditFlagKindSchema = Type.Unsafe<'dishonest' | 'abnormal'>({ type: 'string', enum: ['dishonest', 'abnormal'] });

export const EnterprisePolicies = Type.Object({
  update: Type.Boolean(),
  reveal: Type.Boolean(),
  requestCorrection: Type.Boolean(),
  manageAccounts: Type.Boolean(),
});

export const EnterpriseSummary = Type.Object({
  id: Uuid,
  creditCode: Type.String(),
  name: Type.String(),
  regionId: Uuid,
  regionName: Type.String(),
  industryCode: NullableString,
  industryName: NullableString,
  sizeClass: Type.Union([SizeClassSchema, Type.Null()]),
  status: Type.String(),
  /** Tags valid today. */
  tags: Type.Array(Type.String()),
  /** Credit flags in force today. */
  creditFlags: Type.Array(CreditFlagKindSchema),
});

export const EnterpriseList = Type.Object({
  items: Type.Array(EnterpriseSummary),
  total: Type.Integer(),
  policies: Type.Object({ create: Type.Boolean(), import: Type.Boolean(), export: Type.Boolean() }),
});

export const EnterpriseListQuery = Type.Object(
  {
    regionId: Type.Optional(Uuid),
    industry: Type.Optional(Type.String({ pattern: '^[A-T]([0-9]{2,4})?$', description: '门类 letter or code prefix: C, C33, C3311' })),
    sizeClass: Type.Optional(SizeClassSchema),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    creditFlag: Type.Optional(CreditFlagKindSchema),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

export const Figure = Type.Object({
  year: Type.Integer(),
  employees: Type.Union([Type.Integer(), Type.Null()]),
  /** 万元 */
  revenue: Type.Union([Type.Number(), Type.Null()]),
  /** 万元 */
  assets: Type.Union([Type.Number(), Type.Null()]),
  source: Type.String(),
  asOf: IsoDate,
});

export const Tag = Type.Object({ id: Uuid, tag: Type.String(), validFrom: NullableDate, validTo: NullableDate, source: Type.String(), current: Type.Boolean() });
export const CreditFlag = Type.Object({ id: Uuid, kind: CreditFlagKindSchema, since: NullableDate, until: NullableDate, source: Type.String(), note: NullableString, current: Type.Boolean() });
export const Contact = Type.Object({ id: Uuid, name: Type.String(), phone: NullableString, title: NullableString, isPrimary: Type.Boolean() });

export const EnterpriseDetail = Type.Object({
  ...EnterpriseSummary.properties,
  legalRepName: NullableString,
  legalRepPhone: NullableString,
  legalRepIdNumber: NullableString,
  /** True when the personal fields above are masked. */
  masked: Type.Boolean(),
  registrationAuthority: NullableString,
  establishedOn: NullableDate,
  /** 注册资本, 万元 */
  registeredCapital: Type.Union([Type.Number(), Type.Null()]),
  address: NullableString,
  sizeRule: NullableString,
  figures: Type.Array(Figure),
  tagsDetail: Type.Array(Tag),
  creditFlagsDetail: Type.Array(CreditFlag),
  contacts: Type.Array(Contact),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  policies: EnterprisePolicies,
});

export const EnterpriseDetailQuery = Type.Object(
  { reveal: Type.Optional(Type.Boolean({ description: 'Unmasked personal data (admin/office; audited)' })) },
  { additionalProperties: false },
);

export const TimelineEvent = Type.Object({
  id: Uuid,
  at: Type.String({ format: 'date-time' }),
  kind: Type.String(),
  title: Type.String(),
  refType: NullableString,
  refId: NullableString,
  detail: Type.Unknown(),
});
export const Timeline = Type.Object({ items: Type.Array(TimelineEvent), total: Type.Integer() });
export const TimelineQuery = Type.Object({ page: Page, pageSize: PageSize }, { additionalProperties: false });

/** The enterprise of an enterprise user, in `/api/v1/me`. */
export const MeEnterprise = Type.Union([Type.Object({ id: Uuid, name: Type.String(), creditCode: Type.String() }), Type.Null()]);
