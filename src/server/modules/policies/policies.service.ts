import type { Kysely } from 'kysely';
import { benefitAmount } from '../../../core/rules/rule-benefit.ts';
import { checkBenefit, checkPeriod, checkRule, isMachineCheckable } from '../../../core/rules/rule-check.ts';
import { draftConditions } from '../../../core/rules/rule-drafter.ts';
import { classifyMatch, evaluateRule, type MatchStatus } from '../../../core/rules/rule-evaluate.ts';
import { ruleToSql } from '../../../core/rules/rule-sql.ts';
import type { Benefit, EnterpriseProfile, RuleNode, SituationTest, Truth } from '../../../core/rules/rule-types.ts';
import { runSituationTests, versionInForce } from '../../../core/rules/rule-versions.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { hasRegionView, isAdmin } from '../auth/auth.permissions.ts';
import { countEnterprisesWhere, findEnterpriseScope, findEnterprisesWhere, loadEnterpriseProfiles } from '../enterprises/enterprise-profile.queries.ts';
import { appendEnterpriseEvents } from '../enterprises/enterprises.events.ts';
import { findRegionById } from '../regions/regions.queries.ts';
import { sm3Hash } from './grants.signing.ts';
import { canCreatePolicies, canManagePolicy, canReadEnterprise, canReadPolicy, canSeeDrafts, policyPolicies } from './policies.permissions.ts';
import {
  findItemById,
  findPolicyById,
  insertMessageOnce,
  insertMessagesOnce,
  listItemsOfPolicies,
  listPolicies,
  listPublishedItemsGoverning,
  listSubscriptions,
  listVersionsOfItems,
  type ItemRow,
  type PolicyRow,
  type VersionRow,
} from './policies.queries.ts';
import type { CreatePolicyBody, RuleVersionBody, UpdatePolicyBody } from './policies.schemas.ts';

export const actorRef = (actor: Actor) => ({ id: actor.id, name: actor.username });
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Rule hash: SM3 of the canonical rule, benefit and period (what a decision pins). */
export const ruleHashOf = (v: { rule: unknown; benefit: unknown; validFrom: string; validTo: string | null }) =>
  sm3Hash({ rule: v.rule, benefit: v.benefit, validFrom: v.validFrom, validTo: v.validTo });

export function presentVersion(v: VersionRow) {
  return {
    id: v.id,
    version: v.version,
    validFrom: v.valid_from,
    validTo: v.valid_to,
    rule: v.rule as RuleNode,
    benefit: v.benefit as Benefit,
    tests: v.tests as SituationTest[],
    testResults: v.test_results,
    hash: v.hash,
    machineCheckable: isMachineCheckable(v.rule as RuleNode),
    createdAt: v.created_at.toISOString(),
  };
}

function presentItem(item: ItemRow, versions: VersionRow[], today: string) {
  const inForce = versionInForce(versions.map((v) => ({ ...v, validFrom: v.valid_from, validTo: v.valid_to })), today);
  return {
    id: item.id,
    policyId: item.policy_id,
    title: item.title,
    mode: item.mode,
    theme: item.theme,
    conditionsText: item.conditions_text,
    status: item.status,
    publishedAt: item.published_at?.toISOString() ?? null,
    versionInForce: inForce ? { id: inForce.id, version: inForce.version, hash: inForce.hash, benefit: inForce.benefit as Benefit } : null,
    versions: versions.map(presentVersion),
  };
}

function presentPolicy(actor: Actor, p: PolicyRow) {
  return {
    id: p.id,
    regionId: p.region_id,
    regionName: p.region_name,
    title: p.title,
    issuer: p.issuer,
    docNumber: p.doc_number,
    effectiveFrom: p.effective_from,
    effectiveTo: p.effective_to,
    legalText: p.legal_text,
    contact: p.contact,
    themes: p.themes,
    isExample: p.is_example,
    version: p.version,
    updatedAt: p.updated_at.toISOString(),
    policies: policyPolicies(actor, p.region_path),
  };
}

function scopeForActor(actor: Actor) {
  if (isAdmin(actor)) return { all: true };
  if (!actor.regionPath) return {};
  if (hasRegionView(actor)) return { subtree: actor.regionPath, governing: actor.regionPath };
  return { governing: actor.regionPath };
}

