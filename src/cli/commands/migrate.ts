import { configFromFlags, describeDatabase, parseCommandArgs, reportStartupError } from '../../server/commands/cli-support.ts';
import { createDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

export const summary = 'Apply pending database migrations and exit';
export const usage = `Usage: yingshang migrate [--data-dir DIR | --database-url URL]

Exits 0 when the schema is current, 1 naming the migration that failed.`;

const OPTIONS = { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } as const;

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseCommandArgs(args, OPTIONS);
    const config = configFromFlags(values);
    const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(database.db);
      process.stdout.write(
        applied.length > 0 ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}:\n${applied.map((m) => `  ${m}`).join('\n')}\n` : `${describeDatabase(config)} is up to date.\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  } catch (err) {
    return reportStartupError(err, usage);
  }
}
