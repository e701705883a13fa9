import { configFromFlags, parseCommandArgs, reportStartupError, UsageError } from '../../server/commands/cli-support.ts';
import { createDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { AppError } from '../../server/errors.ts';
import { createAdminFromConsole } from '../../server/modules/users/users.service.ts';

export const summary = 'Manage administrators: `admin create --username U --password P`';
export const usage = `Usage: yingshang admin create --username NAME --password PASSWORD [--display-name NAME]
                            [--data-dir DIR | --database-url URL]

Creates an administrator (applying pending migrations first). Passwords need at least 10
characters and must differ from the username. Exit codes: 0 created, 1 refused, 2 usage.`;

const OPTIONS = {
  username: { type: 'string' },
  password: { type: 'string' },
  'display-name': { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError('expected the subcommand "create"');
    if (!values.username || !values.password) throw new UsageError('--username and --password are required');
    const config = configFromFlags(values);
    const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateToLatest(database.db);
      const user = await createAdminFromConsole(
        { db: database.db, argon2MemoryKib: config.argon2MemoryKib },
        { username: values.username, password: values.password, displayName: values['display-name'] },
      );
      process.stdout.write(`Administrator "${user.username}" created (id ${user.id}).\n`);
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        const problems = (err.details as { problems?: string[] } | null)?.problems;
        process.stderr.write(`yingshang: ${err.code}: ${err.message}${problems ? ` (${problems.join('; ')})` : ''}\n`);
        return 1;
      }
      throw err;
    } finally {
      await database.close();
    }
  } catch (err) {
    return reportStartupError(err, usage);
  }
}
