import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { hashPassword, assertPasswordPolicy } from '../auth/auth.passwords.ts';
import { checkCreditCode } from '../../../core/enterprise/credit-code.ts';
import { appendEnterpriseEvent } from './enterprises.events.ts';
import { canManageEnterprisesIn } from './enterprises.permissions.ts';
import { actorRef, getManageableEnterpriseOrThrow, getReadableEnterpriseOrThrow, listPolicies } from './enterprises.service.ts';

/**
 * Accounts of an enterprise's 经办人 (role `enterprise`, bound to it): the office creates them, or an enterprise signs
 * up with its code and name and the office confirms. Kept here rather than in the users service: the rules (one
 * enterprise, region from the enterprise, sign-up review) are the registry's.
 */

export interface AccountInput {
  username: string;
  displayName: string;
  password: string;
}

const checkPassword = assertPasswordPolicy;

const presentAccount = (u: { id: string; username: string; display_name: string; disabled: boolean; last_login_at?: Date | null }) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  disabled: u.disabled,
});

export async function listEnterpriseAccounts(db: Kysely<Database>, actor: Actor, enterpriseId: string) {
  const e = await getManageableEnterpriseOrThrow(db, actor, enterpriseId);
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'disabled']).where('enterprise_id', '=', e.id).orderBy('username').execute();
  return { items: rows.map(presentAccount), total: rows.length };
}

/** @throws AppError NOT_FOUND, FORBIDDEN, PASSWORD_POLICY, USERNAME_TAKEN */
export async function createEnterpriseAccount(db: Kysely<Database>, actor: Actor, enterpriseId: string, input: AccountInput, argon2MemoryKib: number, now: Date) {
  const e = await getManageableEnterpriseOrThrow(db, actor, enterpriseId);
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password, argon2MemoryKib);
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto('users')
        .values({ username: input.username.trim(), display_name: input.displayName.trim(), role: 'enterprise', enterprise_id: e.id, region_id: e.region_id, unit_id: null, password_hash: passwordHash, updated_at: now, password_changed_at: now })
        .returning(['id', 'username', 'display_name', 'disabled'])
        .executeTakeFirstOrThrow();
      await appendEnterpriseEvent(trx, { enterpriseId: e.id, kind: 'account.created', title: `开通企业账号：${user.display_name}`, refType: 'user', refId: user.id, at: now });
      await recordAudit(trx, { actor: actorRef(actor), action: 'create', entity: 'user', entityId: user.id, regionId: e.region_id, after: { username: user.username, displayName: user.display_name, role: 'enterprise', enterpriseId: e.id } });
      return presentAccount(user);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_username_key')) throw new AppError('USERNAME_TAKEN');
    throw err;
  }
}

export interface SignupInput extends AccountInput {
  creditCode: string;
  enterpriseName: string;
  phone?: string | null;
}

/**
 * Self sign-up: the code and the name must name the same registered enterprise (one answer for a wrong pair and an
 * unknown code). Nothing can log in until the office confirms.
 * @throws AppError ENT_SIGNUP_MISMATCH, PASSWORD_POLICY, USERNAME_TAKEN
 */
export async function requestSignup(db: Kysely<Database>, input: SignupInput, argon2MemoryKib: number, now: Date) {
  const code = checkCreditCode(input.creditCode);
  const e = code.ok ? await db.selectFrom('enterprises').select(['id', 'name', 'region_id']).where('credit_code', '=', code.normalized).executeTakeFirst() : undefined;
  if (!e || e.name.trim() !== input.enterpriseName.trim()) throw new AppError('ENT_SIGNUP_MISMATCH');
  checkPassword(input.password, input.username);
  const taken = await db.selectFrom('users').select('id').where('username', '=', input.username.trim()).executeTakeFirst();
  if (taken) throw new AppError('USERNAME_TAKEN');
  const passwordHash = await hashPassword(input.password, argon2MemoryKib);
  const row = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('enterprise_signup_requests')
      .values({ credit_code: code.normalized, enterprise_name: e.name, enterprise_id: e.id, region_id: e.region_id, username: input.username.trim(), display_name: input.displayName.trim(), phone: input.phone?.trim() || null, password_hash: passwordHash })
      .returning(['id', 'status', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: { id: null, name: `signup:${input.username.trim()}` }, action: 'create', entity: 'enterprise_signup', entityId: r.id, regionId: e.region_id, after: { creditCode: code.normalized, username: input.username.trim() } });
    return r;
  });
  return { id: row.id, status: row.status };
}

