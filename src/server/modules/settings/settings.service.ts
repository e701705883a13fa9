import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { findSetting, insertSettingIfAbsent, upsertSetting } from './settings.queries.ts';

const SESSION_SECRET = 'session_secret';
const DEMO = 'demo';

/**
 * The configured secret, or the one stored in the database, generated on first start. Every
 * process on the same database reads the same value, so sessions work behind a load balancer.
 */
export async function ensureSessionSecret(db: Kysely<Database>, configured: string | null): Promise<string> {
  if (configured) return configured;
  const stored = await insertSettingIfAbsent(db, SESSION_SECRET, randomBytes(48).toString('base64url'));
  if (typeof stored !== 'string' || stored.length < 32) throw new Error('settings.session_secret is not a usable secret');
  return stored;
}

export async function isDemoInstall(db: Kysely<Database>): Promise<boolean> {
  return (await findSetting(db, DEMO)) === true;
}

export async function markDemoInstall(db: Kysely<Database>): Promise<void> {
  await upsertSetting(db, DEMO, true);
}