export async function listPolicyCatalogue(db: Kysely<Database>, actor: Actor, query: { q?: string }, now: Date) {
  const rows = await listPolicies(db, scopeForActor(actor), query);
  const items = await listItemsOfPolicies(db, rows.map((r) => r.id));
  const versions = await listVersionsOfItems(db, items.map((i) => i.id));
  const today = isoDay(now);
  const out = rows.map((p) => {
    const drafts = canSeeDrafts(actor, p.region_path);
    const its = items.filter((i) => i.policy_id === p.id && (drafts || i.status === 'published'));
    return { ...presentPolicy(actor, p), items: its.map((i) => presentItem(i, versions.filter((v) => v.item_id === i.id), today)) };
  });
  return { items: out.filter((p) => p.items.length > 0 || canSeeDrafts(actor, rows.find((r) => r.id === p.id)!.region_path)), total: out.length };
}

async function policyOrThrow(db: Kysely<Database>, actor: Actor, id: string) {
  const p = await findPolicyById(db, id);
  if (!p || !canReadPolicy(actor, p.region_path)) throw new AppError('NOT_FOUND');
  return p;
}

export async function getPolicy(db: Kysely<Database>, actor: Actor, id: string, now: Date) {
  const p = await policyOrThrow(db, actor, id);
  const drafts = canSeeDrafts(actor, p.region_path);
  const items = (await listItemsOfPolicies(db, [p.id])).filter((i) => drafts || i.status === 'published');
  if (!drafts && items.length === 0) throw new AppError('NOT_FOUND');
  const versions = await listVersionsOfItems(db, items.map((i) => i.id));
  return { ...presentPolicy(actor, p), items: items.map((i) => presentItem(i, versions.filter((v) => v.item_id === i.id), isoDay(now))) };
}

export async function createPolicy(db: Kysely<Database>, actor: Actor, body: CreatePolicyBody, now: Date) {
  if (!canCreatePolicies(actor)) throw new AppError('FORBIDDEN');
  const regionId = body.regionId ?? actor.regionId;
  if (!regionId) throw new AppError('VALIDATION', undefined, [{ field: 'body.regionId', message: 'required', keyword: 'required' }]);
  const region = await findRegionById(db, regionId);
  if (!region || !canManagePolicy(actor, region.path)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  const period = checkPeriod(body.effectiveFrom, body.effectiveTo ?? null);
  if (period.length) throw new AppError('POL_RULE_INVALID', undefined, period);
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('policies')
      .values({
        region_id: region.id,
        title: body.title,
        issuer: body.issuer,
        doc_number: body.docNumber ?? null,
        effective_from: body.effectiveFrom,
        effective_to: body.effectiveTo ?? null,
        legal_text: body.legalText ?? '',
        contact: body.contact ?? null,
        themes: JSON.stringify(body.themes ?? []),
        is_example: body.isExample ?? false,
        created_by: actor.id,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const item of body.items ?? []) {
      await trx.insertInto('policy_items').values({ policy_id: row.id, title: item.title, mode: item.mode, theme: item.theme ?? '综合', conditions_text: item.conditionsText ?? '', updated_at: now }).execute();
    }
    await recordAudit(trx, { actor: actorRef(actor), action: 'policy.create', entity: 'policy', entityId: row.id, regionId: region.id, after: { title: body.title, docNumber: body.docNumber ?? null, items: (body.items ?? []).map((i) => i.title) }, at: now });
    return row.id;
  });
  return getPolicy(db, actor, id, now);
}

