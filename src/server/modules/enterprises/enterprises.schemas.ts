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

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const ContactInput = Type.Object(
  { name: Text(50), phone: Type.Optional(NullableText(30)), title: Type.Optional(NullableText(50)), isPrimary: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const editable = {
  name: Text(200),
  regionId: Uuid,
  legalRepName: Type.Optional(NullableText(50)),
  legalRepPhone: Type.Optional(NullableText(30)),
  legalRepIdNumber: Type.Optional(NullableText(30)),
  registrationAuthority: Type.Optional(NullableText(100)),
  establishedOn: Type.Optional(NullableDate),
  registeredCapital: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()])),
  industryCode: Type.Optional(NullableText(10)),
  address: Type.Optional(NullableText(300)),
  contacts: Type.Optional(Type.Array(ContactInput, { maxItems: 20 })),
};

export const CreateEnterpriseBody = Type.Object({ creditCode: Type.String({ minLength: 1, maxLength: 30 }), ...editable }, { additionalProperties: false });

export const UpdateEnterpriseBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(editable.name),
    regionId: Type.Optional(Uuid),
    legalRepName: editable.legalRepName,
    legalRepPhone: editable.legalRepPhone,
    legalRepIdNumber: editable.legalRepIdNumber,
    registrationAuthority: editable.registrationAuthority,
    establishedOn: editable.establishedOn,
    registeredCapital: editable.registeredCapital,
    industryCode: editable.industryCode,
    address: editable.address,
    status: Type.Optional(Type.Unsafe<'active' | 'closed'>({ type: 'string', enum: ['active', 'closed'] })),
    contacts: editable.contacts,
  },
  { additionalProperties: false, minProperties: 2 },
);

const RowStatus = Type.Unsafe<'new' | 'changed' | 'unchanged' | 'refused'>({ type: 'string', enum: ['new', 'changed', 'unchanged', 'refused'] });
export const ImportReportSchema = Type.Object({
  dryRun: Type.Boolean(),
  format: Type.String(),
  year: Type.Integer(),
  total: Type.Integer(),
  counts: Type.Object({ new: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer(), refused: Type.Integer() }),
  ignoredColumns: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Object({
      rowNumber: Type.Integer(),
      creditCode: NullableString,
      name: NullableString,
      status: RowStatus,
      changes: Type.Array(Type.Object({ field: Type.String(), column: Type.String(), from: Type.Unknown(), to: Type.Unknown() })),
      issues: Type.Array(Type.Object({ column: Type.String(), value: Type.String(), message: Type.String() })),
    }),
  ),
  rowsTruncated: Type.Boolean(),
});

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'true: only the diff, nothing written' })),
    year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: 'Year of the 从业人员/营业收入/资产总额 columns (default: last year)' })),
  },
  { additionalProperties: false },
);
