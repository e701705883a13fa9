import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import { assertSafeText } from '../../http/validator-compiler.ts';
import type { FastifyInstance } from 'fastify';
import { previewPublish, publishPlan } from '../../commands/task-assigner.ts';
import { AppError } from '../../errors.ts';
import { IdParams, NoContent, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { addEvidence, createReport, EVIDENCE_MAX_BYTES, getEvidence, listReviews, reviewReport, updateReport } from './reports.service.ts';
import {
  createCalendarOverride,
  deleteCalendarOverride,
  getSettings,
  getWebhook,
  listCalendarOverrides,
  listNotifications,
  putSettings,
  putWebhook,
  readNotification,
} from './settings.service.ts';
import {
  CalendarOverride,
  CalendarOverrideList,
  CalendarOverrideQuery,
  CreateCalendarOverrideBody,
  CreateReportBody,
  CreateRequestBody,
  DecisionBody,
  Escalation,
  EscalationResponseBody,
  Evidence,
  Instruction,
  InstructionBody,
  NotificationList,
  NotificationQuery,
  PublishBody,
  PublishResult,
  PutSettingsBody,
  PutWebhookBody,
  Report,
  ReviewBody,
  ReviewQueue,
  ReviewQueueQuery,
  Settings,
  SettingsQuery,
  Task,
  TaskDetail,
  TaskList,
  TaskListQuery,
  TaskRequest,
  UpdateReportBody,
  Webhook,
} from './supervision.schemas.ts';
import { addInstruction, answerEscalation, closeTask, createRequest, decideRequest, getTaskDetail, listTasks, signTask } from './tasks.service.ts';
import { resolveAll } from './webhook-target.ts';

type Id = { Params: Static<typeof IdParams> };

const PublishPreview = Type.Object({
  tasks: Type.Integer(),
  pastDue: Type.Integer(),
  unresolved: Type.Array(Type.Object({ measureId: Type.String(), number: Type.String(), printed: Type.Union([Type.String(), Type.Null()]) })),
  message: Type.Union([Type.String(), Type.Null()]),
});

const INLINE_EVIDENCE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);