export async function updatePolicy(db: Kysely<Database>, actor: Actor, id: string, body: UpdatePolicyBody, now: Date) {
  const p = await policyOrThrow(db, actor, id);
  if (!canManagePolicy(actor, p.region_path)) throw new AppError('FORBIDDEN');
  const from = body.effectiveFrom ?? p.effective_from;
  const to = body.effectiveTo === undefined ? p.effective_to : body.effectiveTo;
  const period = checkPeriod(from, to);
  if (period.length) throw new AppError('POL_RULE_INVALID', undefined, period);
  await inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('policies')
      .set({
        title: body.title ?? p.title,
        issuer: body.issuer ?? p.issuer,
        doc_number: body.docNumber === undefined ? p.doc_number : body.docNumber,
        effective_from: from,
        effective_to: to,
        legal_text: body.legalText ?? p.legal_text,
        contact: body.contact === undefined ? p.contact : body.contact,
        themes: JSON.stringify(body.themes ?? p.themes),
        version: p.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('POL_VERSION_CONFLICT');
    for (const item of body.addItems ?? []) {
      await trx.insertInto('policy_items').values({ policy_id: id, title: item.title, mode: item.mode, theme: item.theme ?? '综合', conditions_text: item.conditionsText ?? '', updated_at: now }).execute();
    }
    await recordAudit(trx, {
      actor: actorRef(actor),
      action: 'policy.update',
      entity: 'policy',
      entityId: id,
      regionId: p.region_id,
      before: { title: p.title, effectiveFrom: p.effective_from, effectiveTo: p.effective_to, version: p.version },
      after: { ...body, version: p.version + 1 },
      at: now,
    });
  });
  return getPolicy(db, actor, id, now);
}

export async function draftRules(db: Kysely<Database>, actor: Actor, body: { text: string; regionId?: string; ref?: string }) {
  if (!canCreatePolicies(actor)) throw new AppError('FORBIDDEN');
  const regionId = body.regionId ?? actor.regionId;
  const region = regionId ? await findRegionById(db, regionId) : undefined;
  if (!region || !canManagePolicy(actor, region.path)) throw new AppError('NOT_FOUND', undefined, { field: 'regionId' });
  const drafts = draftConditions(body.text, { region: { id: region.id, name: region.name }, ref: body.ref ?? '（待填写政策依据）' });
  return { drafts, machineCheckable: drafts.length > 0 && drafts.every((d) => d.machineCheckable) };
}

