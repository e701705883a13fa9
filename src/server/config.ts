import { availableParallelism } from 'node:os';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL connection string; `null` selects the embedded PGlite database. */
  readonly databaseUrl: string | null;
  /** PGlite data folder; `null` means in memory (tests only). */
  readonly dataDir: string | null;
  /** When `null`, a secret is generated on first start and kept in the `settings` table. */
  readonly sessionSecret: string | null;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  /** Reuse of a resolved session without the database, in ms (0 disables); see auth.session-cache.ts. */
  readonly sessionCacheMs: number;
  /**
   * The install is reached over HTTPS (`YINGSHANG_HTTPS`; `YINGSHANG_COOKIE_SECURE` is the older name): switches
   * HSTS, CSP `upgrade-insecure-requests` and `Secure` cookies together, so a plain-HTTP intranet install works.
   */
  readonly https: boolean;
  /** Always equal to `https`. */
  readonly cookieSecure: boolean;
  readonly loginRateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: LogLevel;
  /** Level of the one line logged per request (`YINGSHANG_REQUEST_LOG_LEVEL`, default debug: hidden at info). */
  readonly requestLogLevel: LogLevel;
  readonly trustProxy: boolean;
  /** Argon2id memory cost in KiB (OWASP minimum 19 MiB). */
  readonly argon2MemoryKib: number;
  readonly webDir: string | null;
  /** Unit webhooks may post to loopback/private/link-local addresses (SSRF guard off); for closed networks only. */
  readonly webhookAllowPrivate: boolean;
  /** Ed25519 key (PEM) signing audit checkpoints; `null`: `<dataDir>/audit-signing-key.pem`. */
  readonly auditKeyFile: string | null;
  /** Signed audit checkpoints, one JSON line each; `null`: `<dataDir>/audit-checkpoints.jsonl`. */
  readonly auditCheckpointFile: string | null;
  /** Worker threads reading uploaded documents and parsing plans (`YINGSHANG_DOCUMENT_WORKERS`, default cores − 1, at least 1; 0 reads on the main thread). */
  readonly documentWorkers: number;
  /** Old-generation heap limit of each document worker in MB (`YINGSHANG_DOCUMENT_MEMORY_MB`, default 512). */
  readonly documentMemoryMb: number;
  /** Time one document may take to read and parse, in ms (`YINGSHANG_DOCUMENT_TIMEOUT_MS`, default 30 000). */
  readonly documentTimeoutMs: number;
  /** Enterprise single sign-on through an OpenID Connect provider; `null` when not configured. */
  readonly oidc: OidcConfig | null;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The callback URL registered at the provider: `<public URL>/api/v1/auth/oidc/callback`. */
  readonly redirectUri: string;
  readonly scope: string;
  /** The ID-token/userinfo claim carrying the enterprise's 统一社会信用代码. */
  readonly creditCodeClaim: string;
  /** Plain-HTTP provider (tests, closed networks); never on the internet. */
  readonly allowInsecure: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads the configuration from `env` once. Every invalid variable is collected so that one start
 * attempt reports all of them; the result is frozen.
 * @throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const sessionSecret = env.YINGSHANG_SESSION_SECRET || null;
  if (sessionSecret !== null && sessionSecret.length < 32) {
    problems.push('YINGSHANG_SESSION_SECRET must be at least 32 characters (or unset to generate one)');
  }

  const logLevel = (env.YINGSHANG_LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`YINGSHANG_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const requestLogLevel = (env.YINGSHANG_REQUEST_LOG_LEVEL || 'debug') as LogLevel;
  if (!LOG_LEVELS.includes(requestLogLevel)) {
    problems.push(`YINGSHANG_REQUEST_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${requestLogLevel}")`);
  }

  let oidc: OidcConfig | null = null;
  if (env.YINGSHANG_OIDC_ISSUER) {
    const missing = ['YINGSHANG_OIDC_CLIENT_ID', 'YINGSHANG_OIDC_CLIENT_SECRET', 'YINGSHANG_OIDC_REDIRECT_URI'].filter((n) => !env[n]);
    if (missing.length > 0) problems.push(`YINGSHANG_OIDC_ISSUER is set, so ${missing.join(', ')} must be set too`);
    const allowInsecure = bool('YINGSHANG_OIDC_ALLOW_INSECURE', false);
    for (const name of ['YINGSHANG_OIDC_ISSUER', 'YINGSHANG_OIDC_REDIRECT_URI']) {
      const raw = env[name];
      if (raw && !(allowInsecure ? /^https?:\/\/.+/ : /^https:\/\/.+/).test(raw)) problems.push(`${name} must be an https:// URL (or set YINGSHANG_OIDC_ALLOW_INSECURE=true on a closed network)`);
    }
    oidc = {
      issuer: env.YINGSHANG_OIDC_ISSUER,
      clientId: env.YINGSHANG_OIDC_CLIENT_ID ?? '',
      clientSecret: env.YINGSHANG_OIDC_CLIENT_SECRET ?? '',
      redirectUri: env.YINGSHANG_OIDC_REDIRECT_URI ?? '',
      scope: env.YINGSHANG_OIDC_SCOPE || 'openid profile',
      creditCodeClaim: env.YINGSHANG_OIDC_CREDIT_CODE_CLAIM || 'credit_code',
      allowInsecure,
    };
  }

  const host = env.HOST || '127.0.0.1';
  const https = bool('YINGSHANG_HTTPS', bool('YINGSHANG_COOKIE_SECURE', false));
  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host,
    databaseUrl,
    dataDir: env.YINGSHANG_DATA_DIR || './data',
    sessionSecret,
    sessionIdleMinutes: int('YINGSHANG_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: int('YINGSHANG_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    sessionCacheMs: int('YINGSHANG_SESSION_CACHE_MS', 2000, 0, 60_000),
    https,
    cookieSecure: https,
    loginRateLimitPerMinute: int('YINGSHANG_LOGIN_RATE_LIMIT', 20, 1, 100_000),
    bodyLimitBytes: int('YINGSHANG_BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    logLevel,
    requestLogLevel,
    trustProxy: bool('YINGSHANG_TRUST_PROXY', false),
    argon2MemoryKib: int('YINGSHANG_ARGON2_MEMORY_KIB', 19_456, 1024, 1_048_576),
    webDir: env.YINGSHANG_WEB_DIR || null,
    webhookAllowPrivate: bool('YINGSHANG_WEBHOOK_ALLOW_PRIVATE', false),
    auditKeyFile: env.YINGSHANG_AUDIT_KEY_FILE || null,
    auditCheckpointFile: env.YINGSHANG_AUDIT_CHECKPOINT_FILE || null,
    documentWorkers: int('YINGSHANG_DOCUMENT_WORKERS', Math.max(1, availableParallelism() - 1), 0, 64),
    documentMemoryMb: int('YINGSHANG_DOCUMENT_MEMORY_MB', 512, 16, 16_384),
    documentTimeoutMs: int('YINGSHANG_DOCUMENT_TIMEOUT_MS', 30_000, 100, 600_000),
    oidc,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ ...config, ...overrides });
}
