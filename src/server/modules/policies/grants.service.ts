import type { Kysely, Transaction } from 'kysely';
import { canonicalJson } from '../../../core/rules/canonical-json.ts';
import { benefitAmount } from '../../../core/rules/rule-benefit.ts';
import { evaluateRule } from '../../../core/rules/rule-evaluate.ts';
import { ruleToSql } from '../../../core/rules/rule-sql.ts';
import type { Benefit, EnterpriseProfile, RuleNode } from '../../../core/rules/rule-types.ts';
import { versionInForce } from '../../../core/rules/rule-versions.ts';
import { daysBetween } from '../../../core/rules/rule-dates.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, recordAudits, type AuditEntry } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin } from '../auth/auth.permissions.ts';
import { findEnterprisesWhere, loadEnterpriseProfiles } from '../enterprises/enterprise-profile.queries.ts';
import { appendEnterpriseEvent } from '../enterprises/enterprises.events.ts';
import { ensureSigningKey, loadKeyring, signMessage, sm3Hash, verifyMessage, type SignAlg, type SigningKey } from './grants.signing.ts';
import { canApproveBatch, canManagePolicy, canReadEnterprise, canSeeDrafts, isOwnEnterprise } from './policies.permissions.ts';
import {
  batchesQuery,
  findGrantById,
  findPayeeAccount,
  findVersionById,
  grantsQuery,
  listItemsOfPolicies,
  listVersionsOfItems,
  lockBatchById,
  lockGrantById,
  type GrantRow,
} from './policies.queries.ts';
import { actorRef, eligibleCount, isoDay, itemOrThrow, presentVersion, ruleHashOf } from './policies.service.ts';

/** What a grant decision signs: every input that decided it, by hash, plus the outcome and who approved it. */
export function decisionPayload(g: {
  id: string;
  item_id: string;
  enterprise_id: string;
  rule_version_id: string;
  rule_hash: string;
  as_of: string;
  snapshot_hash: string;
  trace: unknown;
  result: string;
  amount: string | number | null;
  approver_id: string | null;
  approver_name: string | null;
  decided_at: Date | null;
  review_of: string | null;
}) {
  return {
    grantId: g.id,
    itemId: g.item_id,
    enterpriseId: g.enterprise_id,
    ruleVersionId: g.rule_version_id,
    ruleHash: g.rule_hash,
    asOf: g.as_of,
    snapshotHash: g.snapshot_hash,
    traceHash: sm3Hash(g.trace),
    result: g.result,
    amount: g.amount === null ? null : Number(g.amount).toFixed(2),
    approverId: g.approver_id,
    approverName: g.approver_name,
    decidedAt: g.decided_at?.toISOString() ?? null,
    reviewOf: g.review_of,
  };
}

const money = (v: string | number | null) => (v === null ? null : Number(v));

function presentGrant(actor: Actor, g: GrantRow) {
  const staff = !isOwnEnterprise(actor, g.enterprise_id);
  return {
    id: g.id,
    batchId: g.batch_id,
    itemId: g.item_id,
    itemTitle: g.item_title,
    itemMode: g.item_mode,
    enterpriseId: g.enterprise_id,
    enterpriseName: g.enterprise_name,
    regionName: g.region_name,
    ruleVersion: { id: g.rule_version_id, version: g.rule_version, hash: g.rule_hash },
    asOf: g.as_of,
    result: g.result,
    amount: money(g.amount),
    amountExplanation: g.amount_explanation,
    status: g.status,
    eligibleSince: g.eligible_since,
    decidedAt: g.decided_at?.toISOString() ?? null,
    approverName: g.approver_name,
    signature: g.signature ? { alg: g.sign_alg, keyId: g.key_id, payloadHash: g.payload_hash, value: g.signature } : null,
    snapshotHash: g.snapshot_hash,
    snapshot: staff ? g.snapshot : null,
    trace: g.trace,
    confirmedAt: g.confirmed_at?.toISOString() ?? null,
    bankAccount: g.bank_account,
    disbursedAt: g.disbursed_at?.toISOString() ?? null,
    reviewOf: g.review_of,
    reviewReason: g.review_reason,
    reviewRequestedAt: g.review_requested_at?.toISOString() ?? null,
    policies: {
      confirm: isOwnEnterprise(actor, g.enterprise_id) && g.status === 'awaiting_confirmation',
      requestReview: isOwnEnterprise(actor, g.enterprise_id) && g.decided_at !== null && g.review_requested_at === null,
      rerun: canManagePolicy(actor, g.region_path) && g.review_requested_at !== null,
      disburse: canManagePolicy(actor, g.region_path) && g.status === 'confirmed',
    },
  };
}

