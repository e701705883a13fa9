import { Type } from '@sinclair/typebox';
import { IsoDate as SharedIsoDate } from '../../http/schemas.ts';
import { Page, PageSize, Uuid } from '../../http/schemas.ts';

const Month = Type.String({ pattern: '^(?!0000)\\d{4}-(0[1-9]|1[0-2])$' });
const IsoDate = SharedIsoDate;
const Light = Type.Unsafe<'green' | 'yellow' | 'red' | 'grey' | 'done'>({ type: 'string', enum: ['green', 'yellow', 'red', 'grey', 'done'] });
const Bucket = Type.Unsafe<'none' | 'lt50' | '50to80' | '80to100' | 'met'>({ type: 'string', enum: ['none', 'lt50', '50to80', '80to100', 'met'] });

export const DashboardQuery = Type.Object({ planId: Type.Optional(Uuid) }, { additionalProperties: false });

export const DashboardTask = Type.Object({
  id: Uuid,
  measureNumber: Type.String(),
  title: Type.String(),
  unitName: Type.String(),
  dueDate: Type.Union([IsoDate, Type.Null()]),
  light: Light,
  reason: Type.Union([Type.String(), Type.Null()]),
  /** The code of the deciding reason (the web translates it; `reason` is the zh-CN sentence). */
  reasonCode: Type.Union([Type.String(), Type.Null()]),
});

export const Dashboard = Type.Object({
  asOf: IsoDate,
  totals: Type.Object({
    tasks: Type.Integer(),
    done: Type.Integer(),
    red: Type.Integer(),
    yellow: Type.Integer(),
    green: Type.Integer(),
    grey: Type.Integer(),
    overdue: Type.Integer(),
  }),
  completionOverTime: Type.Array(Type.Object({ month: Month, done: Type.Integer(), total: Type.Integer(), rate: Type.Number() })),
  byChapter: Type.Array(Type.Object({ section: Type.String(), tasks: Type.Integer(), done: Type.Integer(), red: Type.Integer() })),
  byUnit: Type.Array(Type.Object({ unitId: Uuid, unitName: Type.String(), tasks: Type.Integer(), done: Type.Integer(), red: Type.Integer() })),
  overdueTrend: Type.Array(Type.Object({ month: Month, overdue: Type.Integer() })),
  kpiAttainment: Type.Array(Type.Object({ bucket: Bucket, count: Type.Integer() })),
  redTasks: Type.Array(DashboardTask),
});

export const DrillQuery = Type.Object(
  {
    planId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    section: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    light: Type.Optional(Light),
    overdue: Type.Optional(Type.Boolean()),
    overdueIn: Type.Optional(Month),
    doneBy: Type.Optional(Month),
    kpiBucket: Type.Optional(Bucket),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

export const DrillList = Type.Object({ items: Type.Array(DashboardTask), total: Type.Integer() });

export const BurdenQuery = Type.Object({ month: Type.Optional(Month) }, { additionalProperties: false });

export const Burden = Type.Object({
  from: IsoDate,
  to: IsoDate,
  items: Type.Array(
    Type.Object({
      unitId: Uuid,
      unitName: Type.String(),
      month: Month,
      reportsAsked: Type.Integer(),
      reportsFiled: Type.Integer(),
      fieldsAsked: Type.Integer(),
      medianFillSeconds: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  total: Type.Integer(),
});

const InboxTask = Type.Object({ id: Uuid, measureNumber: Type.String(), title: Type.String(), unitName: Type.String(), planTitle: Type.String() });

export const ReviewInbox = Type.Object({
  requests: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.Unsafe<'extension' | 'transfer'>({ type: 'string', enum: ['extension', 'transfer'] }),
      reason: Type.String(),
      newDueDate: Type.Union([IsoDate, Type.Null()]),
      currentDueDate: Type.Union([IsoDate, Type.Null()]),
      toUnitName: Type.Union([Type.String(), Type.Null()]),
      createdAt: Type.String(),
      task: InboxTask,
      policies: Type.Object({ decide: Type.Boolean() }),
    }),
  ),
  toClose: Type.Array(
    Type.Object({
      task: InboxTask,
      periodLabel: Type.String(),
      acceptedAt: Type.Union([Type.String(), Type.Null()]),
      policies: Type.Object({ close: Type.Boolean() }),
    }),
  ),
});
