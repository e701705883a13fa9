import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from './auth.actor.ts';
import { assertPasswordPolicy, hashPassword, verifyAgainstDummy, verifyPassword } from './auth.passwords.ts';
import {
  clearLoginFailures,
  deleteSessionById,
  findLoginLock,
  recordLoginFailure,
  type LoginKey,
  deleteSessionsOfUser,
  findSessionWithUser,
  findUserByUsername,
  insertSession,
  lockUserById,
  touchSession,
  updateUserById,
} from './auth.queries.ts';
import { sessionCache } from './auth.session-cache.ts';
import { hashSessionToken, newToken } from './auth.tokens.ts';

export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;
// Writing last_seen_at on every request would turn each read into a write; a minute is precise
// enough for an idle timeout counted in tens of minutes.
const TOUCH_INTERVAL_MS = 60_000;

export interface AuthDeps {
  db: Kysely<Database>;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  argon2MemoryKib: number;
  /** How long a resolved session may be reused without the database; 0 disables. */
  sessionCacheMs: number;
  now: () => Date;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** The actor for a session cookie, or `null` when the session is unknown, expired, idle or its user disabled. */
export async function resolveSession(deps: AuthDeps, token: string): Promise<Actor | null> {
  const tokenHash = hashSessionToken(deps.sessionSecret, token);
  const now = deps.now();
  const idleMs = deps.sessionIdleMinutes * 60_000;
  const cached = deps.sessionCacheMs > 0 ? sessionCache.get(tokenHash, now.getTime(), deps.sessionCacheMs) : undefined;
  if (cached && cached.expiresAt > now.getTime() && cached.lastSeenAt + idleMs > now.getTime() && now.getTime() - cached.lastSeenAt <= TOUCH_INTERVAL_MS) {
    return cached.actor;
  }
  const row = await findSessionWithUser(deps.db, tokenHash);
  if (!row) return null;
  if (row.expiresAt <= now || row.lastSeenAt.getTime() + idleMs <= now.getTime() || row.disabled) {
    await deleteSessionById(deps.db, row.sessionId);
    sessionCache.forgetSession(row.sessionId);
    return null;
  }
  let lastSeenAt = row.lastSeenAt.getTime();
  if (now.getTime() - lastSeenAt > TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, row.sessionId, now);
    lastSeenAt = now.getTime();
  }
  const actor: Actor = {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitId: row.unitId,
    unitName: row.unitName,
    regionId: row.regionId,
    regionName: row.regionName,
    regionPath: row.regionPath,
    enterpriseId: row.enterpriseId,
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
  };
  if (deps.sessionCacheMs > 0) sessionCache.set(tokenHash, { actor, lastSeenAt, expiresAt: row.expiresAt.getTime(), cachedAt: now.getTime() });
  return actor;
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

/**
 * Checks the password and opens a session. Failures are counted per (username as typed, client address) — for
 * unknown names exactly as for real ones — and 5 within 15 minutes lock that pair for 15 minutes: the same address
 * then gets AUTH_LOCKED even for the right password, while the account's owner elsewhere still logs in. Every path
 * spends one argon2 verification (a dummy one for unknown names and locked pairs), so neither the answer nor its
 * time tells whether an account exists. Every outcome but a locked answer is audited.
 * @throws AppError AUTH_INVALID_CREDENTIALS or AUTH_LOCKED
 */
export async function login(deps: AuthDeps, username: string, password: string, client: ClientInfo): Promise<LoginResult> {
  const now = deps.now();
  const key: LoginKey = { username: username.toLowerCase(), ip: client.ip ?? '' };
  const lockedUntil = await findLoginLock(deps.db, key, now);
  if (lockedUntil) {
    await verifyAgainstDummy(password, deps.argon2MemoryKib);
    throw lockedError(lockedUntil, now);
  }
  const user = await findUserByUsername(deps.db, username);
  const passwordOk = user ? await verifyPassword(user.password_hash, password) : (await verifyAgainstDummy(password, deps.argon2MemoryKib), false);
  if (!user || !passwordOk || user.disabled) {
    const failure = await inTransaction(deps.db, async (trx) => {
      const counted = await recordLoginFailure(trx, key, now, { windowMs: FAILURE_WINDOW_MS, max: MAX_FAILED_LOGINS, lockMs: LOCKOUT_MS });
      if (!user) {
        await recordAudit(trx, { actor: null, action: 'login_failed', entity: 'user', entityId: null, after: { username, ip: client.ip, failedCount: counted.failed_count, lockedUntil: counted.locked_until }, at: now });
        return counted;
      }
      // The account's own count (all addresses) is kept for the record; it locks nothing.
      const current = await lockUserById(trx, user.id);
      const recent = current?.last_failed_login_at && now.getTime() - current.last_failed_login_at.getTime() < FAILURE_WINDOW_MS;
      await updateUserById(trx, user.id, { failed_login_count: (recent ? (current?.failed_login_count ?? 0) : 0) + 1, last_failed_login_at: now });
      await recordAudit(trx, {
        actor: null,
        action: 'login_failed',
        entity: 'user',
        entityId: user.id,
        regionId: user.region_id,
        after: { username: user.username, ip: client.ip, failedCount: counted.failed_count, lockedUntil: counted.locked_until },
        at: now,
      });
      return counted;
    });
    if (failure.locked_until) throw lockedError(failure.locked_until, now);
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }

  const { token, sessionId } = await deps.db.transaction().execute(async (trx) => {
    await updateUserById(trx, user.id, { failed_login_count: 0, last_failed_login_at: null, locked_until: null, last_login_at: now });
    await clearLoginFailures(trx, key);
    return insertSessionFor(deps, trx, user, client, now, null);
  });
  return { token, actor: await resolveNewSession(deps, token, sessionId) };
}

/** The session row and its `login` audit entry, in the caller's transaction; `via` names a way in other than a password. */
async function insertSessionFor(deps: AuthDeps, trx: Transaction<Database>, user: { id: string; username: string; region_id: string | null }, client: ClientInfo, now: Date, via: string | null) {
  const token = newToken();
  const session = await insertSession(trx, {
    token_hash: hashSessionToken(deps.sessionSecret, token),
    csrf_token: newToken(),
    user_id: user.id,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + deps.sessionMaxHours * 3_600_000),
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 500) ?? null,
  });
  await recordAudit(trx, {
    actor: { id: user.id, name: user.username },
    action: 'login',
    entity: 'user',
    entityId: user.id,
    regionId: user.region_id,
    after: via ? { sessionId: session.id, ip: client.ip, via } : { sessionId: session.id, ip: client.ip },
    at: now,
  });
  return { token, sessionId: session.id };
}