export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['supervision'];
  const { db } = app.deps;
  const now = () => app.deps.now();

  app.post<Id & { Body: Static<typeof PublishBody> }>(
    '/api/v1/plans/:id/publish',
    { schema: { tags, summary: 'Publish a draft plan: one task per measure and lead unit (office/admin of the plan region)', params: IdParams, body: PublishBody, response: { 200: PublishResult, ...errorResponses } } },
    async (request) => publishPlan(db, requireActor(request), request.params.id, request.body ?? {}, now()),
  );

  app.get<Id>(
    '/api/v1/plans/:id/publish-preview',
    {
      schema: {
        tags,
        summary: 'Dry run of publishing: tasks it would create, how many are already past due, lead units that block it',
        params: IdParams,
        response: { 200: PublishPreview, ...errorResponses },
      },
    },
    async (request) => previewPublish(db, requireActor(request), request.params.id, now()),
  );

  app.get<{ Querystring: Static<typeof TaskListQuery> }>(
    '/api/v1/tasks',
    { schema: { tags, summary: 'Tasks in the caller’s scope (unit: its own; office/leader: region subtree), worst light first', querystring: TaskListQuery, response: { 200: TaskList, ...errorResponses } } },
    async (request) => listTasks(db, requireActor(request), request.query, now()),
  );

  app.get<Id>(
    '/api/v1/tasks/:id',
    { schema: { tags, summary: 'One task with its reports, requests, instructions and escalations', params: IdParams, response: { 200: TaskDetail, ...errorResponses } } },
    async (request) => getTaskDetail(db, requireActor(request), request.params.id, now()),
  );

  app.post<Id>(
    '/api/v1/tasks/:id/sign',
    { schema: { tags, summary: 'Sign for a task (签收, the responsible unit)', params: IdParams, response: { 200: Task, ...errorResponses } } },
    async (request) => signTask(db, requireActor(request), request.params.id, now()),
  );

  app.post<Id & { Body: Static<typeof CreateReportBody> }>(
    '/api/v1/tasks/:id/reports',
    { schema: { tags, summary: 'Report progress (draft with submit=false)', params: IdParams, body: CreateReportBody, response: { 201: Report, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createReport(db, requireActor(request), request.params.id, request.body, now())),
  );

  app.patch<Id & { Body: Static<typeof UpdateReportBody> }>(
    '/api/v1/reports/:id',
    { schema: { tags, summary: 'Update a draft report; submit=true submits it', params: IdParams, body: UpdateReportBody, response: { 200: Report, ...errorResponses } } },
    async (request) => updateReport(db, requireActor(request), request.params.id, request.body, now()),
  );

  app.post<Id & { Body: Static<typeof ReviewBody> }>(
    '/api/v1/reports/:id/review',
    { schema: { tags, summary: 'Accept or return a submitted report (office of the plan region)', params: IdParams, body: ReviewBody, response: { 200: Report, ...errorResponses } } },
    async (request) => reviewReport(db, requireActor(request), request.params.id, request.body, now()),
  );

  app.get<{ Querystring: Static<typeof ReviewQueueQuery> }>(
    '/api/v1/reviews',
    { schema: { tags, summary: 'Submitted reports awaiting review, oldest first', querystring: ReviewQueueQuery, response: { 200: ReviewQueue, ...errorResponses } } },
    async (request) => listReviews(db, requireActor(request), request.query),
  );

  // Multipart only for the evidence route (encapsulated: other modules keep their own parsers).
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 0, parts: 1 } });
    scope.post<Id>(
      '/api/v1/reports/:id/evidence',
      { schema: { tags, summary: 'Attach one evidence file (multipart field "file", ≤ 10 MB)', consumes: ['multipart/form-data'], params: IdParams, response: { 201: Evidence, ...errorResponses } } },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const file = await request.file();
        if (!file) throw new AppError('VALIDATION', '缺少文件', [{ field: 'body.file', message: 'required' }]);
        assertSafeText('body.file', { filename: file.filename, mimetype: file.mimetype });
        let content: Buffer;
        try {
          content = await file.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('SUP_EVIDENCE_TOO_LARGE', undefined, { limitBytes: EVIDENCE_MAX_BYTES });
          throw err;
        }
        return reply.code(201).send(await addEvidence(db, actor, request.params.id, { filename: file.filename, mimetype: file.mimetype, content }, now()));
      },
    );
  });

  app.get<Id & { Querystring: { inline?: boolean } }>(
    '/api/v1/evidence/:id',
    { schema: { tags, summary: 'Download an evidence file (inline=true opens images, PDF and plain text in the browser)', params: IdParams, querystring: Type.Object({ inline: Type.Optional(Type.Boolean()) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const evidence = await getEvidence(db, requireActor(request), request.params.id);
      // Only types a browser shows without running anything open inline; everything else downloads.
      const inline = request.query.inline === true && INLINE_EVIDENCE_TYPES.has(evidence.mime);
      return reply
        .header('content-type', evidence.mime)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(evidence.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(evidence.content);
    },
  );

  app.post<Id & { Body: Static<typeof CreateRequestBody> }>(
    '/api/v1/tasks/:id/requests',
    { schema: { tags, summary: 'Ask for an extension (newDueDate) or a transfer (toUnitId)', params: IdParams, body: CreateRequestBody, response: { 201: TaskRequest, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createRequest(db, requireActor(request), request.params.id, request.body, now())),
  );

  app.post<Id & { Body: Static<typeof DecisionBody> }>(
    '/api/v1/task-requests/:id/decision',
    { schema: { tags, summary: 'Approve or refuse a request (an approved extension moves the due date; a transfer moves the task)', params: IdParams, body: DecisionBody, response: { 200: TaskRequest, ...errorResponses } } },
    async (request) => decideRequest(db, requireActor(request), request.params.id, request.body, now()),
  );

  app.post<Id>(
    '/api/v1/tasks/:id/close',
    { schema: { tags, summary: 'Close a task (销号), only with an accepted final report', params: IdParams, response: { 200: Task, ...errorResponses } } },
    async (request) => closeTask(db, requireActor(request), request.params.id, now()),
  );

  app.post<Id & { Body: Static<typeof InstructionBody> }>(
    '/api/v1/tasks/:id/instructions',
    { schema: { tags, summary: 'Add an instruction (批示; leader/office)', params: IdParams, body: InstructionBody, response: { 201: Instruction, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await addInstruction(db, requireActor(request), request.params.id, request.body.text, now())),
  );

  app.post<Id & { Body: Static<typeof EscalationResponseBody> }>(
    '/api/v1/escalations/:id/response',
    { schema: { tags, summary: 'Answer an escalation notice (督办单回复; the responsible unit)', params: IdParams, body: EscalationResponseBody, response: { 200: Escalation, ...errorResponses } } },
    async (request) => answerEscalation(db, requireActor(request), request.params.id, request.body.response, now()),
  );

  app.get<{ Querystring: Static<typeof NotificationQuery> }>(
    '/api/v1/notifications',
    { schema: { tags, summary: 'The caller’s in-app notifications, newest first', querystring: NotificationQuery, response: { 200: NotificationList, ...errorResponses } } },
    async (request) => listNotifications(db, requireActor(request), request.query),
  );

  app.post<Id>(
    '/api/v1/notifications/:id/read',
    { schema: { tags, summary: 'Mark a notification read', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await readNotification(db, requireActor(request), request.params.id, now());
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: Static<typeof CalendarOverrideQuery> }>(
    '/api/v1/calendar-overrides',
    { schema: { tags, summary: 'Local working-day overrides (admin/office/leader scope)', querystring: CalendarOverrideQuery, response: { 200: CalendarOverrideList, ...errorResponses } } },
    async (request) => listCalendarOverrides(db, requireActor(request), request.query),
  );

  app.post<{ Body: Static<typeof CreateCalendarOverrideBody> }>(
    '/api/v1/calendar-overrides',
    { schema: { tags, summary: 'Add a local holiday or working day (admin; office in its subtree)', body: CreateCalendarOverrideBody, response: { 201: CalendarOverride, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createCalendarOverride(db, requireActor(request), request.body, now())),
  );

  app.delete<Id>(
    '/api/v1/calendar-overrides/:id',
    { schema: { tags, summary: 'Remove a calendar override', params: IdParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await deleteCalendarOverride(db, requireActor(request), request.params.id, now());
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: Static<typeof SettingsQuery> }>(
    '/api/v1/supervision-settings',
    { schema: { tags, summary: 'Reporting cycle, light thresholds and reminder/escalation days of a region (inherited)', querystring: SettingsQuery, response: { 200: Settings, ...errorResponses } } },
    async (request) => getSettings(db, requireActor(request), request.query.regionId),
  );

  app.put<{ Body: Static<typeof PutSettingsBody> }>(
    '/api/v1/supervision-settings',
    { schema: { tags, summary: 'Set a region’s supervision defaults (admin; office in its subtree)', body: PutSettingsBody, response: { 200: Settings, ...errorResponses } } },
    async (request) => putSettings(db, requireActor(request), request.body, now()),
  );

  app.get<Id>(
    '/api/v1/units/:id/webhook',
    { schema: { tags, summary: 'A unit’s webhook (DingTalk/WeCom robot or any JSON receiver) and its recent deliveries', params: IdParams, response: { 200: Webhook, ...errorResponses } } },
    async (request) => getWebhook(db, requireActor(request), request.params.id),
  );

  app.put<Id & { Body: Static<typeof PutWebhookBody> }>(
    '/api/v1/units/:id/webhook',
    { schema: { tags, summary: 'Set (or with url null remove) a unit’s webhook; the secret is write-only', params: IdParams, body: PutWebhookBody, response: { 200: Webhook, ...errorResponses } } },
    async (request) => putWebhook(db, requireActor(request), request.params.id, request.body, now(), { allowPrivate: app.deps.config.webhookAllowPrivate, resolve: resolveAll }),
  );
}
