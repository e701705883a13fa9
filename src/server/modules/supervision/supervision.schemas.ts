import { Type } from '@sinclair/typebox';
import { Page, PageSize, Uuid, listOf } from '../../http/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Boolean>>(t: T) =>
  Type.Union([t, Type.Null()]);
const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
export const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const DateTime = Type.String({ format: 'date-time' });
const Ref = Type.Object({ id: Uuid, name: Type.String() });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const LIGHTS = ['green', 'yellow', 'red', 'grey', 'done'] as const;
export const TASK_STATUSES = ['assigned', 'signed', 'in_progress', 'closed'] as const;
export const CYCLES = ['weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly'] as const;

export const Reason = Type.Object({
  code: Type.String(),
  severity: Enum(LIGHTS),
  message: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});

export const Kpi = Type.Object({
  id: Uuid,
  metric: Type.String(),
  op: Enum(['>=', '<=', '='] as const),
  target: Type.Number(),
  unit: Type.String(),
  by: Nullable(Type.String()),
  baseline: Nullable(Type.Number()),
  text: Nullable(Type.String()),
  actual: Nullable(Type.Number()),
  attainment: Nullable(Type.Number()),
});

const TaskPolicies = Type.Object({
  sign: Type.Boolean(),
  report: Type.Boolean(),
  review: Type.Boolean(),
  requestExtension: Type.Boolean(),
  requestTransfer: Type.Boolean(),
  decideRequest: Type.Boolean(),
  close: Type.Boolean(),
  instruct: Type.Boolean(),
});

export const Task = Type.Object({
  id: Uuid,
  planId: Uuid,
  planTitle: Type.String(),
  measureId: Uuid,
  measureNumber: Type.String(),
  section: Nullable(Type.String()),
  title: Nullable(Type.String()),
  text: Type.String(),
  unit: Ref,
  region: Ref,
  planRegion: Ref,
  cooperatingUnits: Type.Array(Type.Object({ printed: Type.String(), unitId: Nullable(Type.String()), name: Nullable(Type.String()) })),
  milestones: Type.Array(Type.Object({ name: Type.String(), due: Type.String() })),
  status: Enum(TASK_STATUSES),
  startOn: Type.String(),
  signedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  plannedDueDate: Nullable(Type.String()),
  dueDate: Nullable(Type.String({ description: 'Deadline after approved extensions' })),
  extended: Type.Boolean(),
  cooperating: Type.Boolean({ description: 'The caller’s unit cooperates on this task (协办): it may read it, not sign or report' }),
  effectiveDueDate: Nullable(Type.String({ description: 'Deadline the light and every count read: dueDate moved off a rest day to the next working day' })),
  nextReportDue: Nullable(Type.String()),
  progress: Type.Integer(),
  cycle: Enum(CYCLES),
  nthWorkingDay: Type.Integer(),
  light: Enum(LIGHTS),
  reasons: Type.Array(Reason),
  completedOnTime: Nullable(Type.Boolean()),
  lastReportAt: Nullable(DateTime),
  kpis: Type.Array(Kpi),
  policies: TaskPolicies,
});

export const Evidence = Type.Object({ id: Uuid, name: Type.String(), size: Type.Integer(), mime: Type.String() });

export const Report = Type.Object({
  id: Uuid,
  taskId: Uuid,
  period: Type.String(),
  periodLabel: Type.String(),
  dueOn: Nullable(Type.String()),
  status: Enum(['draft', 'submitted', 'accepted', 'returned'] as const),
  summary: Type.String(),
  progress: Type.Integer(),
  kpiValues: Type.Array(Type.Object({ kpiId: Uuid, actual: Type.Number() })),
  evidence: Type.Array(Evidence),
  isFinal: Type.Boolean(),
  createdAt: DateTime,
  submittedAt: Nullable(DateTime),
  onTime: Nullable(Type.Boolean()),
  reviewedAt: Nullable(DateTime),
  reviewComment: Nullable(Type.String()),
  reviewer: Nullable(Type.String()),
  fillSeconds: Nullable(Type.Integer()),
  policies: Type.Object({ update: Type.Boolean(), uploadEvidence: Type.Boolean(), review: Type.Boolean() }),
});

export const TaskRequest = Type.Object({
  id: Uuid,
  taskId: Uuid,
  kind: Enum(['extension', 'transfer'] as const),
  reason: Type.String(),
  newDueDate: Nullable(Type.String()),
  previousDueDate: Nullable(Type.String()),
  toUnit: Type.Union([Ref, Type.Null()]),
  status: Enum(['pending', 'approved', 'refused'] as const),
  createdAt: DateTime,
  decidedAt: Nullable(DateTime),
  decider: Nullable(Type.String()),
  decisionComment: Nullable(Type.String()),
  policies: Type.Object({ decide: Type.Boolean() }),
});

export const Instruction = Type.Object({
  id: Uuid,
  taskId: Uuid,
  author: Type.String(),
  authorRole: Type.String(),
  text: Type.String(),
  createdAt: DateTime,
});

export const Escalation = Type.Object({
  id: Uuid,
  taskId: Uuid,
  number: Type.String({ description: '督办单编号, e.g. 督办〔2026〕第12号' }),
  kind: Enum(['report', 'deadline'] as const),
  period: Type.String(),
  dueOn: Type.String(),
  issuedOn: Type.String(),
  respondBy: Type.String(),
  response: Nullable(Type.String()),
  respondedAt: Nullable(DateTime),
  policies: Type.Object({ respond: Type.Boolean() }),
});

export const TaskDetail = Type.Intersect([
  Task,
  Type.Object({
    reports: Type.Array(Report),
    requests: Type.Array(TaskRequest),
    instructions: Type.Array(Instruction),
    escalations: Type.Array(Escalation),
  }),
]);

