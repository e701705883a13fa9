import { Type } from '@sinclair/typebox';
import { IsoDate as SharedIsoDate } from '../../http/schemas.ts';
import { Uuid } from '../../http/schemas.ts';

const IsoDate = SharedIsoDate;
const Rate = Type.Union([Type.Number(), Type.Null()]);
const Weight = Type.Number({ minimum: 0, maximum: 1000 });

export const RankingQuery = Type.Object(
  {
    planId: Type.Optional(Uuid),
    by: Type.Optional(Type.Unsafe<'unit' | 'region'>({ type: 'string', enum: ['unit', 'region'] })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const Weights = Type.Object(
  { completion: Weight, onTime: Weight, overdue: Weight, reporting: Weight, kpi: Weight },
  { additionalProperties: false },
);

const Components = Type.Object({ completion: Rate, onTime: Rate, overdue: Rate, reporting: Rate, kpi: Rate });

export const RankedUnit = Type.Object({
  rank: Type.Union([Type.Integer(), Type.Null()]),
  unitId: Uuid,
  unitName: Type.String(),
  tasks: Type.Integer(),
  done: Type.Integer(),
  onTime: Type.Integer(),
  overdue: Type.Integer(),
  excluded: Type.Integer({ description: 'Tasks left out: an approved extension still runs' }),
  reportsDue: Type.Integer(),
  reportsOnTime: Type.Integer(),
  kpiAttainmentAvg: Rate,
  components: Components,
  score: Rate,
  flagged: Type.Union([Type.Literal('few-tasks'), Type.Literal('no-score'), Type.Null()]),
});

export const Rankings = Type.Object({
  by: Type.String(),
  asOf: IsoDate,
  weights: Weights,
  minTasks: Type.Integer(),
  items: Type.Array(RankedUnit),
  policies: Type.Object({ updateWeights: Type.Boolean() }),
});

export const UpdateWeightsBody = Type.Object(
  { regionId: Type.Optional(Uuid), weights: Weights, minTasks: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })) },
  { additionalProperties: false },
);

export const WeightsResponse = Type.Object({ regionId: Uuid, weights: Weights, minTasks: Type.Integer() });

export const BulletinQuery = Type.Object(
  { period: Type.Optional(Type.String({ pattern: '^(?!0000)\\d{4}-(0[1-9]|1[0-2])$', description: 'Month YYYY-MM; default the current month (as of today)' })) },
  { additionalProperties: false },
);