async function grantOrThrow(db: Kysely<Database>, actor: Actor, id: string) {
  const g = await findGrantById(db, id);
  if (!g || !canReadEnterprise(actor, { id: g.enterprise_id, regionPath: g.region_path })) throw new AppError('NOT_FOUND');
  return g;
}

export async function getGrant(db: Kysely<Database>, actor: Actor, id: string) {
  const g = await grantOrThrow(db, actor, id);
  const related = await grantsQuery(db)
    .where((eb) => eb.or([eb('g.review_of', '=', g.id), ...(g.review_of ? [eb('g.id', '=', g.review_of)] : [])]))
    .execute();
  return { ...presentGrant(actor, g), related: related.map((r) => ({ id: r.id, result: r.result, amount: money(r.amount), status: r.status, decidedAt: r.decided_at?.toISOString() ?? null, reviewOf: r.review_of })) };
}

/** Grants the caller may see: an enterprise its own, staff their region's (optionally of one batch or enterprise). */
export async function listGrants(db: Kysely<Database>, actor: Actor, filter: { batchId?: string; enterpriseId?: string }) {
  let q = grantsQuery(db).orderBy('g.created_at', 'desc').limit(2000);
  if (actor.role === 'enterprise') q = q.where('g.enterprise_id', '=', actor.enterpriseId ?? '00000000-0000-0000-0000-000000000000').where('g.decided_at', 'is not', null);
  else if (!isAdmin(actor)) {
    if (!hasRegionView(actor) || !actor.regionPath) return { items: [], total: 0 };
    q = q.where('r.path', 'like', `${actor.regionPath}%`);
  }
  if (filter.batchId) q = q.where('g.batch_id', '=', filter.batchId);
  if (filter.enterpriseId) q = q.where('g.enterprise_id', '=', filter.enterpriseId);
  const rows = await q.execute();
  return { items: rows.map((g) => ({ ...presentGrant(actor, g), snapshot: null, trace: null })), total: rows.length };
}

function presentBatch(actor: Actor, b: Awaited<ReturnType<typeof findBatch>> & object) {
  return {
    id: b.id,
    itemId: b.item_id,
    ruleVersionId: b.rule_version_id,
    periodLabel: b.period_label,
    asOf: b.as_of,
    status: b.status,
    grantCount: b.grant_count,
    totalAmount: Number(b.total_amount),
    createdByName: b.created_by_name,
    approvedByName: b.approved_by_name,
    approvedAt: b.approved_at?.toISOString() ?? null,
    createdAt: b.created_at.toISOString(),
    policies: { approve: b.status === 'pending' && canApproveBatch(actor, { regionPath: b.region_path, createdBy: b.created_by }) },
  };
}

const findBatch = (db: Kysely<Database>, id: string) => batchesQuery(db).where('b.id', '=', id).executeTakeFirst();

export async function listBatchesOfItem(db: Kysely<Database>, actor: Actor, itemId: string) {
  const item = await itemOrThrow(db, actor, itemId);
  if (!canSeeDrafts(actor, item.region_path)) throw new AppError('NOT_FOUND');
  const rows = await batchesQuery(db).where('b.item_id', '=', itemId).orderBy('b.created_at', 'desc').execute();
  return { items: rows.map((b) => presentBatch(actor, b)), total: rows.length };
}

