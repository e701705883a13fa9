import { Type } from '@sinclair/typebox';
import { Page, PageSize, Uuid } from '../../http/schemas.ts';
import { PERIOD_PATTERN } from './indicators.service.ts';

const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Period = Type.String({ pattern: PERIOD_PATTERN, description: 'YYYY, YYYY-Qn or YYYY-MM' });
const Key = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.\\-]+$' });
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const NodeInput = Type.Object(
  {
    key: Key,
    parentKey: Type.Union([Key, Type.Null()]),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    weight: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
    aggregation: Type.Optional(Enum(['weighted_mean', 'mean'] as const)),
    isLeaf: Type.Optional(Type.Boolean()),
    component: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    unitLabel: Type.Optional(Type.String({ maxLength: 40 })),
    direction: Type.Optional(Type.Union([Enum(['lower', 'higher'] as const), Type.Null()])),
    frontierMode: Type.Optional(Type.Union([Enum(['fixed', 'sample'] as const), Type.Null()])),
    best: Type.Optional(Nullable(Type.Number())),
    worst: Type.Optional(Nullable(Type.Number())),
    transform: Type.Optional(Enum(['linear', 'nonlinear'] as const)),
    exponent: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 10 }))),
    dataSource: Type.Optional(Enum(['manual', 'computed', 'import'] as const)),
    provider: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
    cycle: Type.Optional(Enum(['year', 'quarter', 'month'] as const)),
    responsibleUnitId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    unitHint: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

export const CreateSystemBody = Type.Object(
  {
    regionId: Type.Optional(Uuid),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    template: Type.Optional(Enum(['ndrc-default'] as const)),
    basedOnId: Type.Optional(Uuid),
    frontierNote: Type.Optional(Type.String({ maxLength: 500 })),
    nodes: Type.Optional(Type.Array(NodeInput, { maxItems: 5000 })),
  },
  { additionalProperties: false },
);

export const SystemList = Type.Object({ items: Type.Array(Open('A system')), total: Type.Integer() });
export const SystemDetail = Open('A system version with its tree (nodes) and the computed-value providers');

export const ValueQuery = Type.Object(
  { systemId: Uuid, period: Type.Optional(Period), regionId: Type.Optional(Uuid), nodeKey: Type.Optional(Key), page: Page, pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) },
  { additionalProperties: false },
);
export const ValueInput = Type.Object({ regionId: Uuid, nodeKey: Key, value: Type.Number(), evidence: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const PostValuesBody = Type.Object({ systemId: Uuid, period: Period, values: Type.Array(ValueInput, { minItems: 1, maxItems: 50_000 }) }, { additionalProperties: false });
export const ComputeBody = Type.Object({ systemId: Uuid, period: Period }, { additionalProperties: false });

export const EvaluationQuery = Type.Object({ systemId: Uuid, period: Period, depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 1, description: 'levels of node scores per region (1 = first-level)' })) }, { additionalProperties: false });
export const ExplainQuery = Type.Object({ node: Uuid, region: Uuid, period: Period }, { additionalProperties: false });
export const TrendQuery = Type.Object({ systemId: Uuid, nodeKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });
export const SimulateBody = Type.Object(
  { systemId: Uuid, period: Period, changes: Type.Array(Type.Object({ regionId: Uuid, nodeKey: Key, value: Type.Union([Type.Number(), Type.Null()]) }, { additionalProperties: false }), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

export const OpenRoundBody = Type.Object(
  { systemId: Uuid, period: Period, title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), dueDate: Type.Optional(Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) },
  { additionalProperties: false },
);
export const FillRoundBody = Type.Object(
  {
    entries: Type.Array(Type.Object({ nodeKey: Key, regionId: Uuid, value: Type.Number(), evidence: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }), { maxItems: 10_000 }),
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ReviewRoundBody = Type.Object({ decision: Enum(['accept', 'return'] as const), comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const RoundUnitParams = Type.Object({ id: Uuid, unitId: Uuid }, { additionalProperties: false });

export const TargetLinkBody = Type.Object({ systemId: Uuid, nodeKey: Key, measureId: Uuid, target: Type.Number(), targetText: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const NodeParams = Type.Object({ id: Uuid, key: Key }, { additionalProperties: false });
export const AlertRuleBody = Type.Object(
  { systemId: Uuid, nodeKey: Type.String({ minLength: 1, maxLength: 64 }), kind: Enum(['below', 'wrong_way', 'misses_target'] as const), threshold: Type.Optional(Type.Number()) },
  { additionalProperties: false },
);
export const AlertQuery = Type.Object({ systemId: Uuid, period: Type.Optional(Period) }, { additionalProperties: false });
export const BulletinQuery = Type.Object({ period: Period }, { additionalProperties: false });

export const OpenObject = Open;

export const AlertTaskBody = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    dueDate: Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);
