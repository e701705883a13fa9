import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { getAppealStats, listAppealClusters, measureFromCluster } from './appeals.analytics.ts';
import { importAppeals } from './appeals.import.ts';
import * as S from './appeals.schemas.ts';
import {
  callbackAppeal,
  closeAppeal,
  createAppealAndPresent,
  decideDispute,
  dispatchAppeal,
  disputeAppeal,
  excludeAppeal,
  extendAppeal,
  getAppealDetail,
  getAttachment,
  listAppeals,
  listCatalogue,
  mergeAppeal,
  pauseAppeal,
  proposeForText,
  rateAppeal,
  reopenAppeal,
  replyAppeal,
  resumeAppeal,
  signAppeal,
} from './appeals.service.ts';

type Id = { Params: Static<typeof IdParams> };
type WithBody<B> = Id & { Body: Static<B extends import('@sinclair/typebox').TSchema ? B : never> };

export async function appealRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['appeals'];
  const { db } = app.deps;
  const now = () => app.deps.now();
  const ok = { 200: S.Loose, ...errorResponses };

  app.post<{ Body: Static<typeof S.CreateAppealBody> }>(
    '/api/v1/appeals',
    { schema: { tags, summary: 'File an appeal (enterprise: its own, portal; office: hotline/counter for an enterprise)', body: S.CreateAppealBody, response: { 201: S.Loose, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createAppealAndPresent(db, requireActor(request), request.body, now())),
  );
  app.get<{ Querystring: Static<typeof S.AppealListQuery> }>(
    '/api/v1/appeals',
    { schema: { tags, summary: 'Appeals in scope (enterprise: own; unit: dispatched to it; office/leader: region subtree), newest first, with clocks', querystring: S.AppealListQuery, response: ok } },
    async (request) => listAppeals(db, requireActor(request), request.query, now()),
  );
  app.get<Id>('/api/v1/appeals/:id', { schema: { tags, summary: 'One appeal with its clocks, timeline, 督办 and dispatch proposals', params: IdParams, response: ok } }, async (request) =>
    getAppealDetail(db, requireActor(request), request.params.id, now()),
  );
  app.get<{ Params: Static<typeof S.AttachmentParams> }>('/api/v1/appeals/:id/attachments/:index', { schema: { tags, summary: 'Download one attachment', params: S.AttachmentParams } }, async (request, reply) => {
    const file = await getAttachment(db, requireActor(request), request.params.id, request.params.index);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).send(file.data);
  });

  const post = <B extends import('@sinclair/typebox').TSchema>(path: string, summary: string, body: B | null, handler: (actor: ReturnType<typeof requireActor>, id: string, body: Static<B>) => Promise<unknown>) =>
    app.post<WithBody<B>>(path, { schema: { tags, summary, params: IdParams, ...(body ? { body } : {}), response: ok } }, async (request) => handler(requireActor(request), request.params.id, request.body as Static<B>));

  post('/api/v1/appeals/:id/dispatch', 'Dispatch (派单) to a lead unit, optionally co-units (office)', S.DispatchBody, (a, id, b) => dispatchAppeal(db, a, id, b, now()));
  post('/api/v1/appeals/:id/sign', 'Sign (签收) a dispatched appeal (the lead unit)', null, (a, id) => signAppeal(db, a, id, now()));
  post('/api/v1/appeals/:id/dispute', 'Dispute the dispatch (派单异议) with a reason (the lead unit)', S.ReasonBody, (a, id, b) => disputeAppeal(db, a, id, b.reason, now()));
  post('/api/v1/appeals/:id/dispute-decision', 'Decide a dispute: re-dispatch or uphold (office)', S.DecisionBody, (a, id, b) => decideDispute(db, a, id, b, now()));
  post('/api/v1/appeals/:id/pause', 'Wait for the enterprise (clocks pause) (the lead unit)', S.ReasonBody, (a, id, b) => pauseAppeal(db, a, id, b.reason, now()));
  post('/api/v1/appeals/:id/resume', 'Resume after the enterprise answered (the lead unit)', null, (a, id) => resumeAppeal(db, a, id, now()));
  post('/api/v1/appeals/:id/extend', 'Approve the one extension, 1..30 working days (office)', S.ExtendBody, (a, id, b) => extendAppeal(db, a, id, b, now()));
  post('/api/v1/appeals/:id/reply', 'Reply (答复) (the lead unit)', S.ReplyBody, (a, id, b) => replyAppeal(db, a, id, b.text, now()));
  post('/api/v1/appeals/:id/callback', 'Record the call-back (回访) verdict (office/hotline)', S.CallbackBody, (a, id, b) => callbackAppeal(db, a, id, b, now()));
  post('/api/v1/appeals/:id/rate', 'Rate 1..5 (好差评, 国办发〔2019〕51号) (the enterprise)', S.RateBody, (a, id, b) => rateAppeal(db, a, id, b, now()));
  post('/api/v1/appeals/:id/close', 'Close (销号) after the call-back (office)', S.CloseBody, (a, id, b) => closeAppeal(db, a, id, b?.note, now()));
  post('/api/v1/appeals/:id/reopen', 'Reopen an unsatisfied appeal once (the enterprise)', S.ReasonBody, (a, id, b) => reopenAppeal(db, a, id, b.reason, now()));
  post('/api/v1/appeals/:id/merge', 'Merge a duplicate into another appeal (office)', S.MergeBody, (a, id, b) => mergeAppeal(db, a, id, b.intoId, now()));
  post('/api/v1/appeals/:id/exclude', 'Record the review that keeps an unreasonable or out-of-scope appeal out of the rates (office)', S.ExcludeBody, (a, id, b) => excludeAppeal(db, a, id, b, now()));

  app.get('/api/v1/appeals/catalogue', { schema: { tags, summary: 'Categories with their limits and the dispatch catalogue (category → unit, 权责清单 basis)', response: ok } }, async (request) => listCatalogue(db, requireActor(request)));
  app.post<{ Body: Static<typeof S.ProposeBody> }>('/api/v1/appeals/catalogue/propose', { schema: { tags, summary: 'Propose unit and category for a text (jieba keywords + catalogue)', body: S.ProposeBody, response: ok } }, async (request) =>
    proposeForText(db, requireActor(request), request.body.text),
  );
  app.get<{ Querystring: Static<typeof S.StatsQuery> }>('/api/v1/appeal-stats', { schema: { tags, summary: '三率 and on-time rates by unit/region/month/category, volume, categories, hot words', querystring: S.StatsQuery, response: ok } }, async (request) =>
    getAppealStats(db, requireActor(request), request.query, now()),
  );
  app.get<{ Querystring: Static<typeof S.ClusterQuery> }>('/api/v1/appeal-clusters', { schema: { tags, summary: 'Clusters of similar appeals (hot topics), largest first', querystring: S.ClusterQuery, response: ok } }, async (request) =>
    listAppealClusters(db, requireActor(request), request.query, now()),
  );
  app.post<WithBody<typeof S.MeasureBody>>('/api/v1/appeal-clusters/:id/measure', { schema: { tags, summary: 'Turn a cluster into a plan measure and a supervised task (office)', params: IdParams, body: S.MeasureBody, response: ok } }, async (request) =>
    measureFromCluster(db, requireActor(request), request.params.id, request.body, now()),
  );

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 1, parts: 2 } });
    scope.post('/api/v1/appeals/import', { schema: { tags, summary: 'Import a 12345 batch (.xlsx/.csv, multipart "file"): all or nothing, duplicates by 工单编号 skipped', consumes: ['multipart/form-data'], response: ok } }, async (request) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const file = await request.file();
      if (!file) throw new AppError('APL_IMPORT_UNREADABLE', undefined, { cause: 'no file' });
      const data = await file.toBuffer();
      return importAppeals(db, actor, data, now(), undefined, app.deps.documents);
    });
  });
}