export async function getBatch(db: Kysely<Database>, actor: Actor, id: string) {
  const b = await findBatch(db, id);
  if (!b || !(isAdmin(actor) || (hasRegionView(actor) && actor.regionPath !== null && b.region_path.startsWith(actor.regionPath)))) throw new AppError('NOT_FOUND');
  return { ...presentBatch(actor, b), grants: (await listGrants(db, actor, { batchId: id })).items };
}

interface Decision {
  profile: EnterpriseProfile;
  snapshotHash: string;
  trace: unknown;
  result: 'true' | 'false' | 'unknown';
  amount: number | null;
  explanation: string;
}

function decide(rule: RuleNode, benefit: Benefit, profile: EnterpriseProfile, asOf: string): Decision {
  const evaluation = evaluateRule(rule, profile, asOf);
  const amount = evaluation.result === 'true' ? benefitAmount(benefit, profile, asOf) : { amount: null, explanation: '' };
  return { profile, snapshotHash: sm3Hash(profile), trace: evaluation.trace, result: evaluation.result, amount: amount.amount, explanation: amount.explanation };
}

/**
 * Runs a 免申即享 item for a period: the eligible list comes from the compiled rule inside the database; each
 * enterprise's profile is snapshotted, re-evaluated with its trace, and proposed with its amount. Nothing is decided
 * until a second office user approves.
 */
