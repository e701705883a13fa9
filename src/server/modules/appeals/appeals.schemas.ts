import { Type } from '@sinclair/typebox';
import { EXCLUSION_REASONS, APPEAL_STATUSES } from '../../../core/appeals/index.ts';
import { Page, PageSize, Uuid } from '../../http/schemas.ts';

const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Responses are presented field by field in appeals.presenter.ts; the schema lets them through as built. */
export const Loose = Type.Object({}, { additionalProperties: true });

export const Attachment = Type.Object(
  { name: Text(200, 1), contentType: Text(100, 1), dataBase64: Type.String({ maxLength: 2_900_000 }) },
  { additionalProperties: false },
);

export const CreateAppealBody = Type.Object(
  {
    enterpriseId: Type.Optional(Uuid),
    enterpriseName: Type.Optional(Text(200, 1)),
    regionId: Type.Optional(Uuid),
    contactName: Type.Optional(Text(50)),
    contactPhone: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9+\\- ]*$' })),
    channel: Type.Optional(Enum(['hotline', 'counter'] as const)),
    categoryId: Type.Optional(Uuid),
    categoryCode: Type.Optional(Text(50, 1)),
    title: Type.Optional(Text(100)),
    description: Text(4000, 5),
    location: Type.Optional(Text(300)),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    isPublic: Type.Optional(Type.Boolean()),
    confidential: Type.Optional(Type.Boolean()),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 3 })),
  },
  { additionalProperties: false },
);

export const AppealListQuery = Type.Object(
  {
    status: Type.Optional(Enum(APPEAL_STATUSES)),
    unitId: Type.Optional(Uuid),
    categoryId: Type.Optional(Uuid),
    q: Type.Optional(Text(100)),
    overdue: Type.Optional(Type.Boolean()),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

export const DispatchBody = Type.Object(
  { unitId: Uuid, categoryId: Type.Optional(Uuid), coUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })), catalogueId: Type.Optional(Uuid), note: Type.Optional(Text(500)) },
  { additionalProperties: false },
);
export const ReasonBody = Type.Object({ reason: Text(1000, 1) }, { additionalProperties: false });
export const DecisionBody = Type.Object({ decision: Enum(['redispatch', 'uphold'] as const), unitId: Type.Optional(Uuid), note: Type.Optional(Text(500)) }, { additionalProperties: false });
export const ExtendBody = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Text(500, 1) }, { additionalProperties: false });
export const ReplyBody = Type.Object({ text: Text(4000, 1) }, { additionalProperties: false });
export const CallbackBody = Type.Object({ solved: Type.Boolean(), satisfied: Type.Boolean(), note: Type.Optional(Text(1000)) }, { additionalProperties: false });
export const RateBody = Type.Object({ rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Text(1000)) }, { additionalProperties: false });
export const CloseBody = Type.Object({ note: Type.Optional(Text(500)) }, { additionalProperties: false });
export const MergeBody = Type.Object({ intoId: Uuid }, { additionalProperties: false });
export const ExcludeBody = Type.Object({ reason: Enum(EXCLUSION_REASONS), note: Text(1000, 1) }, { additionalProperties: false });
export const ProposeBody = Type.Object({ text: Text(4000, 1) }, { additionalProperties: false });

export const StatsQuery = Type.Object(
  { groupBy: Type.Optional(Enum(['unit', 'region', 'month', 'category'] as const)), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), minCases: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);
export const ClusterQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false });
export const MeasureBody = Type.Object({ unitId: Uuid, dueDate: IsoDate, title: Type.Optional(Text(200)), text: Type.Optional(Text(2000)) }, { additionalProperties: false });
export const AttachmentParams = Type.Object({ id: Uuid, index: Type.Integer({ minimum: 0, maximum: 9 }) }, { additionalProperties: false });
export const Open311KeyBody = Type.Object({ name: Text(100, 1), regionId: Type.Optional(Uuid) }, { additionalProperties: false });
