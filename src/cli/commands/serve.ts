import { SERVER_OPTIONS, SERVER_OPTIONS_USAGE, banner, configFromFlags, describeDatabase, parseCommandArgs, reportStartupError } from '../../server/commands/cli-support.ts';
import { startServer } from '../../server/main.ts';
import { hasAdmin } from '../../server/modules/auth/auth.queries.ts';

export const summary = 'Run the platform (production): PostgreSQL via DATABASE_URL, or PGlite in the data folder';
export const usage = `Usage: yingshang serve [options]

Applies pending migrations, then serves the web app and the API. No demo accounts are created:
on first start, create the admin with \`yingshang admin create\` or the first-run page.
SIGINT/SIGTERM stop gracefully (requests finish, jobs stop, the database closes).

Options:
${SERVER_OPTIONS_USAGE}`;

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseCommandArgs(args, SERVER_OPTIONS);
    const config = configFromFlags(values);
    const server = await startServer({ config });
    const needsSetup = !(await hasAdmin(server.database.db));
    const lines = [`营商 Yingshang listening on ${server.url} — ${describeDatabase(config)}`];
    if (needsSetup) lines.push(`No administrator yet: open ${server.url}/ (first-run page) or run \`yingshang admin create --username NAME --password PASSWORD\`.`);
    process.stdout.write(banner(lines));
    return await new Promise<number>(() => {});
  } catch (err) {
    return reportStartupError(err, usage);
  }
}