export async function createBatch(db: Kysely<Database>, actor: Actor, itemId: string, body: { periodLabel: string; asOf?: string }, now: Date) {
  const item = await itemOrThrow(db, actor, itemId);
  if (!canManagePolicy(actor, item.region_path)) throw new AppError('FORBIDDEN');
  if (item.mode !== 'auto') throw new AppError('POL_ITEM_NOT_AUTO');
  const asOf = body.asOf ?? isoDay(now);
  const versions = await listVersionsOfItems(db, [itemId]);
  const version = versionInForce(versions.map((v) => ({ ...v, validFrom: v.valid_from, validTo: v.valid_to })), asOf);
  if (!version) throw new AppError('POL_NO_RULE_VERSION');
  const rule = version.rule as RuleNode;
  const benefit = version.benefit as Benefit;
  const eligible = await findEnterprisesWhere(db, ruleToSql(rule, asOf), item.region_path);
  const already = new Set(
    (await db.selectFrom('grants').select('enterprise_id').where('item_id', '=', itemId).where('status', 'not in', ['refused', 'superseded']).execute()).map((r) => r.enterprise_id),
  );
  const fresh = eligible.filter((e) => !already.has(e.id));
  const profiles = await loadEnterpriseProfiles(db, fresh.map((e) => e.id));
  const batchId = await inTransaction(db, async (trx) => {
    const batch = await trx
      .insertInto('grant_batches')
      .values({ item_id: itemId, rule_version_id: version.id, region_id: item.region_id, period_label: body.periodLabel, as_of: asOf, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    let total = 0;
    let count = 0;
    const rows = [];
    for (const e of fresh) {
      const profile = profiles.get(e.id)!;
      const d = decide(rule, benefit, profile, asOf);
      if (d.result !== 'true') continue;
      count += 1;
      total += d.amount ?? 0;
      const regionId = profile.regionPath!.split('/').filter(Boolean).at(-1)!;
      rows.push({
        batch_id: batch.id,
        item_id: itemId,
        enterprise_id: e.id,
        region_id: regionId,
        rule_version_id: version.id,
        rule_hash: version.hash,
        as_of: asOf,
        snapshot: JSON.stringify(profile),
        snapshot_hash: d.snapshotHash,
        trace: JSON.stringify(d.trace),
        result: d.result,
        amount: d.amount,
        amount_explanation: d.explanation,
        status: 'proposed' as const,
        eligible_since: asOf,
      });
    }
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('grants').values(rows.slice(i, i + 500)).execute();
    await trx.updateTable('grant_batches').set({ grant_count: count, total_amount: total.toFixed(2) }).where('id', '=', batch.id).execute();
    await recordAudit(trx, { actor: actorRef(actor), action: 'grant_batch.create', entity: 'grant_batch', entityId: batch.id, regionId: item.region_id, after: { itemId, ruleVersion: version.version, ruleHash: version.hash, asOf, count, total }, at: now });
    return batch.id;
  });
  return getBatch(db, actor, batchId);
}

async function signDecision(trx: Transaction<Database>, key: SigningKey, grantId: string, approver: Actor, now: Date, status: 'awaiting_confirmation' | 'refused') {
  const g = await trx.selectFrom('grants').selectAll().select((eb) => [eb.fn<string>('to_char', [eb.ref('as_of'), eb.val('YYYY-MM-DD')]).as('as_of_text')]).where('id', '=', grantId).executeTakeFirstOrThrow();
  const decided = { ...g, as_of: g.as_of_text, approver_id: approver.id, approver_name: approver.displayName, decided_at: now };
  const payload = canonicalJson(decisionPayload(decided));
  const signature = signMessage(key, payload);
  await trx
    .updateTable('grants')
    .set({ approver_id: approver.id, approver_name: approver.displayName, decided_at: now, payload_hash: sm3Hash(JSON.parse(payload)), signature, sign_alg: key.alg, key_id: key.keyId, status })
    .where('id', '=', grantId)
    .execute();
  return { grant: g, payloadHash: sm3Hash(JSON.parse(payload)), signature };
}

/**
 * Four eyes: a second office user approves the batch. Each proposed grant becomes a decision, signed with the server
 * key (SM2 by default) over the rule hash, snapshot hash, trace hash, amount and approver, appended to the audit chain
 * and the enterprise's timeline; the enterprise gets a portal message asking for its one-tap confirmation.
 */
export async function approveBatch(db: Kysely<Database>, actor: Actor, batchId: string, now: Date) {
  const b = await findBatch(db, batchId);
  if (!b || !(isAdmin(actor) || (hasRegionView(actor) && actor.regionPath !== null && b.region_path.startsWith(actor.regionPath)))) throw new AppError('NOT_FOUND');
  if (!canManagePolicy(actor, b.region_path)) throw new AppError('FORBIDDEN');
  if (actor.id === b.created_by) throw new AppError('POL_FOUR_EYES');
  const key = await ensureSigningKey(db);
  await inTransaction(db, async (trx) => {
    const locked = await lockBatchById(trx, batchId);
    if (!locked || locked.status !== 'pending') throw new AppError('POL_BATCH_NOT_PENDING');
    const grants = await trx.selectFrom('grants').select(['id', 'enterprise_id', 'amount']).where('batch_id', '=', batchId).where('status', '=', 'proposed').execute();
    const audits: AuditEntry[] = [];
    for (const g of grants) {
      const signed = await signDecision(trx, key, g.id, actor, now, 'awaiting_confirmation');
      await appendEnterpriseEvent(trx, { enterpriseId: g.enterprise_id, kind: 'grant.decided', title: `免申即享兑现决定：${Number(g.amount ?? 0).toFixed(2)}元，待企业确认`, refType: 'grant', refId: g.id, at: now });
      await trx
        .insertInto('policy_messages')
        .values({ enterprise_id: g.enterprise_id, item_id: b.item_id, title: '免申即享：请确认领取', body: `贵单位获批${Number(g.amount ?? 0).toFixed(2)}元，请在“我的补贴”中一键确认。` })
        .onConflict((oc) => oc.columns(['enterprise_id', 'item_id']).doUpdateSet({ title: '免申即享：请确认领取', body: `贵单位获批${Number(g.amount ?? 0).toFixed(2)}元，请在“我的补贴”中一键确认。`, read_at: null }))
        .execute();
      audits.push({ actor: actorRef(actor), action: 'grant.decide', entity: 'grant', entityId: g.id, after: { payloadHash: signed.payloadHash, signature: signed.signature, alg: key.alg, keyId: key.keyId }, at: now });
    }
    await trx.updateTable('grant_batches').set({ status: 'approved', approved_by: actor.id, approved_at: now }).where('id', '=', batchId).execute();
    audits.push({ actor: actorRef(actor), action: 'grant_batch.approve', entity: 'grant_batch', entityId: batchId, after: { grants: grants.length }, at: now });
    await recordAudits(trx, audits);
  });
  return getBatch(db, actor, batchId);
}

/** 意愿确认: the enterprise accepts with one tap; the payee account on file is recorded (masked). */
export async function confirmGrant(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const g = await grantOrThrow(db, actor, id);
  if (!isOwnEnterprise(actor, g.enterprise_id)) throw new AppError('FORBIDDEN');
  const account = await findPayeeAccount(db, g.enterprise_id);
  await inTransaction(db, async (trx) => {
    const locked = await lockGrantById(trx, id);
    if (!locked || locked.status !== 'awaiting_confirmation') throw new AppError('POL_GRANT_NOT_AWAITING');
    if (!account) throw new AppError('POL_NO_PAYEE_ACCOUNT');
    const masked = `${account.bank_name} ****${account.account_no.slice(-4)}`;
    await trx.updateTable('grants').set({ status: 'confirmed', confirmed_at: now, confirmed_by: actor.id, bank_account: masked }).where('id', '=', id).execute();
    await appendEnterpriseEvent(trx, { enterpriseId: g.enterprise_id, kind: 'grant.confirmed', title: `已确认领取：${g.item_title}`, refType: 'grant', refId: id, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: 'grant.confirm', entity: 'grant', entityId: id, regionId: g.region_id, before: { status: g.status }, after: { status: 'confirmed', bankAccount: masked }, at: now });
  });
  return getGrant(db, actor, id);
}

/** 拨付: the office records the money as paid. */
export async function disburseGrant(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const g = await grantOrThrow(db, actor, id);
  if (!canManagePolicy(actor, g.region_path)) throw new AppError('FORBIDDEN');
  await inTransaction(db, async (trx) => {
    const locked = await lockGrantById(trx, id);
    if (!locked || locked.status !== 'confirmed') throw new AppError('POL_GRANT_NOT_CONFIRMED');
    await trx.updateTable('grants').set({ status: 'disbursed', disbursed_at: now }).where('id', '=', id).execute();
    await appendEnterpriseEvent(trx, { enterpriseId: g.enterprise_id, kind: 'grant.disbursed', title: `已拨付：${g.item_title} ${money(g.amount)?.toFixed(2)}元`, refType: 'grant', refId: id, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: 'grant.disburse', entity: 'grant', entityId: id, regionId: g.region_id, before: { status: 'confirmed' }, after: { status: 'disbursed' }, at: now });
  });
  return getGrant(db, actor, id);
}

/**
 * 复核. The enterprise asks for review of a decision (with its reason). The office, after correcting data or rules,
 * re-runs that one enterprise on today's data and the rule version in force: a new decision, signed, pointing at the
 * old one; the old one stays on record (superseded when the new one differs).
 */
export async function reviewGrant(db: Kysely<Database>, actor: Actor, id: string, body: { reason?: string }, now: Date) {
  const g = await grantOrThrow(db, actor, id);
  if (isOwnEnterprise(actor, g.enterprise_id)) {
    if (g.decided_at === null) throw new AppError('NOT_FOUND');
    if (g.review_requested_at !== null) throw new AppError('POL_REVIEW_PENDING');
    await inTransaction(db, async (trx) => {
      await trx.updateTable('grants').set({ review_requested_at: now, review_reason: body.reason ?? '' }).where('id', '=', id).execute();
      await appendEnterpriseEvent(trx, { enterpriseId: g.enterprise_id, kind: 'grant.review_requested', title: `申请复核：${g.item_title}`, refType: 'grant', refId: id, at: now });
      await recordAudit(trx, { actor: actorRef(actor), action: 'grant.review_request', entity: 'grant', entityId: id, regionId: g.region_id, after: { reason: body.reason ?? '' }, at: now });
    });
    return getGrant(db, actor, id);
  }
  if (!canManagePolicy(actor, g.region_path)) throw new AppError('FORBIDDEN');
  const existing = await db.selectFrom('grants').select('id').where('review_of', '=', id).executeTakeFirst();
  if (g.review_requested_at === null || existing) throw new AppError('POL_REVIEW_NOT_REQUESTED');
  const today = isoDay(now);
  const versions = await listVersionsOfItems(db, [g.item_id]);
  const version = versionInForce(versions.map((v) => ({ ...v, validFrom: v.valid_from, validTo: v.valid_to })), today);
  if (!version) throw new AppError('POL_NO_RULE_VERSION');
  const profile = (await loadEnterpriseProfiles(db, [g.enterprise_id])).get(g.enterprise_id)!;
  const d = decide(version.rule as RuleNode, version.benefit as Benefit, profile, today);
  const key = await ensureSigningKey(db);
  const newId = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('grants')
      .values({
        batch_id: null,
        item_id: g.item_id,
        enterprise_id: g.enterprise_id,
        region_id: g.region_id,
        rule_version_id: version.id,
        rule_hash: version.hash,
        as_of: today,
        snapshot: JSON.stringify(profile),
        snapshot_hash: d.snapshotHash,
        trace: JSON.stringify(d.trace),
        result: d.result,
        amount: d.amount,
        amount_explanation: d.explanation,
        status: 'proposed',
        eligible_since: d.result === 'true' ? (g.result === 'true' ? g.eligible_since : today) : today,
        review_of: id,
        review_reason: body.reason ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const signed = await signDecision(trx, key, row.id, actor, now, d.result === 'true' ? 'awaiting_confirmation' : 'refused');
    if (g.status !== 'disbursed') await trx.updateTable('grants').set({ status: 'superseded' }).where('id', '=', id).execute();
    await appendEnterpriseEvent(trx, { enterpriseId: g.enterprise_id, kind: 'grant.reviewed', title: `复核结果：${d.result === 'true' ? `符合，${(d.amount ?? 0).toFixed(2)}元` : '不符合'}`, refType: 'grant', refId: row.id, at: now });
    await recordAudit(trx, { actor: actorRef(actor), action: 'grant.review', entity: 'grant', entityId: row.id, regionId: g.region_id, before: { grantId: id, result: g.result, amount: money(g.amount) }, after: { result: d.result, amount: d.amount, payloadHash: signed.payloadHash, signature: signed.signature }, at: now });
    return row.id;
  });
  return getGrant(db, actor, newId);
}

export interface GrantVerification {
  checked: number;
  ok: number;
  failures: Array<{ grantId: string; problems: string[] }>;
}

/**
 * `grants verify`: for every decided grant, the snapshot still hashes to its snapshot hash, the rule version still
 * hashes to the rule hash, re-running the rule on the snapshot gives the recorded result, trace and amount, and the
 * signature over the payload verifies with the key that made it.
 */
export async function verifyGrants(db: Kysely<Database>): Promise<GrantVerification> {
  const keyring = await loadKeyring(db);
  const rows = await grantsQuery(db).where('g.decided_at', 'is not', null).orderBy('g.created_at').execute();
  const versionCache = new Map<string, Awaited<ReturnType<typeof findVersionById>>>();
  const failures: GrantVerification['failures'] = [];
  for (const g of rows) {
    const problems: string[] = [];
    if (sm3Hash(g.snapshot) !== g.snapshot_hash) problems.push('数据快照与其哈希不符');
    if (!versionCache.has(g.rule_version_id)) versionCache.set(g.rule_version_id, await findVersionById(db, g.rule_version_id));
    const v = versionCache.get(g.rule_version_id);
    if (!v || ruleHashOf({ rule: v.rule, benefit: v.benefit, validFrom: v.valid_from, validTo: v.valid_to }) !== g.rule_hash) problems.push('规则版本与规则哈希不符');
    if (v) {
      const d = decide(v.rule as RuleNode, v.benefit as Benefit, g.snapshot as EnterpriseProfile, g.as_of);
      if (d.result !== g.result) problems.push(`以快照重算结果为 ${d.result}，记录为 ${g.result}`);
      if (canonicalJson(d.trace) !== canonicalJson(g.trace)) problems.push('以快照重算的过程记录与记录不符');
      if (d.result === 'true' && (d.amount === null ? null : d.amount.toFixed(2)) !== (g.amount === null ? null : Number(g.amount).toFixed(2))) problems.push('以快照重算的金额与记录不符');
    }
    const payload = canonicalJson(decisionPayload(g));
    const key = g.key_id ? keyring[g.key_id] : undefined;
    if (!key || !g.signature) problems.push('缺少签名或签名密钥');
    else if (!verifyMessage(key.alg as SignAlg, key.publicKey, payload, g.signature)) problems.push('签名验证失败');
    if (g.payload_hash !== sm3Hash(JSON.parse(payload))) problems.push('决定内容与其哈希不符');
    if (problems.length) failures.push({ grantId: g.id, problems });
  }
  return { checked: rows.length, ok: rows.length - failures.length, failures };
}

/**
 * Results: amounts and counts of decided grants by item, industry (门类), size class and county; coverage (eligible
 * today vs granted) per item; days from eligibility to money for disbursed grants.
 */
export async function policyResults(db: Kysely<Database>, actor: Actor, now: Date) {
  if (!isAdmin(actor) && !(hasRegionView(actor) && actor.regionPath)) throw new AppError('FORBIDDEN');
  const path = isAdmin(actor) ? '/' : actor.regionPath!;
  const rows = await grantsQuery(db).where('r.path', 'like', `${path}%`).where('g.decided_at', 'is not', null).where('g.status', 'in', ['awaiting_confirmation', 'confirmed', 'disbursed']).execute();
  const regionNames = new Map((await db.selectFrom('regions').select(['id', 'name', 'path']).where('path', 'like', `${path}%`).execute()).map((r) => [r.id, r] as const));
  const depth = path.split('/').filter(Boolean).length;
  const group = (keyOf: (g: GrantRow) => string) => {
    const m = new Map<string, { key: string; count: number; amount: number; disbursed: number }>();
    for (const g of rows) {
      const k = keyOf(g);
      const e = m.get(k) ?? m.set(k, { key: k, count: 0, amount: 0, disbursed: 0 }).get(k)!;
      e.count += 1;
      e.amount += money(g.amount) ?? 0;
      if (g.status === 'disbursed') e.disbursed += money(g.amount) ?? 0;
    }
    return [...m.values()].sort((a, b) => b.amount - a.amount);
  };
  const snap = (g: GrantRow) => g.snapshot as EnterpriseProfile;
  const county = (g: GrantRow) => {
    const ids = g.region_path.split('/').filter(Boolean);
    const id = ids[Math.min(depth, ids.length - 1)];
    return regionNames.get(id)?.name ?? g.region_name;
  };
  const itemIds = [...new Set(rows.map((g) => g.item_id))];
  const policyItems = await db.selectFrom('policy_items as i').innerJoin('policies as p', 'p.id', 'i.policy_id').innerJoin('regions as r', 'r.id', 'p.region_id').select(['i.id', 'p.id as policy_id']).where('r.path', 'like', `${path}%`).where('i.status', '=', 'published').where('i.mode', '=', 'auto').execute();
  const allItems = await listItemsOfPolicies(db, [...new Set(policyItems.map((p) => p.policy_id))]);
  const coverage = [];
  for (const item of allItems.filter((i) => i.mode === 'auto' && i.status === 'published')) {
    const eligible = await eligibleCount(db, item, now);
    // Enterprises, not decisions: a re-run after review is a second decision for the same enterprise.
    const granted = new Set(rows.filter((g) => g.item_id === item.id).map((g) => g.enterprise_id)).size;
    coverage.push({ itemId: item.id, itemTitle: item.title, eligible, granted, coverage: eligible === 0 ? null : Math.round((granted / Math.max(eligible, granted)) * 1000) / 10 });
  }
  const paid = rows.filter((g) => g.disbursed_at);
  const days = paid.map((g) => daysBetween(g.eligible_since, isoDay(g.disbursed_at!)));
  void itemIds;
  return {
    totals: { count: rows.length, amount: rows.reduce((t, g) => t + (money(g.amount) ?? 0), 0), disbursed: paid.reduce((t, g) => t + (money(g.amount) ?? 0), 0), enterprises: new Set(rows.map((g) => g.enterprise_id)).size },
    byItem: group((g) => g.item_title),
    byIndustry: group((g) => snap(g).industryCode?.slice(0, 1) ?? '未知'),
    bySize: group((g) => snap(g).sizeClass ?? 'unknown'),
    byCounty: group(county),
    coverage,
    daysToMoney: { count: days.length, average: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null, max: days.length ? Math.max(...days) : null },
  };
}

/** The rule version with tests (for the item editor). */
export async function getRuleVersion(db: Kysely<Database>, actor: Actor, id: string) {
  const v = await findVersionById(db, id);
  if (!v) throw new AppError('NOT_FOUND');
  await itemOrThrow(db, actor, v.item_id);
  return presentVersion(v);
}

/** Portal messages of the caller's enterprise (精准推送 inbox). */
export async function myMessages(db: Kysely<Database>, actor: Actor) {
  if (actor.role !== 'enterprise' || !actor.enterpriseId) throw new AppError('FORBIDDEN');
  const rows = await db.selectFrom('policy_messages').select(['id', 'item_id', 'title', 'body', 'created_at', 'read_at']).where('enterprise_id', '=', actor.enterpriseId).orderBy('created_at', 'desc').limit(100).execute();
  const subs = await db.selectFrom('policy_subscriptions').select('theme').where('enterprise_id', '=', actor.enterpriseId).execute();
  return { items: rows.map((m) => ({ id: m.id, itemId: m.item_id, title: m.title, body: m.body, createdAt: m.created_at.toISOString(), readAt: m.read_at?.toISOString() ?? null })), themes: subs.map((s) => s.theme) };
}

/** Replaces the caller enterprise's theme subscriptions. */
export async function setSubscriptions(db: Kysely<Database>, actor: Actor, themes: string[], now: Date) {
  if (actor.role !== 'enterprise' || !actor.enterpriseId) throw new AppError('FORBIDDEN');
  const enterpriseId = actor.enterpriseId;
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('policy_subscriptions').where('enterprise_id', '=', enterpriseId).execute();
    const unique = [...new Set(themes)];
    if (unique.length) await trx.insertInto('policy_subscriptions').values(unique.map((theme) => ({ enterprise_id: enterpriseId, theme }))).execute();
    await recordAudit(trx, { actor: actorRef(actor), action: 'policy.subscribe', entity: 'enterprise', entityId: enterpriseId, after: { themes: unique }, at: now });
  });
  return myMessages(db, actor);
}
