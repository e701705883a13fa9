import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import smCrypto from 'sm-crypto';
import { canonicalJson } from '../../../core/rules/canonical-json.ts';
import type { Database } from '../../db/schema.ts';

export type SignAlg = 'sm2' | 'ed25519';

export interface SigningKey {
  alg: SignAlg;
  keyId: string;
  publicKey: string;
  privateKey: string;
}

const KEY_SETTING = 'grants.signing_key';
const KEYRING_SETTING = 'grants.keyring';
/** SM2 signer id (GB/T 35276 default user id). */
const SM2_USER_ID = '1234567812345678';

/** SM3 digest (hex) of a value's canonical JSON, the hash used for rules, snapshots, traces and decision payloads. */
export function sm3Hash(value: unknown): string {
  return smCrypto.sm3(canonicalJson(value));
}

/** A fresh key pair: SM2 (default, for 密评) or Ed25519. */
export function generateSigningKey(alg: SignAlg = 'sm2'): SigningKey {
  if (alg === 'sm2') {
    const pair = smCrypto.sm2.generateKeyPairHex();
    return { alg, keyId: `sm2:${smCrypto.sm3(pair.publicKey).slice(0, 16)}`, publicKey: pair.publicKey, privateKey: pair.privateKey };
  }
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const privateKey = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return { alg, keyId: `ed25519:${smCrypto.sm3(publicKey).slice(0, 16)}`, publicKey, privateKey };
}

/** Signs a message (the canonical payload text). */
export function signMessage(key: SigningKey, message: string): string {
  if (key.alg === 'sm2') return smCrypto.sm2.doSignature(message, key.privateKey, { hash: true, publicKey: key.publicKey, userId: SM2_USER_ID });
  const privateKey = createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return edSign(null, Buffer.from(message), privateKey).toString('base64');
}

/** Verifies a signature; false (never throws) on malformed input. */
export function verifyMessage(alg: SignAlg, publicKey: string, message: string, signature: string): boolean {
  try {
    if (alg === 'sm2') return smCrypto.sm2.doVerifySignature(message, signature, publicKey, { hash: true, userId: SM2_USER_ID });
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return edVerify(null, Buffer.from(message), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The server's grant-signing key, generated on first use and stored in settings; its public half is added to the
 * keyring so decisions signed before a rotation still verify.
 */
export async function ensureSigningKey(db: Kysely<Database>, alg: SignAlg = 'sm2'): Promise<SigningKey> {
  const existing = await db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirst();
  if (existing) return existing.value as SigningKey;
  const key = generateSigningKey(alg);
  await db
    .insertInto('settings')
    .values({ key: KEY_SETTING, value: JSON.stringify(key), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = (await db.selectFrom('settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirstOrThrow()).value as SigningKey;
  const entry = JSON.stringify({ [stored.keyId]: { alg: stored.alg, publicKey: stored.publicKey } });
  await db
    .insertInto('settings')
    .values({ key: KEYRING_SETTING, value: entry, updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`settings.value || excluded.value`, updated_at: new Date() }))
    .execute();
  return stored;
}

/** Public keys by key id (every key that ever signed here). */
export async function loadKeyring(db: Kysely<Database>): Promise<Record<string, { alg: SignAlg; publicKey: string }>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEYRING_SETTING).executeTakeFirst();
  return (row?.value ?? {}) as Record<string, { alg: SignAlg; publicKey: string }>;
}
