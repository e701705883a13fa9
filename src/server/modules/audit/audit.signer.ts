import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The head of the audit chain at one moment, signed so that it can be checked outside the database. */
export interface AuditCheckpoint {
  chainSeq: number;
  hash: string;
  at: string;
  keyId: string;
  /** Ed25519 over `checkpointText(...)`, base64. */
  signature: string;
}

export interface AuditSigner {
  keyId: string;
  publicKey: KeyObject;
  /** `null` when only the public key is known (verification only). */
  privateKey: KeyObject | null;
}

/** The exact bytes a checkpoint signature covers. */
export function checkpointText(c: Pick<AuditCheckpoint, 'chainSeq' | 'hash' | 'at'>): string {
  return `yingshang-audit-checkpoint/v1\n${c.chainSeq}\n${c.hash}\n${c.at}`;
}

/** First 16 hex digits of sha256 over the DER public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function signerFrom(privateKey: KeyObject | null, publicKey: KeyObject): AuditSigner {
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** A fresh Ed25519 key pair kept in memory (tests, in-memory databases). */
export function createEphemeralSigner(): AuditSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return signerFrom(privateKey, publicKey);
}

/**
 * Loads the Ed25519 signing key from a PEM file, creating it (mode 0600) on first use. The public
 * key is written beside it (`<file>.pub`) for whoever verifies elsewhere.
 */
export function loadOrCreateSigner(file: string): AuditSigner {
  if (existsSync(file)) {
    const privateKey = createPrivateKey(readFileSync(file));
    return signerFrom(privateKey, createPublicKey(privateKey));
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(file, 0o600);
  writeFileSync(`${file}.pub`, publicKey.export({ type: 'spki', format: 'pem' }));
  return signerFrom(privateKey, publicKey);
}

/** A verifier from a PEM file holding either the private key or the public key. */
export function loadVerifier(file: string): AuditSigner {
  const pem = readFileSync(file, 'utf8');
  if (pem.includes('PRIVATE KEY')) {
    const privateKey = createPrivateKey(pem);
    return signerFrom(null, createPublicKey(privateKey));
  }
  return signerFrom(null, createPublicKey(pem));
}

export function signCheckpoint(signer: AuditSigner, head: { chainSeq: number; hash: string }, at: Date): AuditCheckpoint {
  if (!signer.privateKey) throw new Error('this audit key can only verify');
  const base = { chainSeq: head.chainSeq, hash: head.hash, at: at.toISOString() };
  const signature = sign(null, Buffer.from(checkpointText(base)), signer.privateKey).toString('base64');
  return { ...base, keyId: signer.keyId, signature };
}

export function checkpointSignatureValid(signer: AuditSigner, c: AuditCheckpoint): boolean {
  if (c.keyId !== signer.keyId) return false;
  try {
    return verify(null, Buffer.from(checkpointText(c)), signer.publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Reads a checkpoint file (one JSON object per line); a malformed line is returned as `null`. */
export function readCheckpointFile(file: string): (AuditCheckpoint | null)[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const c = JSON.parse(line) as AuditCheckpoint;
        return typeof c.chainSeq === 'number' && typeof c.hash === 'string' && typeof c.at === 'string' && typeof c.signature === 'string' ? c : null;
      } catch {
        return null;
      }
    });
}

/** Where the signing key and the checkpoint file live: configured, or in the data folder. */
export function resolveAuditFiles(config: { dataDir: string | null; auditKeyFile: string | null; auditCheckpointFile: string | null }): {
  keyFile: string | null;
  checkpointFile: string | null;
} {
  return {
    keyFile: config.auditKeyFile ?? (config.dataDir ? join(config.dataDir, 'audit-signing-key.pem') : null),
    checkpointFile: config.auditCheckpointFile ?? (config.dataDir ? join(config.dataDir, 'audit-checkpoints.jsonl') : null),
  };
}