export async function listSignups(db: Kysely<Database>, actor: Actor) {
  if (!listPolicies(actor).create) throw new AppError('FORBIDDEN');
  let q = db
    .selectFrom('enterprise_signup_requests as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .select(['s.id', 's.credit_code', 's.enterprise_name', 's.enterprise_id', 's.username', 's.display_name', 's.phone', 's.status', 's.created_at'])
    .where('s.status', '=', 'pending');
  if (actor.role !== 'admin') q = q.where('r.path', 'like', `${actor.regionPath}%`);
  const rows = await q.orderBy('s.created_at').limit(200).execute();
  return {
    items: rows.map((s) => ({ id: s.id, creditCode: s.credit_code, enterpriseName: s.enterprise_name, enterpriseId: s.enterprise_id!, username: s.username, displayName: s.display_name, status: s.status, createdAt: new Date(s.created_at).toISOString() })),
    total: rows.length,
  };
}

/** @throws AppError NOT_FOUND, FORBIDDEN, ENT_REQUEST_DECIDED, USERNAME_TAKEN */
export async function decideSignup(db: Kysely<Database>, actor: Actor, id: string, decision: { accept: boolean; note?: string | null }, now: Date) {
  const s = await db.selectFrom('enterprise_signup_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s || !s.enterprise_id) throw new AppError('NOT_FOUND');
  const e = await getReadableEnterpriseOrThrow(db, actor, s.enterprise_id);
  if (!canManageEnterprisesIn(actor, e.region_path)) throw new AppError('FORBIDDEN');
  if (s.status !== 'pending') throw new AppError('ENT_REQUEST_DECIDED');
  try {
    return await db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('enterprise_signup_requests')
        .set({ status: decision.accept ? 'accepted' : 'rejected', decided_by: actor.id, decided_at: now, decision_note: decision.note?.trim() || null })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('ENT_REQUEST_DECIDED');
      let userId: string | null = null;
      if (decision.accept) {
        const user = await trx
          .insertInto('users')
          .values({ username: s.username, display_name: s.display_name, role: 'enterprise', enterprise_id: e.id, region_id: e.region_id, unit_id: null, password_hash: s.password_hash, updated_at: now, password_changed_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        userId = user.id;
        await appendEnterpriseEvent(trx, { enterpriseId: e.id, kind: 'account.created', title: `企业账号注册获确认：${s.display_name}`, refType: 'user', refId: user.id, at: now });
      }
      await recordAudit(trx, { actor: actorRef(actor), action: decision.accept ? 'accept' : 'reject', entity: 'enterprise_signup', entityId: id, regionId: e.region_id, after: { userId, note: decision.note ?? null } });
      return { id, status: decision.accept ? 'accepted' : 'rejected', userId };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_username_key')) throw new AppError('USERNAME_TAKEN');
    throw err;
  }
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** The 统一社会信用代码 the provider asserts this person acts for. */
  creditCode: string | null;
  name: string | null;
}

/**
 * The account an identity of the province's unified identity logs in as: the one already bound to it, or — the
 * first time — a new 经办人 of the registered enterprise whose credit code the provider asserts (the provider has
 * checked that the person may act for it, as 电子营业执照 and 法人/经办人 authorisation do). The new account has no
 * usable password. Staff accounts never log in this way.
 * @throws AppError AUTH_SSO_NO_ENTERPRISE when the code is missing, malformed, not in the registry or deregistered,
 *   or the identity is bound to a staff account
 */
export async function accountForOidcIdentity(db: Kysely<Database>, identity: OidcIdentity, unusablePasswordHash: string, now: Date): Promise<string> {
  const bound = await db.selectFrom('users').select(['id', 'role']).where('oidc_issuer', '=', identity.issuer).where('oidc_subject', '=', identity.subject).executeTakeFirst();
  if (bound) {
    if (bound.role !== 'enterprise') throw new AppError('AUTH_SSO_NO_ENTERPRISE');
    return bound.id;
  }
  const code = identity.creditCode ? checkCreditCode(identity.creditCode) : null;
  const e = code?.ok ? await db.selectFrom('enterprises').select(['id', 'name', 'region_id', 'status']).where('credit_code', '=', code.normalized).executeTakeFirst() : undefined;
  if (!e || e.status !== 'active') throw new AppError('AUTH_SSO_NO_ENTERPRISE');
  const displayName = (identity.name?.trim() || '经办人').slice(0, 50);
  const username = `sso-${code!.normalized.toLowerCase()}-${identity.subject.replace(/[^A-Za-z0-9]/g, '').slice(-8).toLowerCase() || 'x'}`;
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto('users')
        .values({ username, display_name: displayName, role: 'enterprise', enterprise_id: e.id, region_id: e.region_id, unit_id: null, password_hash: unusablePasswordHash, oidc_issuer: identity.issuer, oidc_subject: identity.subject, updated_at: now, password_changed_at: now })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await appendEnterpriseEvent(trx, { enterpriseId: e.id, kind: 'account.created', title: `经统一身份认证开通企业账号：${displayName}`, refType: 'user', refId: user.id, at: now });
      await recordAudit(trx, { actor: { id: user.id, name: username }, action: 'create', entity: 'user', entityId: user.id, regionId: e.region_id, at: now, after: { username, displayName, role: 'enterprise', enterpriseId: e.id, via: 'oidc', issuer: identity.issuer } });
      return user.id;
    });
  } catch (err) {
    // Two first logins of one identity at once: the other one bound it.
    if (isUniqueViolation(err, 'users_oidc_identity_key') || isUniqueViolation(err, 'users_username_key')) {
      const again = await db.selectFrom('users').select(['id', 'role']).where('oidc_issuer', '=', identity.issuer).where('oidc_subject', '=', identity.subject).executeTakeFirst();
      if (again?.role === 'enterprise') return again.id;
    }
    throw err;
  }
}
