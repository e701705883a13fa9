import { Type } from '@sinclair/typebox';
import { Uuid } from '../../http/schemas.ts';

export const BenchmarkQuery = Type.Object({ metric: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const BenchmarkEntry = Type.Object({
  planId: Uuid,
  planTitle: Type.String(),
  planStatus: Type.String(),
  regionName: Nullable(Type.String()),
  measureId: Nullable(Uuid),
  measureNumber: Nullable(Type.String()),
  text: Type.String(),
  metric: Type.String(),
  op: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
  by: Nullable(Type.String()),
  displayValue: Type.Number(),
  rank: Type.Union([Type.Integer(), Type.Null()]),
  best: Type.Boolean(),
});

export const BenchmarkGroup = Type.Object({
  canonical: Type.String(),
  matchedBy: Type.Union([Type.Literal('extra'), Type.Literal('builtin'), Type.Null()]),
  family: Type.String(),
  unit: Type.String(),
  direction: Type.Union([Type.Literal('lower'), Type.Literal('higher'), Type.Null()]),
  entries: Type.Array(BenchmarkEntry),
});

export const BenchmarkResponse = Type.Object({
  groups: Type.Array(BenchmarkGroup),
  /** Targets that could not be compared (no finite value or empty metric). */
  skipped: Type.Integer(),
});

export const MetricSynonym = Type.Object({
  id: Uuid,
  regionId: Uuid,
  regionName: Type.String(),
  canonical: Type.String(),
  variant: Type.String(),
  policies: Type.Object({ delete: Type.Boolean() }),
});

export const MetricSynonymList = Type.Object({
  items: Type.Array(MetricSynonym),
  total: Type.Integer(),
  builtin: Type.Array(
    Type.Object({ canonical: Type.String(), variants: Type.Array(Type.String()), better: Type.Union([Type.String(), Type.Null()]) }),
  ),
});

const MetricText = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const CreateMetricSynonymBody = Type.Object(
  { canonical: MetricText, variant: MetricText, regionId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
