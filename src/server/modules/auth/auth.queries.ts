import { sql, type Kysely } from 'kysely';
import type { Database, NewSession, UserUpdate } from '../../db/schema.ts';

export function findSessionWithUser(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('regions as r', 'r.id', 'u.region_id')
    .select([
      's.id as sessionId',
      's.csrf_token as csrfToken',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
      'u.id as userId',
      'u.username',
      'u.display_name as displayName',
      'u.role',
      'u.disabled',
      'u.unit_id as unitId',
      'un.name as unitName',
      'u.region_id as regionId',
      'r.name as regionName',
      'r.path as regionPath',
      'u.enterprise_id as enterpriseId',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSessionById(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date, idleBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertSession(db: Kysely<Database>, session: NewSession) {
  return db.insertInto('sessions').values(session).returning(['id']).executeTakeFirstOrThrow();
}

export function findUserByUsername(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export function lockUserById(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateUserById(db: Kysely<Database>, id: string, update: UserUpdate): Promise<void> {
  await db.updateTable('users').set(update).where('id', '=', id).execute();
}

export async function hasAdmin(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface LoginKey {
  /** The username as typed, lower-cased (known or not). */
  username: string;
  ip: string;
}

/** The end of the lockout of this (username, address), or `null` when it may try. */
export async function findLoginLock(db: Kysely<Database>, key: LoginKey, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('username', '=', key.username)
    .where('ip', '=', key.ip)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/**
 * Counts one failed login of (username, address) in one statement (concurrent failures each count): the count
 * restarts after `windowMs` without a failure or after a lockout ended; reaching `max` locks until now + `lockMs`.
 */
export async function recordLoginFailure(db: Kysely<Database>, key: LoginKey, now: Date, rule: { windowMs: number; max: number; lockMs: number }) {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const lockEnd = new Date(now.getTime() + rule.lockMs);
  const continues = sql<boolean>`login_failures.last_failed_at > ${windowStart} and login_failures.locked_until is null`;
  const row = await db
    .insertInto('login_failures')
    .values({ username: key.username, ip: key.ip, failed_count: 1, last_failed_at: now, locked_until: rule.max <= 1 ? lockEnd : null })
    .onConflict((oc) =>
      oc.columns(['username', 'ip']).doUpdateSet({
        failed_count: sql<number>`case when ${continues} then login_failures.failed_count + 1 else 1 end`,
        last_failed_at: now,
        locked_until: sql<Date | null>`case when ${continues} and login_failures.failed_count + 1 >= ${rule.max} then ${lockEnd}::timestamptz else null end`,
      }),
    )
    .returning(['failed_count', 'locked_until'])
    .executeTakeFirstOrThrow();
  // Names an attacker sprays would otherwise accumulate: drop the rows that no longer count.
  await db
    .deleteFrom('login_failures')
    .where('last_failed_at', '<', windowStart)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
  return row;
}

export async function clearLoginFailures(db: Kysely<Database>, key: LoginKey): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', key.username).where('ip', '=', key.ip).execute();
}
