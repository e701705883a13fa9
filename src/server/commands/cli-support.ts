import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { MigrationError } from '../db/migrate.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';

export const SERVER_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const SERVER_OPTIONS_USAGE = `  --port N              HTTP port (env PORT, default 3000)
  --host ADDR           listen address (env HOST, default 127.0.0.1; 0.0.0.0 for all interfaces)
  --data-dir DIR        embedded PGlite data folder (env YINGSHANG_DATA_DIR, default ./data)
  --database-url URL    PostgreSQL instead of PGlite (env DATABASE_URL)`;

export class UsageError extends Error {}

/** Parses the command's flags; throws UsageError on unknown or malformed ones. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Environment first, then the command-line flags on top; all checked together. */
export function configFromFlags(values: Record<string, string | boolean | undefined>): Config {
  const env = { ...process.env };
  if (typeof values.port === 'string') env.PORT = values.port;
  if (typeof values.host === 'string') env.HOST = values.host;
  if (typeof values['data-dir'] === 'string') env.YINGSHANG_DATA_DIR = values['data-dir'];
  if (typeof values['database-url'] === 'string') env.DATABASE_URL = values['database-url'];
  return loadConfig(env);
}

/** Turns expected start-up failures into a message and exit code; rethrows bugs. */
export function reportStartupError(err: unknown, usage?: string): number {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n\n${usage ?? ''}\n`);
    return 2;
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`yingshang: ${err.message}\n`);
    return 1;
  }
  if (err instanceof DataDirLockedError) {
    process.stderr.write(`yingshang: ${err.message}\n`);
    return 1;
  }
  if (err instanceof MigrationError) {
    process.stderr.write(`yingshang: database migration failed, nothing was started.\n  ${err.message}\n`);
    return 1;
  }
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    process.stderr.write(`yingshang: ${(err as Error).message}\n`);
    return 1;
  }
  throw err;
}

export function describeDatabase(config: Config): string {
  if (config.databaseUrl) return `PostgreSQL (${config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')})`;
  return `embedded PGlite (${config.dataDir})`;
}

/** The start banner: framed by rules and blank lines so that it stands out among JSON log lines. */
export function banner(lines: readonly string[]): string {
  const rule = '═'.repeat(72);
  return `\n${rule}\n${lines.map((l) => `  ${l}`).join('\n')}\n${rule}\n\n`;
}
