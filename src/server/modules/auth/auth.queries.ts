import type { Kysely } from 'kysely';
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
