import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { buildEligibleWorkbook } from '../../exports/eligible-xlsx.ts';
import { IdParams, Uuid, errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../auth/auth.hooks.ts';
import { SIZE_LABELS, type SizeClass } from '../../../core/rules/rule-types.ts';
import {
  approveBatch,
  confirmGrant,
  createBatch,
  disburseGrant,
  getBatch,
  getGrant,
  getRuleVersion,
  listBatchesOfItem,
  listGrants,
  myMessages,
  policyResults,
  reviewGrant,
  setSubscriptions,
} from './grants.service.ts';
import { getPayeeAccount, setPayeeAccount } from './payee.service.ts';
import {
  BatchBody,
  CreatePolicyBody,
  DraftRulesBody,
  EligibleQuery,
  PolicyListQuery,
  ReviewBody,
  RuleVersionBody,
  SubscriptionsBody,
  UpdatePolicyBody,
} from './policies.schemas.ts';
import { addRuleVersion, createPolicy, draftRules, eligibleForExport, eligibleList, getPolicy, listPolicyCatalogue, policyMatches, updatePolicy } from './policies.service.ts';

type Id = { Params: Static<typeof IdParams> };
const GrantListQuery = Type.Object({ batchId: Type.Optional(Uuid), enterpriseId: Type.Optional(Uuid) }, { additionalProperties: false });
const PayeeBody = Type.Object({ bankName: Type.String({ minLength: 2, maxLength: 100 }), accountName: Type.String({ minLength: 2, maxLength: 200 }), accountNo: Type.String({ pattern: '^[0-9]{8,32}$' }) }, { additionalProperties: false });

export async function policyRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['policies'];
  const errors = { ...errorResponses, 422: { $ref: 'ErrorBody#' } };
  const now = () => app.deps.now();
  const db = () => app.deps.db;

  app.get<{ Querystring: Static<typeof PolicyListQuery> }>('/api/v1/policies', { schema: { tags, summary: 'The policy catalogue the caller may see (drafts for staff of the region)', querystring: PolicyListQuery, response: errors } }, async (req) =>
    listPolicyCatalogue(db(), requireActor(req), req.query, now()),
  );
  app.post<{ Body: Static<typeof CreatePolicyBody> }>('/api/v1/policies', { schema: { tags, summary: 'Create a policy with its items (office)', body: CreatePolicyBody, response: errors } }, async (req, reply) =>
    reply.code(201).send(await createPolicy(db(), requireActor(req), req.body, now())),
  );
  app.get<Id>('/api/v1/policies/:id', { schema: { tags, summary: 'One policy with its items and rule versions', params: IdParams, response: errors } }, async (req) => getPolicy(db(), requireActor(req), req.params.id, now()));
  app.put<Id & { Body: Static<typeof UpdatePolicyBody> }>('/api/v1/policies/:id', { schema: { tags, summary: 'Edit a policy, add items (409 POL_VERSION_CONFLICT on a stale version)', params: IdParams, body: UpdatePolicyBody, response: errors } }, async (req) =>
    updatePolicy(db(), requireActor(req), req.params.id, req.body, now()),
  );
  app.post<{ Body: Static<typeof DraftRulesBody> }>('/api/v1/policies/draft-rules', { schema: { tags, summary: '申报条件 text → proposed conditions with spans, machine-checkable or person-verified', body: DraftRulesBody, response: errors } }, async (req) =>
    draftRules(db(), requireActor(req), req.body),
  );
  app.post<Id & { Body: RuleVersionBody }>('/api/v1/policy-items/:id/rule-versions', { bodyLimit: 2 * 1024 * 1024, schema: { tags, summary: 'Publish a rule version; 422 POL_SITUATION_TESTS_FAILED stores nothing', params: IdParams, body: RuleVersionBody, response: errors } }, async (req, reply) =>
    reply.code(201).send(await addRuleVersion(db(), requireActor(req), req.params.id, req.body, now())),
  );
  app.get<Id>('/api/v1/policy-rule-versions/:id', { schema: { tags, summary: 'One rule version with its situation tests', params: IdParams, response: errors } }, async (req) => getRuleVersion(db(), requireActor(req), req.params.id));
  app.get<Id>('/api/v1/enterprises/:id/policy-matches', { schema: { tags, summary: '政策体检: qualifies, nearly qualifies and why, pending, with traces and estimated amounts', params: IdParams, response: errors } }, async (req) =>
    policyMatches(db(), requireActor(req), req.params.id, now()),
  );
  app.get<Id & { Querystring: Static<typeof EligibleQuery> }>('/api/v1/policy-items/:id/eligible', { schema: { tags, summary: 'Eligible list computed in the database (truth=unknown: needs data or a person)', params: IdParams, querystring: EligibleQuery, response: errors } }, async (req) =>
    eligibleList(db(), requireActor(req), req.params.id, req.query, now()),
  );
  app.get<Id & { Querystring: Static<typeof EligibleQuery> }>(
    '/api/v1/policy-items/:id/eligible.xlsx',
    { schema: { tags, summary: 'Eligible list as .xlsx', params: IdParams, querystring: EligibleQuery, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] } },
    async (req, reply) => {
      const list = await eligibleForExport(db(), requireActor(req), req.params.id, req.query.asOf, now(), req.query.truth);
      const buffer = await buildEligibleWorkbook(
        list.item.title,
        list.asOf,
        `v${list.ruleVersion.version} ${list.ruleVersion.hash.slice(0, 12)}`,
        list.items.map((r) => ({
          name: r.name,
          regionName: r.regionName,
          industryCode: r.industryCode,
          sizeClass: r.sizeClass ? SIZE_LABELS[r.sizeClass as SizeClass] : null,
          estimatedAmount: r.estimatedAmount,
          amountExplanation: r.amountExplanation,
          evidence: r.trace.map((l) => `${l.label}：${l.value ?? '—'}（${l.source ?? '—'} ${l.asOf ?? ''}）`).join('；'),
        })),
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="eligible.xlsx"; filename*=UTF-8''${encodeURIComponent(`${list.item.title}-符合条件企业.xlsx`)}`)
        .send(buffer);
    },
  );
  app.get<Id>('/api/v1/policy-items/:id/grant-batches', { schema: { tags, summary: 'Batches of an item', params: IdParams, response: errors } }, async (req) => listBatchesOfItem(db(), requireActor(req), req.params.id));
  app.post<Id & { Body: Static<typeof BatchBody> }>('/api/v1/policy-items/:id/grant-batches', { schema: { tags, summary: 'Run a 免申即享 item for a period: proposed grants with snapshots and traces', params: IdParams, body: BatchBody, response: errors } }, async (req, reply) =>
    reply.code(201).send(await createBatch(db(), requireActor(req), req.params.id, req.body, now())),
  );
  app.get<Id>('/api/v1/grant-batches/:id', { schema: { tags, summary: 'One batch with its grants', params: IdParams, response: errors } }, async (req) => getBatch(db(), requireActor(req), req.params.id));
  app.post<Id>('/api/v1/grant-batches/:id/approve', { schema: { tags, summary: 'Approve (a second office user: four eyes); signs every decision', params: IdParams, response: errors } }, async (req) => approveBatch(db(), requireActor(req), req.params.id, now()));
  app.get<{ Querystring: Static<typeof GrantListQuery> }>('/api/v1/grants', { schema: { tags, summary: 'Grants the caller may see (an enterprise: its own decisions)', querystring: GrantListQuery, response: errors } }, async (req) => listGrants(db(), requireActor(req), req.query));
  app.get<Id>('/api/v1/grants/:id', { schema: { tags, summary: 'One grant decision with its trace, signature and related decisions', params: IdParams, response: errors } }, async (req) => getGrant(db(), requireActor(req), req.params.id));
  app.post<Id>('/api/v1/grants/:id/confirm', { schema: { tags, summary: '意愿确认: the enterprise accepts with one tap (bank account on file); no body', params: IdParams, response: errors } }, async (req) =>
    confirmGrant(db(), requireActor(req), req.params.id, now()),
  );
  app.post<Id>('/api/v1/grants/:id/disburse', { schema: { tags, summary: '拨付: the office records the payment', params: IdParams, response: errors } }, async (req) => disburseGrant(db(), requireActor(req), req.params.id, now()));
  app.post<Id & { Body: Static<typeof ReviewBody> }>('/api/v1/grants/:id/review', { schema: { tags, summary: '复核: the enterprise asks; the office re-runs that enterprise (both decisions stay)', params: IdParams, body: ReviewBody, response: errors } }, async (req) =>
    reviewGrant(db(), requireActor(req), req.params.id, req.body ?? {}, now()),
  );
  app.get('/api/v1/policy-results', { schema: { tags, summary: 'Amounts and counts by item, industry, size class, county; coverage; days to money', response: errors } }, async (req) => policyResults(db(), requireActor(req), now()));
  app.get('/api/v1/portal/policy-messages', { schema: { tags, summary: '精准推送 inbox of the caller enterprise, with its theme subscriptions', response: errors } }, async (req) => myMessages(db(), requireActor(req)));
  app.put<{ Body: Static<typeof SubscriptionsBody> }>('/api/v1/portal/policy-subscriptions', { schema: { tags, summary: 'Subscribe the caller enterprise to themes', body: SubscriptionsBody, response: errors } }, async (req) =>
    setSubscriptions(db(), requireActor(req), req.body.themes, now()),
  );
  app.get('/api/v1/portal/payee-account', { schema: { tags, summary: 'The caller enterprise’s bank account for grants, masked (null when none on file)', response: errors } }, async (req) => getPayeeAccount(db(), requireActor(req)));
  app.put<{ Body: Static<typeof PayeeBody> }>('/api/v1/portal/payee-account', { schema: { tags, summary: 'The caller enterprise’s bank account for grants', body: PayeeBody, response: errors } }, async (req) =>
    setPayeeAccount(db(), requireActor(req), req.body, now()),
  );
}
