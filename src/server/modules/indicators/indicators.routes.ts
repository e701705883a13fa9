import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { IdParams, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { createAlertRule, listAlertsOf, scanAlerts, taskFromAlert } from './alerts.service.ts';
import { exportEvaluationBulletin } from './bulletin.service.ts';
import {
  AlertQuery,
  AlertTaskBody,
  AlertRuleBody,
  BulletinQuery,
  ComputeBody,
  CreateSystemBody,
  EvaluationQuery,
  ExplainQuery,
  FillRoundBody,
  NodeParams,
  OpenObject,
  OpenRoundBody,
  PostValuesBody,
  ReviewRoundBody,
  RoundUnitParams,
  SimulateBody,
  SystemDetail,
  SystemList,
  TargetLinkBody,
  TrendQuery,
  ValueQuery,
} from './indicators.schemas.ts';
import {
  computeValues,
  createSystem,
  explainEvaluation,
  getEvaluation,
  getNodeDetail,
  getSystem,
  getTrend,
  linkTarget,
  listSystems,
  listValues,
  postValues,
  simulateEvaluation,
} from './indicators.service.ts';
import { closeRoundById, fillRound, getRound, listRounds, openRound, remindRound, reviewRound } from './rounds.service.ts';
import { exportTreeXlsx, importTreeXlsx, importValuesXlsx } from './indicators.xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const INDICATOR_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** The uploaded file and text fields, read before validation so that 401/403 come first. */
const uploads = new WeakMap<FastifyRequest, { file?: Buffer; fields: Record<string, string> }>();

async function readUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const got: { file?: Buffer; fields: Record<string, string> } = { fields: {} };
  try {
    for await (const part of request.parts({ limits: { fileSize: INDICATOR_UPLOAD_MAX_BYTES, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION', undefined, [{ field: `body.${part.fieldname}`, message: 'unexpected file field', keyword: 'additionalProperties' }]);
        got.file = await part.toBuffer();
      } else got.fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limitBytes: INDICATOR_UPLOAD_MAX_BYTES });
    throw err;
  }
  uploads.set(request, got);
  request.body = {};
}

function uploaded(request: FastifyRequest, fields: string[]) {
  const got = uploads.get(request);
  if (!got?.file) throw new AppError('VALIDATION', '请上传 .xlsx 文件', [{ field: 'body.file', message: 'required', keyword: 'required' }]);
  for (const f of fields) if (!got.fields[f]) throw new AppError('VALIDATION', undefined, [{ field: `body.${f}`, message: 'required', keyword: 'required' }]);
  return { file: got.file, fields: got.fields };
}

const attachment = (filename: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export async function indicatorRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['indicators'];
  const ok = (d: string) => ({ 200: OpenObject(d), ...errorResponses });
  const { db } = app.deps;
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: INDICATOR_UPLOAD_MAX_BYTES, files: 1 } });
    scoped.post(
      '/api/v1/indicator-values/import',
      { bodyLimit: INDICATOR_UPLOAD_MAX_BYTES + 1024 * 1024, preValidation: readUpload, schema: { tags, summary: 'Import a whole period from .xlsx/.csv (地区, 指标编码, 数值, 佐证): all rows or none; 400 IND_VALUES_INVALID with details.issues', consumes: ['multipart/form-data'], response: ok('{ imported }') } },
      async (request) => {
        const { file, fields } = uploaded(request, ['systemId', 'period']);
        return importValuesXlsx(db, requireActor(request), fields.systemId, fields.period, file, app.deps.now(), app.deps.documents);
      },
    );
    scoped.post(
      '/api/v1/indicator-systems/import',
      { bodyLimit: INDICATOR_UPLOAD_MAX_BYTES + 1024 * 1024, preValidation: readUpload, schema: { tags, summary: 'Create a system from a tree .xlsx (the export layout); fields name, regionId?, basedOnId?', consumes: ['multipart/form-data'], response: ok('The new system') } },
      async (request) => {
        const { file, fields } = uploaded(request, []);
        return importTreeXlsx(db, requireActor(request), file, fields, app.deps.documents);
      },
    );
  });

  app.get('/api/v1/indicator-systems', { schema: { tags, summary: 'Indicator systems (指标体系) the caller may read, newest version first', response: { 200: SystemList, ...errorResponses } } }, async (request) => listSystems(db, requireActor(request)));
  app.post<{ Body: Static<typeof CreateSystemBody> }>(
    '/api/v1/indicator-systems',
    { schema: { tags, summary: 'Create a system: from the NDRC template, from nodes, or a new version of basedOnId (versions are immutable)', body: CreateSystemBody, response: { 200: SystemDetail, ...errorResponses } } },
    async (request) => createSystem(db, requireActor(request), request.body),
  );
  app.get<{ Params: Static<typeof IdParams> }>('/api/v1/indicator-systems/:id', { schema: { tags, summary: 'A system version with its tree', params: IdParams, response: { 200: SystemDetail, ...errorResponses } } }, async (request) => getSystem(db, requireActor(request), request.params.id));
  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/indicator-systems/:id/tree.xlsx',
    { schema: { tags, summary: 'The tree as .xlsx (re-imports with POST /indicator-systems/import)', params: IdParams, produces: [XLSX], response: { 200: { description: 'The .xlsx file', type: 'string', format: 'binary' }, ...errorResponses } } },
    async (request, reply) => {
      const { file, filename } = await exportTreeXlsx(db, requireActor(request), request.params.id);
      return reply.type(XLSX).header('content-disposition', attachment(filename, 'indicator-tree.xlsx')).send(file);
    },
  );
  app.get<{ Params: Static<typeof NodeParams> }>(
    '/api/v1/indicator-systems/:id/nodes/:key',
    { schema: { tags, summary: 'One indicator: its plan targets and the supervision tasks that move it, with their lights', params: NodeParams, response: ok('Node detail') } },
    async (request) => getNodeDetail(db, requireActor(request), request.params.id, request.params.key, app.deps.now()),
  );
  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof BulletinQuery> }>(
    '/api/v1/indicator-systems/:id/bulletin.docx',
    { schema: { tags, summary: 'Evaluation bulletin (评价通报) for a period as .docx: ranking table, gaps, trend chart', params: IdParams, querystring: BulletinQuery, produces: [DOCX], response: { 200: { description: 'The .docx file', type: 'string', format: 'binary' }, ...errorResponses } } },
    async (request, reply) => {
      const { file, filename } = await exportEvaluationBulletin(db, requireActor(request), request.params.id, request.query.period, app.deps.now());
      return reply.type(DOCX).header('content-disposition', attachment(filename, 'evaluation-bulletin.docx')).send(file);
    },
  );

  app.get<{ Querystring: Static<typeof ValueQuery> }>('/api/v1/indicator-values', { schema: { tags, summary: 'Values with source, who, when and evidence (a unit: only its own leaves)', querystring: ValueQuery, response: ok('{ items, total }') } }, async (request) => listValues(db, requireActor(request), request.query));
  app.post<{ Body: Static<typeof PostValuesBody> }>('/api/v1/indicator-values', { schema: { tags, summary: 'Store values for a period (office): all or none, audited', body: PostValuesBody, response: ok('{ stored }') } }, async (request) => postValues(db, requireActor(request), request.body, app.deps.now()));
  app.post<{ Body: Static<typeof ComputeBody> }>('/api/v1/indicator-values/compute', { schema: { tags, summary: 'Compute the leaves fed by the platform (providers) for a period', body: ComputeBody, response: ok('{ computed }') } }, async (request) => computeValues(db, requireActor(request), request.body.systemId, request.body.period, app.deps.now()));

  app.get<{ Querystring: Static<typeof EvaluationQuery> }>('/api/v1/evaluations', { schema: { tags, summary: 'Scores per region with the tree: composite, rank (ties), every node (null = missing)', querystring: EvaluationQuery, response: ok('Evaluation') } }, async (request) => getEvaluation(db, requireActor(request), request.query));
  app.get<{ Querystring: Static<typeof ExplainQuery> }>('/api/v1/evaluations/explain', { schema: { tags, summary: 'Why a score: formula, inputs, frontier, weights (node = node id, or the system id for the composite)', querystring: ExplainQuery, response: ok('Explanation') } }, async (request) => explainEvaluation(db, requireActor(request), request.query));
  app.get<{ Querystring: Static<typeof TrendQuery> }>('/api/v1/evaluations/trend', { schema: { tags, summary: 'Scores of one node (default the composite) per region over the periods, with plan targets', querystring: TrendQuery, response: ok('Trend') } }, async (request) => getTrend(db, requireActor(request), request.query));
  app.post<{ Body: Static<typeof SimulateBody> }>('/api/v1/evaluations/simulate', { schema: { tags, summary: 'What-if: change leaf values and see every region’s index and rank move (nothing stored)', body: SimulateBody, response: ok('Simulation') } }, async (request) => simulateEvaluation(db, requireActor(request), request.body));

  app.get('/api/v1/indicator-rounds', { schema: { tags, summary: 'Collection rounds (填报): the office’s, or those asking the caller’s unit', response: ok('{ items, total }') } }, async (request) => listRounds(db, requireActor(request)));
  app.post<{ Body: Static<typeof OpenRoundBody> }>('/api/v1/indicator-rounds', { schema: { tags, summary: 'Open a round: each responsible unit is asked (notified) only for the manual leaves it owns', body: OpenRoundBody, response: ok('Round') } }, async (request) => openRound(db, requireActor(request), request.body, app.deps.now()));
  app.get<{ Params: Static<typeof IdParams> }>('/api/v1/indicator-rounds/:id', { schema: { tags, summary: 'A round (a unit sees only its leaves)', params: IdParams, response: ok('Round') } }, async (request) => getRound(db, requireActor(request), request.params.id));
  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof FillRoundBody> }>('/api/v1/indicator-rounds/:id/entries', { schema: { tags, summary: 'A unit fills its leaves (and submits with submit: true)', params: IdParams, body: FillRoundBody, response: ok('Round') } }, async (request) => fillRound(db, requireActor(request), request.params.id, request.body, app.deps.now()));
  app.post<{ Params: Static<typeof RoundUnitParams>; Body: Static<typeof ReviewRoundBody> }>('/api/v1/indicator-rounds/:id/units/:unitId/review', { schema: { tags, summary: 'Office review of a unit’s submission: accept (values enter the scores) or return with a comment', params: RoundUnitParams, body: ReviewRoundBody, response: ok('Round') } }, async (request) => reviewRound(db, requireActor(request), request.params.id, request.params.unitId, request.body, app.deps.now()));
  app.post<{ Params: Static<typeof IdParams> }>('/api/v1/indicator-rounds/:id/remind', { schema: { tags, summary: '催办 the units that have not submitted', params: IdParams, response: ok('{ reminded }') } }, async (request) => remindRound(db, requireActor(request), request.params.id, app.deps.now()));
  app.post<{ Params: Static<typeof IdParams> }>('/api/v1/indicator-rounds/:id/close', { schema: { tags, summary: 'Close a round', params: IdParams, response: ok('Round') } }, async (request) => closeRoundById(db, requireActor(request), request.params.id, app.deps.now()));

  app.post<{ Body: Static<typeof TargetLinkBody> }>('/api/v1/indicator-target-links', { schema: { tags, summary: 'Link a plan measure’s quantified target to a leaf', body: TargetLinkBody, response: ok('{ id }') } }, async (request) => linkTarget(db, requireActor(request), request.body));
  app.post<{ Body: Static<typeof AlertRuleBody> }>('/api/v1/indicator-alert-rules', { schema: { tags, summary: 'A monitoring rule: below a threshold, wrong way two periods running, misses its plan target', body: AlertRuleBody, response: ok('{ id }') } }, async (request) => createAlertRule(db, requireActor(request), request.body));
  app.get<{ Querystring: Static<typeof AlertQuery> }>('/api/v1/indicator-alerts', { schema: { tags, summary: 'Rules and raised alerts of a system', querystring: AlertQuery, response: ok('{ rules, items }') } }, async (request) => listAlertsOf(db, requireActor(request), request.query));
  app.post<{ Body: Static<typeof ComputeBody> }>('/api/v1/indicator-alerts/scan', { schema: { tags, summary: 'Evaluate the rules for a period; new alerts notify the responsible unit and the office', body: ComputeBody, response: ok('{ raised }') } }, async (request) => scanAlerts(db, requireActor(request), request.body, app.deps.now()));
  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof AlertTaskBody> }>(
    '/api/v1/indicator-alerts/:id/task',
    { schema: { tags, summary: '转督办: open a supervision task for the responsible unit from an alert (one-measure plan, published); 409 IND_ALERT_TASKED', params: IdParams, body: AlertTaskBody, response: ok('{ alertId, planId, taskId }') } },
    async (request) => taskFromAlert(db, requireActor(request), request.params.id, request.body, app.deps.now()),
  );
}