async function resolveNewSession(deps: AuthDeps, token: string, sessionId: string): Promise<Actor> {
  const actor = await resolveSession(deps, token);
  if (!actor || actor.sessionId !== sessionId) throw new Error('session vanished right after login');
  return actor;
}

/**
 * Opens a session for a user whose identity was proven elsewhere (single sign-on): the same session, cookie and
 * audit entry as a password login, with `via` naming the way in.
 */
export async function openSession(deps: AuthDeps, userId: string, client: ClientInfo, via: string): Promise<LoginResult> {
  const now = deps.now();
  const { token, sessionId } = await deps.db.transaction().execute(async (trx) => {
    const user = await lockUserById(trx, userId);
    if (!user || user.disabled) throw new AppError('AUTH_INVALID_CREDENTIALS');
    await updateUserById(trx, userId, { last_login_at: now });
    return insertSessionFor(deps, trx, user, client, now, via);
  });
  return { token, actor: await resolveNewSession(deps, token, sessionId) };
}

function lockedError(until: Date, now: Date): AppError {
  return new AppError('AUTH_LOCKED', undefined, { retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) });
}

export async function logout(deps: AuthDeps, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await deleteSessionById(trx, actor.sessionId);
    sessionCache.forgetSession(actor.sessionId);
    await recordAudit(trx, {
      actor: { id: actor.id, name: actor.username },
      action: 'logout',
      entity: 'user',
      entityId: actor.id,
      regionId: actor.regionId,
      after: { sessionId: actor.sessionId },
      at: deps.now(),
    });
  });
}

/**
 * Changes the caller's own password and ends the caller's other sessions.
 * @throws AppError AUTH_CURRENT_PASSWORD_WRONG or PASSWORD_POLICY
 */
export async function changeOwnPassword(deps: AuthDeps, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  assertPasswordPolicy(newPassword, actor.username);
  const user = await findUserByUsername(deps.db, actor.username);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) throw new AppError('AUTH_CURRENT_PASSWORD_WRONG');
  const passwordHash = await hashPassword(newPassword, deps.argon2MemoryKib);
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateUserById(trx, actor.id, { password_hash: passwordHash, password_changed_at: now, updated_at: now });
    await deleteSessionsOfUser(trx, actor.id, actor.sessionId);
    sessionCache.forgetUser(actor.id);
    await recordAudit(trx, {
      actor: { id: actor.id, name: actor.username },
      action: 'password_change',
      entity: 'user',
      entityId: actor.id,
      regionId: actor.regionId,
      at: now,
    });
  });
}