export const TaskList = listOf(Task);

export const TaskListQuery = Type.Object(
  {
    mine: Type.Optional(Type.Boolean()),
    unitId: Type.Optional(Uuid),
    planId: Type.Optional(Uuid),
    light: Type.Optional(Enum(LIGHTS)),
    status: Type.Optional(Enum(TASK_STATUSES)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    // With a unit account: only the tasks it leads (主办) or only those it cooperates on (协办).
    role: Type.Optional(Enum(['lead', 'cooperating'] as const)),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);

export const PublishBody = Type.Object(
  {
    cycle: Type.Optional(Enum(CYCLES)),
    nthWorkingDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    dueSoonDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
    progressLagPct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const PublishResult = Type.Object({ planId: Uuid, tasksCreated: Type.Integer(), kpisCreated: Type.Integer() });

const KpiValues = Type.Array(Type.Object({ kpiId: Uuid, actual: Type.Number() }, { additionalProperties: false }), { maxItems: 100 });

export const CreateReportBody = Type.Object(
  {
    period: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    summary: Type.String({ maxLength: 10_000 }),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    kpiValues: Type.Optional(KpiValues),
    isFinal: Type.Optional(Type.Boolean()),
    submit: Type.Boolean(),
    fillSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
  },
  { additionalProperties: false },
);

export const UpdateReportBody = Type.Object(
  {
    summary: Type.Optional(Type.String({ maxLength: 10_000 })),
    progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    kpiValues: Type.Optional(KpiValues),
    isFinal: Type.Optional(Type.Boolean()),
    submit: Type.Optional(Type.Boolean()),
    fillSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ReviewBody = Type.Object(
  { decision: Enum(['accept', 'return'] as const), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const ReviewQueueQuery = Type.Object({ planId: Type.Optional(Uuid), page: Page, pageSize: PageSize }, { additionalProperties: false });
export const ReviewQueue = listOf(Type.Object({ report: Report, task: Task }));

export const CreateRequestBody = Type.Object(
  {
    kind: Enum(['extension', 'transfer'] as const),
    reason: Text(2000),
    newDueDate: Type.Optional(IsoDate),
    toUnitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  { decision: Enum(['approve', 'refuse'] as const), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const InstructionBody = Type.Object({ text: Text(2000) }, { additionalProperties: false });
export const EscalationResponseBody = Type.Object({ response: Text(4000) }, { additionalProperties: false });

export const Notification = Type.Object({
  id: Uuid,
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  taskId: Nullable(Type.String()),
  entity: Nullable(Type.String()),
  entityId: Nullable(Type.String()),
  readAt: Nullable(DateTime),
  createdAt: DateTime,
});
export const NotificationList = Type.Object({ items: Type.Array(Notification), total: Type.Integer(), unread: Type.Integer() });
export const NotificationQuery = Type.Object({ unread: Type.Optional(Type.Boolean()), page: Page, pageSize: PageSize }, { additionalProperties: false });

export const CalendarOverride = Type.Object({
  id: Uuid,
  region: Ref,
  date: Type.String(),
  kind: Enum(['workday', 'holiday'] as const),
  name: Nullable(Type.String()),
  policies: Type.Object({ delete: Type.Boolean() }),
});
export const CalendarOverrideList = Type.Object({ items: Type.Array(CalendarOverride) });
export const CalendarOverrideQuery = Type.Object(
  { regionId: Type.Optional(Uuid), year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) },
  { additionalProperties: false },
);
export const CreateCalendarOverrideBody = Type.Object(
  { regionId: Type.Optional(Uuid), date: IsoDate, kind: Enum(['workday', 'holiday'] as const), name: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
);

export const Webhook = Type.Object({
  unitId: Uuid,
  url: Nullable(Type.String()),
  enabled: Type.Boolean(),
  hasSecret: Type.Boolean(),
  recentDeliveries: Type.Array(
    Type.Object({
      id: Uuid,
      event: Type.String(),
      status: Type.String(),
      attempts: Type.Integer(),
      lastStatus: Nullable(Type.Integer()),
      lastError: Nullable(Type.String()),
      createdAt: DateTime,
      sentAt: Nullable(DateTime),
    }),
  ),
});
export const PutWebhookBody = Type.Object(
  {
    url: Type.Union([Type.String({ maxLength: 2000, pattern: '^https?://\\S+$' }), Type.Null()]),
    enabled: Type.Optional(Type.Boolean()),
    secret: Type.Optional(Type.Union([Type.String({ minLength: 8, maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const Settings = Type.Object({
  regionId: Uuid,
  cycle: Enum(CYCLES),
  nthWorkingDay: Type.Integer(),
  dueSoonDays: Type.Integer(),
  progressLagPct: Type.Integer(),
  remindBeforeDays: Type.Integer(),
  escalationResponseDays: Type.Integer(),
  policies: Type.Object({ update: Type.Boolean() }),
});
export const SettingsQuery = Type.Object({ regionId: Type.Optional(Uuid) }, { additionalProperties: false });
export const PutSettingsBody = Type.Object(
  {
    regionId: Type.Optional(Uuid),
    cycle: Enum(CYCLES),
    nthWorkingDay: Type.Integer({ minimum: 1, maximum: 10 }),
    dueSoonDays: Type.Integer({ minimum: 0, maximum: 30 }),
    progressLagPct: Type.Integer({ minimum: 0, maximum: 100 }),
    remindBeforeDays: Type.Integer({ minimum: 0, maximum: 30 }),
    escalationResponseDays: Type.Integer({ minimum: 1, maximum: 30 }),
  },
  { additionalProperties: false },
);
