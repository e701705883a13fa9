import { Type, type Static } from '@sinclair/typebox';
import { Page, PageSize, Uuid, listOf } from '../../http/schemas.ts';

const IsoDate = Type.String({ format: 'date', maxLength: 10 });
const NullableDate = Type.Union([IsoDate, Type.Null()]);
const ShortText = (maxLength: number) => Type.String({ maxLength });
const Year = Type.Integer({ minimum: 1900, maximum: 2200 });

export const Span = Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });

/** A unit as printed in the plan, with the registry unit it was resolved to (or null). */
export const UnitRef = Type.Object(
  { printed: Type.String({ minLength: 1, maxLength: 200 }), unitId: Type.Union([Uuid, Type.Null()]) },
  { additionalProperties: false },
);
export type UnitRef = Static<typeof UnitRef>;

/** As UnitRef; a client may echo the registry name it showed (`unitName`), which is not stored. */
const UnitRefInput = Type.Object(
  {
    printed: Type.String({ minLength: 1, maxLength: 200 }),
    unitId: Type.Union([Uuid, Type.Null()]),
    unitName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const Deadline = Type.Object(
  { text: ShortText(500), date: NullableDate, span: Type.Optional(Type.Union([Span, Type.Null()])) },
  { additionalProperties: false },
);

export const Target = Type.Object(
  {
    text: ShortText(2000),
    metric: Type.String({ minLength: 1, maxLength: 500 }),
    op: Type.Union([Type.Literal('<='), Type.Literal('>='), Type.Literal('=')]),
    value: Type.Number(),
    unit: ShortText(50),
    by: NullableDate,
    span: Type.Optional(Type.Union([Span, Type.Null()])),
    indicatorKey: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const UnitRefs = Type.Array(UnitRefInput, { maxItems: 200 });

/** A UnitRef in responses, with the registry name of the resolved unit. */
const UnitRefOut = Type.Object({ printed: Type.String(), unitId: Type.Union([Uuid, Type.Null()]), unitName: Type.Union([Type.String(), Type.Null()]) });

export const Measure = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  number: Type.String(),
  path: Type.Array(Type.String()),
  section: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  leadUnits: Type.Array(UnitRefOut),
  cooperatingUnits: Type.Array(UnitRefOut),
  deadlines: Type.Array(Deadline),
  targets: Type.Array(Target),
  span: Type.Union([Span, Type.Null()]),
  flags: Type.Array(Type.String()),
});

export const PlanPolicies = Type.Object({
  update: Type.Boolean(),
  delete: Type.Boolean(),
  publish: Type.Boolean(),
  resolveUnits: Type.Boolean(),
});

const Issue = Type.Object({
  code: Type.String(),
  message: Type.String(),
  measureId: Type.Optional(Type.String()),
  span: Type.Optional(Span),
});

const SourceFormat = Type.Union(['docx', 'doc', 'pdf', 'html', 'txt', 'paste'].map((f) => Type.Literal(f)));
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')]);

export const PlanDetail = Type.Object({
  id: Uuid,
  regionId: Uuid,
  title: Type.String(),
  issuer: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  issuedOn: NullableDate,
  baseYear: Type.Union([Type.Integer(), Type.Null()]),
  status: Status,
  version: Type.Integer(),
  sourceName: Type.String(),
  sourceFormat: SourceFormat,
  sourceText: Type.String(),
  defaultUnits: Type.Array(UnitRefOut),
  goals: Type.Array(Target),
  issues: Type.Array(Issue),
  measures: Type.Array(Measure),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  policies: PlanPolicies,
});

export const PlanListItem = Type.Object({
  id: Uuid,
  title: Type.String(),
  regionId: Uuid,
  regionName: Type.Union([Type.String(), Type.Null()]),
  status: Status,
  baseYear: Type.Union([Type.Integer(), Type.Null()]),
  measureCount: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  policies: PlanPolicies,
});
export const PlanList = listOf(PlanListItem);

export const PlanListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

/**
 * JSON variant of parse/create. A multipart upload (field `file`, optional fields `year`,
 * `regionId`) is turned into the same object without `text` before validation.
 */
export const PlanSourceQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });

export const PlanSourceBody = Type.Object(
  {
    text: Type.Optional(Type.String({ minLength: 1 })),
    sourceName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    year: Type.Optional(Year),
    regionId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type PlanSourceBody = Static<typeof PlanSourceBody>;

const Suggestion = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  regionName: Type.String(),
  score: Type.Number(),
  reason: Type.String(),
});

export const UnitResolutionItem = Type.Object({
  printed: Type.String(),
  expanded: Type.String(),
  collective: Type.Boolean(),
  match: Type.Union([
    Type.Object({ unitId: Uuid, unitName: Type.String(), regionName: Type.String(), how: Type.String() }),
    Type.Null(),
  ]),
  suggestions: Type.Array(Suggestion),
});
export const UnitResolutionList = Type.Object({ items: Type.Array(UnitResolutionItem) });

const CorePlanTarget = Type.Object({}, { additionalProperties: true });
export const ParsePreview = Type.Object({
  plan: Type.Object(
    {
      title: Type.Union([Type.String(), Type.Null()]),
      measures: Type.Array(Type.Object({}, { additionalProperties: true })),
      goals: Type.Array(CorePlanTarget),
    },
    { additionalProperties: true },
  ),
  issues: Type.Array(Issue),
  sourceText: Type.String(),
  sourceName: Type.String(),
  format: SourceFormat,
  resolutions: Type.Array(UnitResolutionItem),
  timing: Type.Object({ readMs: Type.Number(), parseMs: Type.Number(), resolveMs: Type.Number() }),
});

export const MeasureInput = Type.Object(
  {
    id: Type.Optional(Type.Union([Uuid, Type.Null()])),
    seq: Type.Optional(Type.Integer()),
    number: Type.String({ maxLength: 50 }),
    path: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 }),
    section: Type.Union([ShortText(500), Type.Null()]),
    title: Type.Union([ShortText(1000), Type.Null()]),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    leadUnits: UnitRefs,
    cooperatingUnits: UnitRefs,
    deadlines: Type.Array(Deadline, { maxItems: 50 }),
    targets: Type.Array(Target, { maxItems: 100 }),
    span: Type.Optional(Type.Union([Span, Type.Null()])),
    flags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type MeasureInput = Static<typeof MeasureInput>;

export const UpdatePlanBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** Null or blank keeps the stored title (a plan always has one). */
    title: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    issuer: Type.Union([ShortText(200), Type.Null()]),
    regionName: Type.Union([ShortText(100), Type.Null()]),
    issuedOn: NullableDate,
    baseYear: Type.Union([Year, Type.Null()]),
    defaultUnits: UnitRefs,
    goals: Type.Array(Target, { maxItems: 200 }),
    measures: Type.Array(MeasureInput, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type UpdatePlanBody = Static<typeof UpdatePlanBody>;