export async function itemOrThrow(db: Kysely<Database>, actor: Actor, id: string) {
  const item = await findItemById(db, id);
  if (!item || !canReadPolicy(actor, item.region_path) || (item.status !== 'published' && !canSeeDrafts(actor, item.region_path))) throw new AppError('NOT_FOUND');
  return item;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** A situation test profile from a request: missing scalars become null (unknown), missing lists empty. */
export function normaliseProfile(input: Record<string, unknown>): EnterpriseProfile {
  return {
    enterpriseId: str(input.enterpriseId) ?? 'situation',
    name: str(input.name) ?? '情形测试企业',
    regionPath: str(input.regionPath),
    regionName: str(input.regionName),
    industryCode: str(input.industryCode),
    sizeClass: (str(input.sizeClass) as EnterpriseProfile['sizeClass']) ?? null,
    establishedOn: str(input.establishedOn),
    registrySource: str(input.registrySource) ?? '情形测试',
    registryAsOf: str(input.registryAsOf),
    figures: arr<EnterpriseProfile['figures'][number]>(input.figures).map((f) => ({ year: Number(f.year), employees: f.employees ?? null, revenue: f.revenue ?? null, assets: f.assets ?? null, source: f.source ?? '情形测试', asOf: f.asOf ?? '1970-01-01' })),
    tags: arr<EnterpriseProfile['tags'][number]>(input.tags).map((t) => ({ tag: String(t.tag), validFrom: t.validFrom ?? null, validTo: t.validTo ?? null, source: t.source ?? '情形测试' })),
    creditFlags: arr<EnterpriseProfile['creditFlags'][number]>(input.creditFlags).map((c) => ({ kind: c.kind, since: c.since ?? null, until: c.until ?? null, source: c.source ?? '情形测试' })),
  };
}

/**
 * Adds a rule version to an item. The rule and benefit are type-checked; the situation tests run; only when all pass
 * is the version stored and the item published (a 免申即享 item only with a fully machine-checkable rule). Then newly
 * eligible enterprises get a portal message (精准推送).
 */
export async function addRuleVersion(db: Kysely<Database>, actor: Actor, itemId: string, body: RuleVersionBody, now: Date) {
  const item = await itemOrThrow(db, actor, itemId);
  if (!canManagePolicy(actor, item.region_path)) throw new AppError('FORBIDDEN');
  const issues = [...checkRule(body.rule), ...checkBenefit(body.benefit), ...checkPeriod(body.validFrom, body.validTo ?? null)];
  if (issues.length) throw new AppError('POL_RULE_INVALID', undefined, issues);
  const rule = body.rule as RuleNode;
  const benefit = body.benefit as Benefit;
  if (item.mode === 'auto' && !isMachineCheckable(rule)) throw new AppError('POL_AUTO_NEEDS_MACHINE_RULE');
  const tests: SituationTest[] = body.tests.map((t) => ({ name: t.name, asOf: t.asOf, expected: t.expected, expectedAmount: t.expectedAmount, profile: normaliseProfile(t.profile) }));
  const run = runSituationTests({ rule, benefit }, tests);
  if (!run.passed) throw new AppError('POL_SITUATION_TESTS_FAILED', undefined, run.results);
  const validTo = body.validTo ?? null;
  const hash = ruleHashOf({ rule, benefit, validFrom: body.validFrom, validTo });
  const versionId = await inTransaction(db, async (trx) => {
    const last = await trx.selectFrom('policy_rule_versions').select((eb) => eb.fn.max('version').as('v')).where('item_id', '=', itemId).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto('policy_rule_versions')
      .values({ item_id: itemId, version, valid_from: body.validFrom, valid_to: validTo, rule: JSON.stringify(rule), benefit: JSON.stringify(benefit), tests: JSON.stringify(tests), test_results: JSON.stringify(run.results), hash, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('policy_items').set({ status: 'published', published_at: item.published_at ?? now, updated_at: now }).where('id', '=', itemId).execute();
    await recordAudit(trx, { actor: actorRef(actor), action: 'policy_item.rule_version', entity: 'policy_item', entityId: itemId, regionId: item.region_id, after: { version, hash, validFrom: body.validFrom, validTo, tests: run.results.length }, at: now });
    return row.id;
  });
  const pushed = await pushNewlyEligible(db, itemId, now);
  const versions = await listVersionsOfItems(db, [itemId]);
  return { item: presentItem((await findItemById(db, itemId))!, versions, isoDay(now)), versionId, testResults: run.results, pushed };
}

async function versionForItem(db: Kysely<Database>, itemId: string, asOf: string) {
  const versions = await listVersionsOfItems(db, [itemId]);
  return versionInForce(versions.map((v) => ({ ...v, validFrom: v.valid_from, validTo: v.valid_to })), asOf);
}

/**
 * 精准推送: every enterprise the item's rule holds for today gets one portal message for the item (never a second),
 * unless it subscribed to themes and this item's theme is not among them. Returns how many messages were new.
 */
export async function pushNewlyEligible(db: Kysely<Database>, itemId: string, now: Date): Promise<number> {
  const item = await findItemById(db, itemId);
  if (!item || item.status !== 'published') return 0;
  const today = isoDay(now);
  const version = await versionForItem(db, itemId, today);
  if (!version) return 0;
  const eligible = await findEnterprisesWhere(db, ruleToSql(version.rule as RuleNode, today), item.region_path);
  const subs = await listSubscriptions(db, eligible.map((e) => e.id));
  const themesOf = new Map<string, Set<string>>();
  for (const s of subs) (themesOf.get(s.enterprise_id) ?? themesOf.set(s.enterprise_id, new Set()).get(s.enterprise_id)!).add(s.theme);
  const targets = eligible.filter((e) => {
    const themes = themesOf.get(e.id);
    return !themes || themes.has(item.theme);
  });
  let sent = 0;
  // One statement per thousand enterprises: publishing to a whole registry must not be one round trip per firm.
  for (let i = 0; i < targets.length; i += 1000) {
    const chunk = targets.slice(i, i + 1000).map((e) => e.id);
    sent += await inTransaction(db, async (trx) => {
      const fresh = await insertMessagesOnce(trx, { enterpriseIds: chunk, itemId, title: `您可能符合“${item.title}”`, body: `根据企业库数据，贵单位符合${item.policy_title}中“${item.title}”的条件，请在政策体检中查看详情。` });
      await appendEnterpriseEvents(trx, fresh.map((enterpriseId) => ({ enterpriseId, kind: 'policy.matched', title: `符合政策：${item.title}`, refType: 'policy_item', refId: itemId, at: now })));
      return fresh.length;
    });
  }
  return sent;
}

/** Re-pushes after an enterprise's data changed (for the enterprises module to call). */
export async function pushForEnterprise(db: Kysely<Database>, enterpriseId: string, now: Date): Promise<number> {
  const scope = await findEnterpriseScope(db, enterpriseId);
  if (!scope) return 0;
  const items = await listPublishedItemsGoverning(db, scope.regionPath);
  const profile = (await loadEnterpriseProfiles(db, [enterpriseId])).get(enterpriseId)!;
  const today = isoDay(now);
  const versions = await listVersionsOfItems(db, items.map((i) => i.id));
  let sent = 0;
  for (const item of items) {
    const v = versionInForce(versions.filter((x) => x.item_id === item.id).map((x) => ({ ...x, validFrom: x.valid_from, validTo: x.valid_to })), today);
    if (!v || evaluateRule(v.rule as RuleNode, profile, today).result !== 'true') continue;
    if (await insertMessageOnce(db, { enterpriseId, itemId: item.id, title: `您可能符合“${item.title}”`, body: `贵单位数据更新后符合“${item.title}”的条件。` })) sent += 1;
  }
  return sent;
}

export async function enterpriseOrThrow(db: Kysely<Database>, actor: Actor, enterpriseId: string) {
  const scope = await findEnterpriseScope(db, enterpriseId);
  if (!scope || !canReadEnterprise(actor, { id: scope.id, regionPath: scope.regionPath })) throw new AppError('NOT_FOUND');
  return scope;
}

export interface MatchEntry {
  itemId: string;
  itemTitle: string;
  policyId: string;
  policyTitle: string;
  docNumber: string | null;
  mode: string;
  theme: string;
  isExample: boolean;
  status: MatchStatus;
  result: Truth;
  estimatedAmount: number | null;
  amountExplanation: string;
  gaps: string[];
  ruleVersion: { id: string; version: number; hash: string };
  trace: ReturnType<typeof evaluateRule>['leaves'];
}

/**
 * 政策体检: every published item that governs the enterprise, evaluated on today's data with its trace: what it
 * qualifies for, what it nearly qualifies for and why not, what needs data or a person, and the estimated amount.
 */
export async function policyMatches(db: Kysely<Database>, actor: Actor, enterpriseId: string, now: Date) {
  const scope = await enterpriseOrThrow(db, actor, enterpriseId);
  const profile = (await loadEnterpriseProfiles(db, [enterpriseId])).get(enterpriseId)!;
  const items = await listPublishedItemsGoverning(db, scope.regionPath);
  const versions = await listVersionsOfItems(db, items.map((i) => i.id));
  const byItem = new Map<string, VersionRow[]>();
  for (const v of versions) (byItem.get(v.item_id) ?? byItem.set(v.item_id, []).get(v.item_id)!).push(v);
  const today = isoDay(now);
  const entries: MatchEntry[] = [];
  for (const item of items) {
    const v = versionInForce((byItem.get(item.id) ?? []).map((x) => ({ ...x, validFrom: x.valid_from, validTo: x.valid_to })), today);
    if (!v) continue;
    const rule = v.rule as RuleNode;
    const evaluation = evaluateRule(rule, profile, today);
    const { status, failed } = classifyMatch(rule, evaluation);
    const amount = status === 'ineligible' ? { amount: null, explanation: '' } : benefitAmount(v.benefit as Benefit, profile, today);
    entries.push({
      itemId: item.id,
      itemTitle: item.title,
      policyId: item.policy_id,
      policyTitle: item.policy_title,
      docNumber: item.doc_number,
      mode: item.mode,
      theme: item.theme,
      isExample: item.is_example,
      status,
      result: evaluation.result,
      estimatedAmount: amount.amount,
      amountExplanation: amount.explanation,
      gaps: (status === 'pending' ? evaluation.leaves.filter((l) => l.result === 'unknown') : failed).map((l) => l.gap!).filter(Boolean),
      ruleVersion: { id: v.id, version: v.version, hash: v.hash },
      trace: evaluation.leaves,
    });
  }
  const order: Record<MatchStatus, number> = { eligible: 0, near: 1, pending: 2, ineligible: 3 };
  entries.sort((a, b) => order[a.status] - order[b.status] || (b.estimatedAmount ?? 0) - (a.estimatedAmount ?? 0));
  const sum = (s: MatchStatus) => entries.filter((e) => e.status === s).reduce((t, e) => t + (e.estimatedAmount ?? 0), 0);
  return {
    enterprise: { id: scope.id, name: scope.name },
    asOf: today,
    summary: { eligible: entries.filter((e) => e.status === 'eligible').length, near: entries.filter((e) => e.status === 'near').length, pending: entries.filter((e) => e.status === 'pending').length, estimatedTotal: sum('eligible') },
    items: entries,
  };
}

/** Near misses are found among at most this many failing enterprises (the scan runs in Node). */
const NEAR_SCAN_LIMIT = 5000;

/** A policy item's eligible list, computed inside the database, with the trace and amount of each row on the page. */
export async function eligibleList(db: Kysely<Database>, actor: Actor, itemId: string, query: { asOf?: string; truth?: 'true' | 'unknown' | 'near'; page?: number; pageSize?: number }, now: Date) {
  const item = await itemOrThrow(db, actor, itemId);
  if (!canSeeDrafts(actor, item.region_path)) throw new AppError('NOT_FOUND');
  const asOf = query.asOf ?? isoDay(now);
  const version = await versionForItem(db, itemId, asOf);
  if (!version) throw new AppError('POL_NO_RULE_VERSION');
  const scopePath = isAdmin(actor) || !actor.regionPath ? item.region_path : actor.regionPath.startsWith(item.region_path) ? actor.regionPath : item.region_path;
  const fragment = ruleToSql(version.rule as RuleNode, asOf);
  const rule = version.rule as RuleNode;
  const near = query.truth === 'near';
  let all = await findEnterprisesWhere(db, fragment, scopePath, { truth: near ? 'false' : query.truth === 'unknown' ? 'unknown' : 'true', limit: near ? NEAR_SCAN_LIMIT : undefined });
  if (near) {
    // Near misses are decided in Node (one failed condition away, see classifyMatch) over the rule's "false" rows.
    const scanned = await loadEnterpriseProfiles(db, all.map((e) => e.id));
    all = all.filter((e) => classifyMatch(rule, evaluateRule(rule, scanned.get(e.id)!, asOf)).status === 'near');
  }
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const slice = all.slice((page - 1) * pageSize, page * pageSize);
  const profiles = await loadEnterpriseProfiles(db, slice.map((e) => e.id));
  const rows = slice.map((e) => {
    const p = profiles.get(e.id)!;
    const evaluation = evaluateRule(rule, p, asOf);
    const amount = evaluation.result === 'false' ? { amount: null, explanation: '' } : benefitAmount(version.benefit as Benefit, p, asOf);
    const gaps = evaluation.leaves.filter((l) => l.result !== 'true' && l.gap).map((l) => l.gap!);
    return { enterpriseId: e.id, name: e.name, regionName: p.regionName, industryCode: p.industryCode, sizeClass: p.sizeClass, result: evaluation.result, estimatedAmount: amount.amount, amountExplanation: amount.explanation, gaps, trace: evaluation.leaves };
  });
  return { item: { id: item.id, title: item.title, mode: item.mode }, asOf, ruleVersion: { id: version.id, version: version.version, hash: version.hash }, total: all.length, items: rows };
}

/** Every eligible row (no paging) for the .xlsx export. */
export async function eligibleForExport(db: Kysely<Database>, actor: Actor, itemId: string, asOf: string | undefined, now: Date, truth?: 'true' | 'unknown' | 'near') {
  return eligibleList(db, actor, itemId, { asOf, truth, page: 1, pageSize: 100_000 }, now);
}

/** Coverage denominators for the results page. */
export async function eligibleCount(db: Kysely<Database>, item: ItemRow, now: Date): Promise<number> {
  const today = isoDay(now);
  const v = await versionForItem(db, item.id, today);
  return v ? countEnterprisesWhere(db, ruleToSql(v.rule as RuleNode, today), item.region_path) : 0;
}
